"""The printable documents: a permit and a refusal letter, as PDF (WeasyPrint from HTML).

The documents are in Azerbaijani and English side by side whatever the reader's language:
they are shown to employers, landlords and border guards as well as to the holder. Labels
in both languages are in the templates (``permits/pdf/``); names of types and grounds come
from the translation catalogues with the language switched for each column.

Rendering never reaches the network: the fetcher below lets through ``data:`` URLs and
files under our own static folders, nothing else. Text is set in DejaVu Sans, found by
fontconfig on the machine (it covers ə, ğ, ı, ş and Cyrillic).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from umis.accounts.models import Department
from umis.cases.models import Application
from umis.cases.reasons import ground_label
from umis.core.calendar import SERVICE_TZ
from umis.core.policy import policy_value
from umis.eservices import registry
from umis.permits.models import Permit
from umis.permits.photos import permit_photo, photo_data_uri
from umis.permits.qr import permit_qr_text, qr_svg

# Days after the letter is received within which a refusal can be appealed (a policy value).
APPEAL_POLICY = "cases.appeal_within_days"
VERIFY_URL = "permits_public:verify"


def _static_roots() -> list[Path]:
    roots = [Path(p).resolve() for p in getattr(settings, "STATICFILES_DIRS", [])]
    if getattr(settings, "STATIC_ROOT", None):
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def _fetcher() -> Any:
    """A WeasyPrint URL fetcher that refuses everything but data: URLs and our static files."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if any(path.is_relative_to(root) for root in _static_roots()):
                    return super().fetch(url, headers)
            raise ValueError(f"the document may not fetch {url!r}")

    return LocalOnlyFetcher(allowed_protocols=("data", "file"))


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    base = _static_roots()[0].as_uri() + "/" if _static_roots() else None
    return HTML(string=html, base_url=base, url_fetcher=_fetcher()).write_pdf()


def _both(fn: Any) -> dict[str, str]:
    """``fn()`` evaluated in Azerbaijani and in English."""
    out = {}
    for lang in ("az", "en"):
        with translation.override(lang):
            out[lang] = str(fn())
    return out


def service_date() -> date:
    return timezone.localtime(timezone=SERVICE_TZ).date()


# --- the permit ------------------------------------------------------------------------


def permit_context(permit: Permit, *, copy: bool = False, today: date | None = None) -> dict:
    holder = permit.holder
    qr_text = permit_qr_text(permit)
    department = permit.issuing_department
    return {
        "permit": permit,
        "holder": holder,
        "birth_date": holder.birth_date.iso(),
        "type": _both(permit.get_permit_type_display),
        "department": {"az": department.name_az, "en": department.name_en or department.name_az},
        "issued_on": timezone.localtime(permit.issued_at, SERVICE_TZ).date(),
        "qr_text": qr_text,
        "qr_svg": mark_safe(qr_svg(qr_text, title=permit.number, scale=2)),  # noqa: S308 - our SVG
        "verify_url": getattr(settings, "UMIS_PUBLIC_URL", "").rstrip("/") + reverse(VERIFY_URL),
        "copy": copy,
        "reprinted_on": (today or service_date()) if copy else None,
        "photo": photo_data_uri(permit_photo(permit.pk)),
    }


def permit_html(permit: Permit, *, copy: bool = False) -> str:
    return render_to_string("permits/pdf/permit.html", permit_context(permit, copy=copy))


def permit_pdf(permit: Permit, *, copy: bool = False) -> bytes:
    """The permit as a PDF; ``copy`` marks it "COPY / SURƏT" with the date of the reprint."""
    return html_to_pdf(permit_html(permit, copy=copy))


# --- the refusal letter ----------------------------------------------------------------


def refusal_grounds(application: Application) -> list[str]:
    """The grounds cited by the final refusal (its history row's ``details["grounds"]``)."""
    event = application.events.filter(transition="refuse").order_by("-at", "-id").first()
    return list((event.details or {}).get("grounds") or []) if event else []


def refusal_context(application: Application) -> dict:
    decided = application.decided_at or timezone.now()
    decided_on = timezone.localtime(decided, SERVICE_TZ).date()
    grounds = refusal_grounds(application)
    return {
        "application": application,
        "applicant_name": _applicant_name(application),
        "service": _both(lambda: registry.name_of(application.service_code)),
        "decided_on": decided_on,
        "grounds": [_both(lambda code=code: ground_label(code)) for code in grounds],
        "reasons": list(application.decision_reasons or []),
        "appeal_days": int(policy_value(APPEAL_POLICY, on=decided_on)),
        "department": _department_names(application),
    }


def _applicant_name(application: Application) -> str:
    """The name as the register knows it, else as the form gave it, else the account's."""
    person = application.person
    if person is not None:
        return f"{person.surname_latin} {person.given_names_latin}".strip()
    form = application.form_data or {}
    typed = f"{form.get('surname', '')} {form.get('given_names', '')}".strip()
    if typed:
        return typed
    user = application.applicant
    return user.get_full_name() or user.get_username()


def _department_names(application: Application) -> dict[str, str]:
    district = application.place_of_stay_district
    if district is not None:
        department = district.department
    else:  # older data without a place of stay: headquarters decided
        department = Department.objects.get(kind=Department.Kind.HEADQUARTERS)
    return {"az": department.name_az, "en": department.name_en or department.name_az}


def refusal_letter_html(application: Application) -> str:
    return render_to_string("permits/pdf/refusal.html", refusal_context(application))


def refusal_letter_pdf(application: Application) -> bytes:
    """The letter telling the applicant their application is refused, why, and how to appeal."""
    return html_to_pdf(refusal_letter_html(application))
