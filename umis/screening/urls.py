from django.urls import path

from umis.screening import views

app_name = "screening"
urlpatterns = [
    path("", views.search, name="search"),
    path("new/", views.edit, name="create"),
    path("<int:entry_id>/", views.detail, name="detail"),
    path("<int:entry_id>/edit/", views.edit, name="edit"),
    path("<int:entry_id>/lift/", views.lift, name="lift"),
]
