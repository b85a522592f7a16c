from django.urls import path

from umis.permits import document_views
from umis.portal import (
    accounts_views,
    apply_views,
    egov_views,
    follow_views,
    status_views,
    views,
)

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("services/", views.services, name="services"),
    # Accounts
    path("account/sign-up/", accounts_views.sign_up, name="sign_up"),
    path("account/sign-up/done/", accounts_views.sign_up_done, name="sign_up_done"),
    path("account/confirm/<str:token>/", accounts_views.confirm_email, name="confirm_email"),
    path("account/confirm-again/", accounts_views.resend_confirmation, name="resend_confirmation"),
    path("account/sign-in/", accounts_views.sign_in, name="sign_in"),
    path("account/sign-out/", accounts_views.sign_out, name="sign_out"),
    # Signing in with the e-government portal (OpenID Connect)
    path("account/sign-in/egov/", egov_views.egov_start, name="egov_start"),
    path("account/sign-in/egov/return/", egov_views.egov_callback, name="egov_callback"),
    path("account/sign-in/egov/link/", egov_views.egov_link, name="egov_link"),
    # Applying: a draft filled one page at a time, checked, then sent.
    path("apply/<slug:service>/", apply_views.start, name="apply_start"),
    path("apply/<str:number>/check/", apply_views.check, name="apply_check"),
    path("apply/<str:number>/sent/", apply_views.sent, name="apply_sent"),
    path("apply/<str:number>/<slug:step>/", apply_views.step, name="apply_step"),
    # Following one's applications
    path("applications/", follow_views.applications, name="applications"),
    path("applications/<str:number>/", follow_views.detail, name="application"),
    path(
        "applications/<str:number>/refusal-letter.pdf",
        document_views.holder_refusal_letter,
        name="refusal_letter",
    ),
    path(
        "applications/<str:number>/permits/<str:permit_number>.pdf",
        document_views.holder_permit,
        name="permit_pdf",
    ),
    path("applications/<str:number>/withdraw/", follow_views.withdraw, name="withdraw"),
    # The public status check, without an account
    path("status/", status_views.status_check, name="status"),
]
