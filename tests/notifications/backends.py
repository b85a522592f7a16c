"""A mail back-end that fails a set number of times before it delivers."""

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    failures_left = 0  # set by the test; shared by every instance send_mail creates

    def send_messages(self, messages):
        if FlakyBackend.failures_left > 0:
            FlakyBackend.failures_left -= 1
            raise ConnectionRefusedError("mail server unreachable")
        return super().send_messages(messages)
