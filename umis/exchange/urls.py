"""The simulators' URLs (mounted at /simulators/ only when settings.UMIS_SIMULATORS is on)."""

from django.urls import path

from umis.exchange.simulators import (
    border,
    border_feed,
    egov_oidc,
    foreign_affairs,
    health,
    labour,
    payment,
    population,
    tax,
)
from umis.exchange.simulators import internal_affairs as police
from umis.exchange.simulators import state_security as security

app_name = "simulators"
urlpatterns = [
    path("border/crossings/search", border.border_crossings, name="border-crossings"),
    path("border/crossings/feed", border_feed.crossings_feed, name="border-crossings-feed"),
    path("border/restrictions/list", border.border_restrictions, name="border-restrictions"),
    path("internal-affairs/criminal-record", police.criminal_record, name="criminal-record"),
    path("health/medical-certificate", health.medical_certificate, name="medical-cert"),
    path("payment/duties/status", payment.duty_status, name="duty-status"),
    path("payment/payments", payment.make_payment, name="payments"),
    path("population/citizens/by-fin", population.citizen_by_fin, name="citizen-by-fin"),
    path("population/citizens/search", population.citizen_search, name="citizen-search"),
    path("tax/taxpayers/by-tin", tax.taxpayer_by_tin, name="taxpayer-by-tin"),
    path("labour/contracts/search", labour.contracts_search, name="contracts-search"),
    path("foreign-affairs/visas/search", foreign_affairs.visas_search, name="visas-search"),
    # The e-government portal's sign-in as an OpenID Connect provider.
    path(
        "egov/oidc/.well-known/openid-configuration",
        egov_oidc.discovery,
        name="egov-oidc-discovery",
    ),
    path("egov/oidc/jwks", egov_oidc.jwks, name="egov-oidc-jwks"),
    path("egov/oidc/authorize", egov_oidc.authorize, name="egov-oidc-authorize"),
    path("egov/oidc/token", egov_oidc.token, name="egov-oidc-token"),
    path("egov/oidc/userinfo", egov_oidc.userinfo, name="egov-oidc-userinfo"),
    path("state-security/vetting/request", security.vetting_request, name="vetting-request"),
    path("state-security/vetting/result", security.vetting_result, name="vetting-result"),
]
