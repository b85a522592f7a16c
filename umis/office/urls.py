from django.urls import include, path

from umis.cases import document_views
from umis.office import views

app_name = "office"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login, name="login"),
    path("login/verify/", views.login_verify, name="login_verify"),
    path("logout/", views.logout, name="logout"),
    path("people/", include("umis.people.urls")),
    path("audit/", include("umis.audit.urls")),
    path("exchange/", include("umis.exchange.office_urls")),
    path(
        "applications/<str:number>/documents/<int:document_id>/",
        document_views.office_document,
        name="application_document",
    ),
    path("applications/", include("umis.cases.office_urls")),
    path("permits/", include("umis.permits.urls")),
    path("watch-list/", include("umis.screening.urls")),
    path("border/", include("umis.border.urls")),
]
