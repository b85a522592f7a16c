"""The audit log in the admin: to read (for auditors), never to add, change or delete.

Reading the log here is logged like a search on the office page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from umis.accounts.roles import perm
from umis.audit.models import AuditEntry
from umis.audit.services import audit_record


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = (
        "seq",
        "occurred_at",
        "actor_username",
        "actor_kind",
        "action",
        "target_type",
        "target_id",
        "outcome",
    )
    list_filter = ("actor_kind", "outcome", "action")
    search_fields = ("=actor_username", "=target_id", "=request_id", "action")
    date_hierarchy = "occurred_at"
    ordering = ("-seq",)
    actions = None
    show_full_result_count = False  # a full count of a large log is a slow query
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.has_perm(perm.AUDIT_VIEW)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        if response.status_code == 200:
            self._audit_read(request, "", {"filters": dict(request.GET.items())})
        return response

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:
            self._audit_read(request, object_id, {})
        return response

    def _audit_read(self, request: HttpRequest, target_id: str, details: dict) -> None:
        audit_record(
            action="audit.search",
            target_type="audit_log",
            target_id=target_id,
            request=request,
            details={**details, "channel": "admin"},
        )
