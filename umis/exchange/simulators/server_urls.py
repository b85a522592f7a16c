"""What the standalone simulators resolve (``server.SystemApplication`` rewrites each port's
paths into these): the simulators' own URLs and the control endpoint, nothing else."""

from django.urls import include, path

from umis.exchange.simulators.control import control

urlpatterns = [
    path("simulators/", include("umis.exchange.urls")),
    path("_control/<str:system>", control, name="simulator-control"),
]

# JSON, not the portal's pages: those link to URLs that are not served here.
handler404 = "umis.exchange.simulators.control.not_found"
handler500 = "umis.exchange.simulators.control.server_error"
