from django.urls import path

from umis.screening import public_views

app_name = "travel_ban"
urlpatterns = [path("travel-ban/", public_views.travel_ban, name="check")]
