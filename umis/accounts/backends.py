"""Answers ``user.has_perm`` from the role table in ``roles.py``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend

from umis.accounts.roles import permissions_for


class RolePermissionBackend(BaseBackend):
    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        return set(permissions_for(getattr(user_obj, "role", "")))

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)
