"""The e-government portal's simulator hands an application over to UMIS (demo only)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from umis.exchange.simulators.egov_handover import (
    hand_over,
    handover_message,
    portal_applicant,
    sample_form,
)


class Command(BaseCommand):
    help = (
        "Send an application to UMIS as the e-government portal hands it over (a signed "
        "message to /api/v1/exchange/egov/applications) and print UMIS's receipt."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--service", default="trp-issue", help="the e-service code")
        parser.add_argument(
            "--person",
            help="one of the people the portal's sign-in simulator offers (e.g. p12); "
            "default: the first with a document",
        )
        parser.add_argument("--subject", help="the portal's subject identifier of the person")
        parser.add_argument("--email", help="the applicant's e-mail, verified by the portal")
        parser.add_argument("--document-number", help="the travel document number")
        parser.add_argument("--form", type=Path, help="a JSON file with the whole form")
        parser.add_argument(
            "--set",
            action="append",
            default=[],
            metavar="FIELD=VALUE",
            help="change one field of the form (e.g. --set district=nowhere to see field errors)",
        )
        parser.add_argument(
            "--twice", action="store_true", help="send the same message again, as a retry would"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.UMIS_SIMULATORS:
            raise CommandError(_("The portal's simulator exists only where the simulators run."))
        try:
            applicant = portal_applicant(options["person"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        for name in ("subject", "email", "document_number"):
            if options[name]:
                applicant[name] = options[name]
        if options["form"]:
            try:
                form = json.loads(options["form"].read_text())
            except (OSError, ValueError) as exc:
                raise CommandError(
                    _("The form cannot be read: %(error)s") % {"error": exc}
                ) from None
        else:
            try:
                form = sample_form(options["service"], applicant)
            except ValueError as exc:
                raise CommandError(str(exc)) from None
        for change in options["set"]:
            name, sep, value = change.partition("=")
            if not sep:
                raise CommandError(_("--set takes FIELD=VALUE, not %(value)r") % {"value": change})
            form[name] = value
        message = handover_message(
            service_code=options["service"], applicant=applicant, form_data=form
        )
        for _send in range(2 if options["twice"] else 1):
            receipt = hand_over(message)
            signed = _("signed by UMIS") if receipt.signed_by_umis else _("NOT signed by UMIS")
            self.stdout.write(
                _("HTTP %(status)s (%(signed)s), message %(id)s")
                % {"status": receipt.status, "signed": signed, "id": message.message_id}
            )
            self.stdout.write(json.dumps(receipt.data, indent=2, ensure_ascii=False))
