"""/api/v1/auth/: who is calling. Lets a client check its token before real work."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from umis.accounts.models import ApiClient, User
from umis.accounts.permissions import StaffSessionAuth
from umis.accounts.roles import perm
from umis.accounts.tokens import ApiTokenAuth

router = Router(tags=["auth"])


class WhoAmI(Schema):
    kind: str  # "staff" or "client"
    name: str
    role: str | None = None
    department: str | None = None
    permissions: list[str]
    token_prefix: str | None = None
    token_expires_at: datetime | None = None


@router.get(
    "/whoami",
    response=WhoAmI,
    auth=[StaffSessionAuth(perm.OFFICE_ACCESS), ApiTokenAuth(None)],
    summary="Who is calling: a member of staff or a machine client",
)
def whoami(request: HttpRequest) -> WhoAmI:
    caller = request.auth  # type: ignore[attr-defined]
    department = caller.department.code if caller.department_id else None
    if isinstance(caller, ApiClient):
        token = request.api_token  # type: ignore[attr-defined]
        return WhoAmI(
            kind="client",
            name=caller.name,
            department=department,
            permissions=sorted(token.scopes),
            token_prefix=token.prefix,
            token_expires_at=token.expires_at,
        )
    assert isinstance(caller, User)
    return WhoAmI(
        kind="staff",
        name=caller.get_username(),
        role=caller.role,
        department=department,
        permissions=sorted(caller.get_all_permissions()),
    )
