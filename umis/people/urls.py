from django.urls import path

from umis.people import duplicate_views, views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("<int:person_id>/", views.detail, name="detail"),
    path("duplicates/", duplicate_views.queue, name="duplicates"),
    path("duplicates/<int:duplicate_id>/", duplicate_views.compare, name="duplicate"),
    path("duplicates/<int:duplicate_id>/merge/", duplicate_views.merge, name="duplicate_merge"),
    path(
        "duplicates/<int:duplicate_id>/keep-apart/",
        duplicate_views.keep_apart,
        name="duplicate_keep_apart",
    ),
    path("merges/<int:merge_id>/", duplicate_views.merge_detail, name="merge"),
]
