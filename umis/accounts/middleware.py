"""Staff areas need a signed-in user with a verified second factor, on every request.

Enforced here by path prefix so that no office page or office API operation can forget it.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from umis.accounts.tokens import presents_bearer_token

PROTECTED_PREFIXES = ("/office/", "/admin/", "/api/v1/office/")
OPEN_PATHS = ("/office/login/", "/office/login/verify/", "/office/logout/")


class StaffSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path.startswith(PROTECTED_PREFIXES) and not path.startswith(OPEN_PATHS):
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def _refusal(self, request: HttpRequest) -> HttpResponse | None:
        user = request.user
        is_api = request.path_info.startswith("/api/")
        if is_api and presents_bearer_token(request):
            return None  # machine clients: the API's token auth decides, per operation
        if not user.is_authenticated or not getattr(user, "is_office_staff", False):
            if is_api:
                return _api_error(401, "not_authenticated", _("Sign in as a member of staff."))
            if user.is_authenticated:
                return (
                    _api_error(403, "forbidden", _("This area is for staff only."))
                    if is_api
                    else HttpResponse(_("This area is for staff only."), status=403)
                )
            return HttpResponseRedirect(
                reverse("office:login") + "?" + urlencode({"next": request.get_full_path()})
            )
        if not user.is_verified():  # type: ignore[union-attr]
            if is_api:
                return _api_error(
                    401, "second_factor_required", _("Confirm your sign-in with a one-time code.")
                )
            return HttpResponseRedirect(
                reverse("office:login_verify") + "?" + urlencode({"next": request.get_full_path()})
            )
        return None


def _api_error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message, "fields": {}}}, status=status)
