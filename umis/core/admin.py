"""Admin for the working calendar's overrides and the policy values.

Both are reference data: every action needs the ``reference.edit`` role permission,
gated the same way as the accounts admin.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from umis.accounts.admin import RolePermissionAdmin
from umis.accounts.roles import perm
from umis.core.models import CalendarOverride, PolicyValue


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(RolePermissionAdmin):
    required_permission = perm.REFERENCE_DATA_EDIT
    list_display = ["date", "kind", "name_az", "name_en", "source"]
    list_filter = ["kind"]
    search_fields = ["name_az", "name_ru", "name_en", "source"]
    date_hierarchy = "date"


@admin.register(PolicyValue)
class PolicyValueAdmin(RolePermissionAdmin):
    required_permission = perm.REFERENCE_DATA_EDIT
    list_display = ["key", "value", "effective_from", "effective_to", "source"]
    search_fields = ["key", "source", "note"]
    list_filter = ["effective_from"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # close a period with effective_to instead: decided cases cite it
