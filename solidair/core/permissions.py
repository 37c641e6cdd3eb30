"""Named permissions. Views check them through the access helpers of each app; the names
keep checks greppable and let templates ask `can` questions without knowing the rules."""

from __future__ import annotations

from enum import StrEnum


class Permissions(StrEnum):
    # accounts
    PROFILE_EDIT = "profile.edit"
    # organisations
    ORGANISATION_VIEW = "organisation.view"
    ORGANISATION_CREATE = "organisation.create"
    ORGANISATION_EDIT = "organisation.edit"
    ORGANISATION_MANAGE_MEMBERS = "organisation.manage_members"
    ORGANISATION_TRANSFER_OWNERSHIP = "organisation.transfer_ownership"
    ORGANISATION_ACT_FOR = "organisation.act_for"
    ORGANISATION_VERIFY = "organisation.verify"
    # exchange (requests and offers)
    POST_CREATE = "exchange.post_create"
    POST_EDIT = "exchange.post_edit"
    POST_RESPOND = "exchange.post_respond"
    CONVERSATION_VIEW = "exchange.conversation_view"
    # matching and notifications
    SUGGESTIONS_VIEW = "matching.suggestions_view"
    SAVED_SEARCH_MANAGE = "matching.saved_search_manage"
    NOTIFICATION_VIEW = "notifications.view"
    # news
    NEWS_EDIT = "news.edit"
    NEWS_SUBMIT = "news.submit"
    # volunteer information point
    INFO_EDIT = "info.edit"
    # groups
    GROUP_CREATE = "group.create"
    GROUP_VIEW_CONTENT = "group.view_content"
    GROUP_POST = "group.post"
    GROUP_EDIT = "group.edit"
    GROUP_MANAGE_MEMBERS = "group.manage_members"
    GROUP_MODERATE = "group.moderate"
    GROUP_TRANSFER_OWNERSHIP = "group.transfer_ownership"
    # activities (calendar)
    EVENT_CREATE = "activities.event_create"
    EVENT_MANAGE = "activities.event_manage"
    EVENT_REGISTER = "activities.event_register"
    EVENT_SEE_ONLINE_LINK = "activities.event_see_online_link"
