from django.urls import path

from umis.exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.message_log, name="log"),
]
