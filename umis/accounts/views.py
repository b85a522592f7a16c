from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


def locked_out(
    request: HttpRequest, credentials: dict | None = None, *args, **kwargs
) -> HttpResponse:
    return HttpResponse(
        _("Too many failed sign-in attempts. The account is locked for a while."), status=429
    )
