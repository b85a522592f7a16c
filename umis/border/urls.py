from django.urls import path

from umis.border import views

app_name = "border"
urlpatterns = [
    path("", views.crossings, name="crossings"),
    path("<int:crossing_id>/", views.crossing, name="crossing"),
    path("<int:crossing_id>/review/", views.review, name="review"),
]
