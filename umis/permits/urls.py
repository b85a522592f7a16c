from django.urls import path

from umis.permits import document_views, views

app_name = "permits"
urlpatterns = [
    path("", views.search, name="search"),
    path("<str:number>/", views.detail, name="detail"),
    path("<str:number>/reprint/", document_views.reprint, name="reprint"),
    path("<str:number>/<slug:name>/", views.decide, name="decide"),
]
