from django.urls import path

from umis.cases import confirmation_views

app_name = "confirmation"
urlpatterns = [
    path(
        "applications/<str:number>/confirmation/",
        confirmation_views.confirmation,
        name="registration",
    ),
]
