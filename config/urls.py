from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from config.api import api
from umis.core.views import healthz

# Django admin is for administrators and reference data only, behind the second factor.
admin.site.__class__ = OTPAdminSite

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("office/", include("umis.office.urls")),
    path("applications/<str:number>/documents/", include("umis.cases.document_urls")),
    # Before the portal: the portal's own /applications/ pages must not shadow it.
    path("", include("umis.cases.confirmation_urls")),
    path("", include("umis.permits.verify_urls")),
    path("", include("umis.permits.share_urls")),
    path("", include("umis.screening.public_urls")),
    path("", include("umis.portal.urls")),
]
if settings.UMIS_SIMULATORS:
    # Stand-ins for the other state systems (demo and tests only), served by this process.
    urlpatterns.insert(0, path("simulators/", include("umis.exchange.urls")))
