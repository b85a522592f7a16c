"""Authentication backends: who the signed-in user is, and ``user.has_perm`` from the role
table in ``roles.py``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend, ModelBackend

from umis.accounts.models import User
from umis.accounts.roles import permissions_for
from umis.core.compiled_query import CompiledQuery


class RolePermissionBackend(BaseBackend):
    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        return set(permissions_for(getattr(user_obj, "role", "")))

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)


_USER_FIELDS = [field.attname for field in User._meta.concrete_fields]
_USER_BY_PK = CompiledQuery(
    lambda pk: User._default_manager.filter(pk=pk).values_list(*_USER_FIELDS).order_by(),
    key=int,
)


class AccountBackend(ModelBackend):
    """Django's password backend, with the signed-in user read on every request by one
    statement compiled once per process (the queryset cost more Python than the look-up
    costs the database)."""

    def get_user(self, user_id: Any) -> User | None:
        row = _USER_BY_PK.first(int(user_id))
        if row is None:
            return None
        user = User.from_db(User._default_manager.db, _USER_FIELDS, row)
        return user if self.user_can_authenticate(user) else None
