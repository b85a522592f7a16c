"""Keep at most a document's worth of an uploaded file on disk.

Django writes any upload, however large, to a temporary file before a view sees it. This
handler counts every byte (so ``upload.size`` is the true size) but stops writing once the
file passes ``UMIS_DOCUMENT_MAX_BYTES``: the service then refuses the file by its size,
with a message beside the field, and a huge upload cannot fill the disk.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler


class CappedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > settings.UMIS_DOCUMENT_MAX_BYTES + len(raw_data):
            return None  # swallowed: the file is refused by its size anyway
        return super().receive_data_chunk(raw_data, start)
