"""Admin for the working calendar's overrides and the policy values.

Both are reference data: every action needs the ``reference.edit`` role permission,
gated the same way as the accounts admin.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext as _

from umis.accounts.admin import RolePermissionAdmin
from umis.accounts.roles import perm
from umis.core.models import CalendarOverride, PolicyValue
from umis.core.policy import policy_period_overlap


class PolicyValueForm(forms.ModelForm):
    class Meta:
        model = PolicyValue
        fields = ["key", "value", "effective_from", "effective_to", "source", "note"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        key, start, end = data.get("key"), data.get("effective_from"), data.get("effective_to")
        if key and start:
            other = policy_period_overlap(
                key=key, start=start, end=end, exclude_pk=self.instance.pk
            )
            if other is not None:
                # Same rule as the loader: one value in force per key on any day.
                self.add_error(
                    "effective_from",
                    _("This period overlaps the one from %(date)s; close that one first.")
                    % {"date": other.effective_from.isoformat()},
                )
        return data


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
    form = PolicyValueForm
    list_display = ["key", "value", "effective_from", "effective_to", "source"]
    search_fields = ["key", "source", "note"]
    list_filter = ["effective_from"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # close a period with effective_to instead: decided cases cite it
