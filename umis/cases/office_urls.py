from django.urls import path

from umis.cases import office_views
from umis.permits import document_views

app_name = "applications"
urlpatterns = [
    path("", office_views.queue, name="queue"),
    path("<str:number>/", office_views.detail, name="detail"),
    path("<str:number>/act/", office_views.act, name="act"),
    path(
        "<str:number>/request-documents/", office_views.request_documents, name="request_documents"
    ),
    path(
        "<str:number>/documents-received/",
        office_views.documents_received,
        name="documents_received",
    ),
    path("<str:number>/assign/", office_views.assign, name="assign"),
    path(
        "<str:number>/refusal-letter.pdf",
        document_views.refusal_letter,
        name="refusal_letter",
    ),
]
