"""The applicant's documents pages, under /applications/<number>/documents/."""

from django.urls import path

from umis.cases import document_views

app_name = "documents"
urlpatterns = [
    path("", document_views.page, name="page"),
    path("<int:document_id>/", document_views.download, name="download"),
    path("<int:document_id>/remove/", document_views.remove, name="remove"),
]
