"""URL maps for tests of the office shell, with and without the later work areas."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from umis.office import views


def _stub(request: HttpRequest) -> HttpResponse:
    return HttpResponse("stub")


def _urls(*, with_areas: bool) -> list:
    office = [
        path("", views.home, name="home"),
        path("login/", views.login, name="login"),
        path("login/verify/", views.login_verify, name="login_verify"),
        path("logout/", views.logout, name="logout"),
    ]
    if with_areas:
        office += [
            path("people/", include(([path("", _stub, name="search")], "people"))),
            path("audit/", include(([path("", _stub, name="search")], "audit"))),
        ]
    return [
        path("office/", include((office, "office"))),
        path("i18n/", include("django.conf.urls.i18n")),
        path("", include("umis.portal.urls")),
    ]


class with_areas:  # noqa: N801 - used as a URLconf module
    urlpatterns = _urls(with_areas=True)


class without_areas:  # noqa: N801 - used as a URLconf module
    urlpatterns = _urls(with_areas=False)
