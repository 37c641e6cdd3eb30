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
