"""Print a demo staff user's current one-time code (and the otpauth URI to enrol an app)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Show the current TOTP code of a demo user's authenticator."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--uri", action="store_true", help="also print the otpauth:// URI")

    def handle(self, *args: Any, username: str, uri: bool, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("demo_totp reveals second factors: never in production.")
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None:
            raise CommandError(f"No authenticator for user {username!r}.")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        remaining = device.step - int(time.time() - device.t0) % device.step
        self.stdout.write(f"{code:0{device.digits}d}")
        self.stderr.write(f"(valid for about {remaining} more seconds)")
        if uri:
            self.stdout.write(device.config_url)
