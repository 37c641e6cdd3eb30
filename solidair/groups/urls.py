from django.urls import path

from .views import groups, members, topics

app_name = "groups"

urlpatterns = [
    path("", groups.directory, name="directory"),
    path("new/", groups.create, name="create"),
    path("mine/", groups.mine, name="mine"),
    path("invitations/<str:token>/", members.invitation, name="invitation"),
    path("unsubscribe/<str:token>/", groups.unsubscribe, name="unsubscribe"),
    path("<slug:slug>/", groups.detail, name="detail"),
    path("<slug:slug>/edit/", groups.edit, name="edit"),
    path("<slug:slug>/join/", groups.join, name="join"),
    path("<slug:slug>/leave/", groups.leave, name="leave"),
    path("<slug:slug>/notifications/", groups.notifications, name="notifications"),
    path("<slug:slug>/members/", members.members, name="members"),
    path("<slug:slug>/members/invite/", members.invite, name="invite"),
    path("<slug:slug>/members/<int:pk>/decide/", members.decide, name="decide"),
    path("<slug:slug>/members/<int:pk>/role/", members.member_role, name="member_role"),
    path("<slug:slug>/members/<int:pk>/remove/", members.member_remove, name="member_remove"),
    path(
        "<slug:slug>/invitations/<int:pk>/revoke/",
        members.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<slug:slug>/transfer/", members.transfer, name="transfer"),
    path("<slug:slug>/topics/new/", topics.topic_create, name="topic_create"),
    path("<slug:slug>/topics/<int:pk>/", topics.topic, name="topic"),
    path("<slug:slug>/topics/<int:pk>/edit/", topics.topic_edit, name="topic_edit"),
    path("<slug:slug>/topics/<int:pk>/delete/", topics.topic_delete, name="topic_delete"),
    path("<slug:slug>/topics/<int:pk>/moderate/", topics.topic_moderate, name="topic_moderate"),
    path(
        "<slug:slug>/topics/<int:pk>/replies/<int:reply_pk>/edit/",
        topics.reply_edit,
        name="reply_edit",
    ),
    path(
        "<slug:slug>/topics/<int:pk>/replies/<int:reply_pk>/delete/",
        topics.reply_delete,
        name="reply_delete",
    ),
]
