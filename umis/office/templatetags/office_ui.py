"""The office navigation: which areas this member of staff may open, with their URLs.

An area shows only when the user has its permission and its pages exist, so that nobody
is offered a link that ends in "forbidden" or "not found".
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from umis.accounts.roles import perm

register = template.Library()

# (key, label, description, permission(s) or None, URL name); a tuple means any of them.
OFFICE_AREAS: list[tuple[str, Any, Any, str | tuple[str, ...] | None, str]] = [
    ("home", _("Home"), "", None, "office:home"),
    (
        "applications",
        _("Applications"),
        _("Work the queues: new, assigned to you, due soon, overdue, awaiting approval."),
        (perm.CASE_ACCEPT, perm.CASE_REVIEW, perm.CASE_APPROVE, perm.CASE_ISSUE),
        "office:applications:queue",
    ),
    (
        "permits",
        _("Permits"),
        _("Find issued permits by number, FIN or name; replace, cancel or revoke one."),
        perm.PERMIT_VIEW,
        "office:permits:search",
    ),
    (
        "people",
        _("People search"),
        _("Find a person by name, FIN or document number, and open their file."),
        perm.PERSON_SEARCH,
        "office:people:search",
    ),
    (
        "watch_list",
        _("Watch list"),
        _("Entry bans and wanted persons: find, enter, change or lift an entry."),
        perm.WATCHLIST_VIEW,
        "office:screening:search",
    ),
    (
        "border",
        _("Border crossings"),
        _("Entries and exits from the border system: unlinked, to review, watch-list hits."),
        perm.BORDER_CROSSINGS_VIEW,
        "office:border:crossings",
    ),
    (
        "audit",
        _("Audit log"),
        _("See who read or changed which record, and when."),
        perm.AUDIT_VIEW,
        "office:audit:search",
    ),
    (
        "exchange",
        _("Exchange log"),
        _("Messages exchanged with other state systems, and why an answer was rejected."),
        perm.EXCHANGE_LOG_VIEW,
        "office:exchange:log",
    ),
]


def _url_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:  # that area's pages are not deployed (yet)
        return None


def office_areas_for(user: Any, current_path: str = "") -> list[dict[str, Any]]:
    areas = []
    for key, label, description, permission, name in OFFICE_AREAS:
        needed = (permission,) if isinstance(permission, str) else permission
        if needed is not None and not any(user.has_perm(p) for p in needed):
            continue
        url = _url_or_none(name)
        if url is None:
            continue
        # Home is current only on itself; an area also on the pages under it.
        current = current_path == url if key == "home" else current_path.startswith(url)
        areas.append(
            {
                "key": key,
                "label": label,
                "description": description,
                "url": url,
                "current": current,
            }
        )
    return areas


@register.simple_tag(takes_context=True)
def office_areas(context: template.Context) -> list[dict[str, Any]]:
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return []
    return office_areas_for(request.user, request.path)
