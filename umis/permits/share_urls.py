from django.urls import path

from umis.permits import share_views

app_name = "permits_share"
urlpatterns = [
    path("prove/", share_views.prove, name="prove"),
    path("prove/codes/<int:pk>/revoke/", share_views.revoke, name="revoke"),
    path("check/", share_views.check, name="check"),
]
