"""Admin: for administrators and reference data only.

Access follows the role table rather than Django's per-model permissions: reference data
needs ``reference.edit``, accounts and API clients ``accounts.manage``. Tokens are issued
with ``manage.py issue_api_token`` (the plaintext is printed once); here they can only be
inspected and revoked.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from umis.accounts.models import ApiClient, ApiToken, Department, District, User
from umis.accounts.roles import perm
from umis.accounts.token_services import api_token_revoke


class RolePermissionMixin:
    """Every action on the model needs one role permission."""

    required_permission: str = perm.USERS_MANAGE

    def _allowed(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.has_perm(self.required_permission)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)


class RolePermissionAdmin(RolePermissionMixin, admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)


class DistrictInline(RolePermissionMixin, admin.TabularInline):
    required_permission = perm.REFERENCE_DATA_EDIT
    model = District
    fields = ["code", "name_az", "name_ru", "name_en"]
    extra = 0
    show_change_link = True

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # moving a district to another department is a change, not a delete


@admin.register(Department)
class DepartmentAdmin(RolePermissionAdmin):
    required_permission = perm.REFERENCE_DATA_EDIT
    list_display = ["code", "name_az", "name_en", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name_az", "name_ru", "name_en"]
    inlines = [DistrictInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # staff, cases and districts point at departments


@admin.register(District)
class DistrictAdmin(RolePermissionAdmin):
    required_permission = perm.REFERENCE_DATA_EDIT
    list_display = ["code", "name_az", "name_ru", "name_en", "department"]
    list_filter = ["department"]
    search_fields = ["code", "name_az", "name_ru", "name_en"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(RolePermissionAdmin, DjangoUserAdmin):
    required_permission = perm.USERS_MANAGE
    list_display = ["username", "first_name", "last_name", "role", "department", "is_active"]
    list_filter = ["role", "department", "is_active"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Role"), {"fields": ["role", "department", "preferred_language"]}),
        (_("Status"), {"fields": ["is_active", "is_staff", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "role", "department", "password1", "password2"],
            },
        )
    ]
    readonly_fields = ["last_login", "date_joined"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # accounts are deactivated, never deleted: the audit log names them


class ApiTokenInline(RolePermissionMixin, admin.TabularInline):
    model = ApiToken
    fields = ["prefix", "scopes", "created_at", "expires_at", "revoked_at", "last_used_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ApiClient)
class ApiClientAdmin(RolePermissionAdmin):
    list_display = ["name", "department", "is_active", "created_at"]
    list_filter = ["is_active", "department"]
    search_fields = ["name"]
    inlines = [ApiTokenInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead: the audit log names clients


@admin.register(ApiToken)
class ApiTokenAdmin(RolePermissionAdmin):
    list_display = ["prefix", "client", "created_at", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["client"]
    search_fields = ["prefix", "client__name"]
    # The hash is never shown: it is useless to a reader and needless to expose.
    fields = ["client", "prefix", "scopes", "created_at", "expires_at", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # issued by manage.py issue_api_token, which shows the plaintext once

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoke instead, so that the history stays

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            api_token_revoke(token=token, by=request.user)  # type: ignore[arg-type]
            count += 1
        self.message_user(
            request,
            ngettext("%(n)d token revoked.", "%(n)d tokens revoked.", count) % {"n": count},
            messages.SUCCESS,
        )
