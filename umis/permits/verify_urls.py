from django.urls import path

from umis.permits import verify_views

app_name = "permits_public"
urlpatterns = [
    path("verify/", verify_views.verify, name="verify"),
    path(".well-known/jwks.json", verify_views.jwks_document, name="jwks"),
]
