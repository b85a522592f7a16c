"""The simulators' URLs (mounted at /simulators/ only when settings.UMIS_SIMULATORS is on)."""

from django.urls import path

from umis.exchange import simulators

app_name = "simulators"
urlpatterns = [
    path("border/crossings/search", simulators.border_crossings, name="border-crossings"),
    path("border/restrictions/list", simulators.border_restrictions, name="border-restrictions"),
    path("internal-affairs/criminal-record", simulators.criminal_record, name="criminal-record"),
    path("health/medical-certificate", simulators.medical_certificate, name="medical-cert"),
    path("payment/duties/status", simulators.duty_status, name="duty-status"),
    path("payment/payments", simulators.make_payment, name="payments"),
]
