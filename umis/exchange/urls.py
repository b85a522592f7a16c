"""The simulators' URLs (mounted at /simulators/ only when settings.UMIS_SIMULATORS is on)."""

from django.urls import path

from umis.exchange.simulators import border, health, payment
from umis.exchange.simulators import internal_affairs as police

app_name = "simulators"
urlpatterns = [
    path("border/crossings/search", border.border_crossings, name="border-crossings"),
    path("border/restrictions/list", border.border_restrictions, name="border-restrictions"),
    path("internal-affairs/criminal-record", police.criminal_record, name="criminal-record"),
    path("health/medical-certificate", health.medical_certificate, name="medical-cert"),
    path("payment/duties/status", payment.duty_status, name="duty-status"),
    path("payment/payments", payment.make_payment, name="payments"),
]
