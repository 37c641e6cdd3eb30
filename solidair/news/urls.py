from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.article_list, name="list"),
    path("feed/rss/", feeds.LatestNewsFeed(), name="feed_rss"),
    path("feed/atom/", feeds.LatestNewsAtomFeed(), name="feed_atom"),
    path("tags/<slug:slug>/rss/", feeds.LatestNewsFeed(), name="tag_feed_rss"),
    path("tags/<slug:slug>/atom/", feeds.LatestNewsAtomFeed(), name="tag_feed_atom"),
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.create, name="create"),
    path("manage/<int:pk>/edit/", views.edit, name="edit"),
    path("manage/<int:pk>/publish/", views.publish, name="publish"),
    path("manage/<int:pk>/unpublish/", views.unpublish, name="unpublish"),
    path("manage/<int:pk>/review/", views.review, name="review"),
    path("preview/", views.preview, name="preview"),
    path("submit/", views.submit, name="submit"),
    path("submissions/", views.submissions, name="submissions"),
    path("<slug:slug>/", views.article_detail, name="detail"),
]
