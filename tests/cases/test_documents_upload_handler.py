"""A huge upload is counted to the end but only about a document's worth is kept on disk."""

from __future__ import annotations

from umis.cases.upload_handlers import CappedTemporaryFileUploadHandler

CHUNK = 64 * 1024


def test_bytes_past_the_limit_are_counted_but_not_written(settings):
    settings.UMIS_DOCUMENT_MAX_BYTES = 4 * CHUNK
    handler = CappedTemporaryFileUploadHandler()
    handler.new_file("file", "big.pdf", "application/pdf", 100 * CHUNK)
    for i in range(100):
        handler.receive_data_chunk(b"x" * CHUNK, i * CHUNK)
    upload = handler.file_complete(100 * CHUNK)

    assert upload.size == 100 * CHUNK  # the true size: the service refuses by it
    upload.file.seek(0, 2)
    assert upload.file.tell() <= 5 * CHUNK  # the disk holds at most one chunk more
    upload.close()


def test_a_file_within_the_limit_is_kept_whole(settings):
    settings.UMIS_DOCUMENT_MAX_BYTES = 4 * CHUNK
    handler = CappedTemporaryFileUploadHandler()
    handler.new_file("file", "ok.pdf", "application/pdf", 3 * CHUNK)
    for i in range(3):
        handler.receive_data_chunk(bytes([i]) * CHUNK, i * CHUNK)
    upload = handler.file_complete(3 * CHUNK)
    upload.file.seek(0)
    assert upload.file.read() == b"\x00" * CHUNK + b"\x01" * CHUNK + b"\x02" * CHUNK
    upload.close()
