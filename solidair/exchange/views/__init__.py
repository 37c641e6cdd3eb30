"""Exchange pages (requests and offers): posts, conversations and the dashboard."""

from .conversations import (
    accept,
    conversation,
    conversation_new,
    inbox,
    match_outcome,
)
from .dashboard import dashboard
from .posts import (
    close,
    create,
    detail,
    edit,
    extend,
    fulfil,
    photo_delete,
    post_list,
    publish,
    reopen,
    respond,
)

__all__ = [
    "accept",
    "close",
    "conversation",
    "conversation_new",
    "create",
    "dashboard",
    "detail",
    "edit",
    "extend",
    "fulfil",
    "inbox",
    "match_outcome",
    "photo_delete",
    "post_list",
    "publish",
    "reopen",
    "respond",
]
