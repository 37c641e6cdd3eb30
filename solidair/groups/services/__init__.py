"""Every write of the groups app: services with keyword-only, typed arguments.

Callers (views, the API, commands, tasks) pass parsed values; the services check
permissions and invariants again. Errors are `ValidationError` (bad input or a state that
does not allow the action; the message is for the person) or `PermissionDenied`.
"""

from .groups import create_group, unique_slug, update_group
from .membership import (
    accept_invitation,
    accept_request,
    change_role,
    decline_invitation,
    invite,
    join_group,
    leave_group,
    refuse_request,
    remove_member,
    revoke_invitation,
    set_notification_preference,
    transfer_ownership,
    unsubscribe_by_token,
)
from .notify import send_group_digests, send_message_notifications
from .topics import (
    create_topic,
    delete_reply,
    delete_topic,
    edit_reply,
    edit_topic,
    mentioned_members,
    moderate_topic,
    reply_to_topic,
)

__all__ = [
    "accept_invitation",
    "accept_request",
    "change_role",
    "create_group",
    "create_topic",
    "decline_invitation",
    "delete_reply",
    "delete_topic",
    "edit_reply",
    "edit_topic",
    "invite",
    "join_group",
    "leave_group",
    "mentioned_members",
    "moderate_topic",
    "refuse_request",
    "remove_member",
    "reply_to_topic",
    "revoke_invitation",
    "send_group_digests",
    "send_message_notifications",
    "set_notification_preference",
    "transfer_ownership",
    "unique_slug",
    "unsubscribe_by_token",
    "update_group",
]
