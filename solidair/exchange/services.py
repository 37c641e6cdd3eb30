"""Every write to posts, responses, conversations, matches and reports.

Callers (views, the API, commands, tasks) pass parsed values or slugs; the services check
permissions and invariants again, because a request can be forged. Errors are
`ValidationError` (bad input or a state that does not allow the action; the message is
for the user, a dict names the field) or `PermissionDenied`. Rate limits are the caller's
job (solidair.exchange.ratelimits), since they need the request.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from solidair.accounts.models import Profile, User
from solidair.core.emails import absolute_url, send_templated_email
from solidair.core.images import clean_image_upload
from solidair.core.inputs import resolve_many as _resolve_many
from solidair.core.inputs import resolve_one as _resolve_one
from solidair.core.models import Category, Language, Neighbourhood, TargetGroup
from solidair.groups.permissions import content_group_for
from solidair.matching.services import send_matching_digests
from solidair.matching.tasks import enqueue_announcement
from solidair.moderation.sanctions import require_can_contribute
from solidair.moderation.services import hold_for_review
from solidair.moderation.trust import (
    RECENT_TEXTS,
    check_new_account_conversations,
    check_new_account_posts,
    hold_reason,
    recent_since,
)
from solidair.notifications.services import notify
from solidair.organisations.models import Organisation
from solidair.organisations.permissions import can_act_for

from . import permissions
from .models import (
    Conversation,
    ConversationRead,
    Match,
    Message,
    Post,
    PostPhoto,
    Response,
    default_expires_at,
    exchange_path,
)
from .querysets import _EPOCH as NEVER_READ
from .search import build_document

MAX_PHOTOS = 3
PHOTO_MAX_SIDE = 1600
MAX_SKILLS = 20
MAX_SKILL_LENGTH = 60
MAX_QUANTITY = 100_000
MAX_HOURS = 1000
TITLE_MIN_LENGTH = 3
# A post is never extended further than this into the future.
MAX_EXTENSION_WEEKS = 26
REMINDER_BEFORE = timedelta(days=7)
ALREADY_RESPONDED = _("You already responded to this post; continue in the conversation.")

# The fields of a post a caller may set; the rest is managed by the services.
POST_FIELDS = (
    "kind",
    "nature",
    "category",
    "title",
    "body",
    "neighbourhood",
    "quantity",
    "starts_on",
    "ends_on",
    "languages",
    "target_groups",
    "skills",
    "time_commitment",
    "hours",
)
# Fields whose change means the search document must be rebuilt.
_INDEXED_FIELDS = {"title", "body", "category", "skills"}


# --- helpers -----------------------------------------------------------------------------------


def _expiry_weeks() -> int:
    return int(getattr(settings, "POST_EXPIRY_WEEKS", 8))


def _url(name: str, fallback: str, **kwargs: Any) -> str:
    """An absolute URL for emails (exchange:<name>, or `fallback` until it is wired)."""
    return absolute_url(exchange_path(name.removeprefix("exchange:"), fallback, **kwargs))


def _profile(user: User) -> Profile | None:
    return getattr(user, "profile", None)


def _wants_message_email_now(user: User) -> bool:
    """Messages and responses are emailed at once only to people who chose that; the
    daily digest (send_message_digests) covers "daily"; "never" means never."""
    profile = _profile(user)
    return profile is None or profile.email_messages == Profile.EmailFrequency.IMMEDIATELY


def _wants_lifecycle_email(user: User) -> bool:
    """Reminders about one's own posts and the one-off outcome question: everyone except
    people who turned message emails off."""
    profile = _profile(user)
    return profile is None or profile.email_messages != Profile.EmailFrequency.NEVER


def _require_editor(user: User, post: Post) -> None:
    if not permissions.can_edit_post(user, post):
        raise PermissionDenied(_("Only the author and the organisation's admins manage this post."))


def _lock(post: Post) -> Post:
    """Re-read the post under a row lock, so concurrent actions see each other's result."""
    return Post.objects.select_for_update().get(pk=post.pk)


def _refresh(post: Post, locked: Post) -> Post:
    for field in locked._meta.concrete_fields:
        setattr(post, field.attname, getattr(locked, field.attname))
    return post


def _parse_date(value: Any, field: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError({field: _("Enter a valid date (YYYY-MM-DD).")})


def _parse_int(value: Any, field: str, *, minimum: int, maximum: int) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError({field: _("Enter a whole number.")})
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Enter a whole number.")}) from None
    if isinstance(value, float) and value != number:
        raise ValidationError({field: _("Enter a whole number.")})
    if number < minimum or number > maximum:
        raise ValidationError(
            {
                field: _("Enter a number from %(minimum)s to %(maximum)s.")
                % {"minimum": minimum, "maximum": maximum}
            }
        )
    return number


def _parse_skills(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, Iterable):
        raise ValidationError({"skills": _("Give a list of skills.")})
    skills: dict[str, None] = {}
    for item in value:
        if not isinstance(item, str):
            raise ValidationError({"skills": _("Give a list of skills.")})
        skill = " ".join(item.split())
        if not skill:
            continue
        if len(skill) > MAX_SKILL_LENGTH:
            raise ValidationError(
                {"skills": _("A skill has at most %(n)s characters.") % {"n": MAX_SKILL_LENGTH}}
            )
        skills[skill] = None
    if len(skills) > MAX_SKILLS:
        raise ValidationError({"skills": _("At most %(n)s skills.") % {"n": MAX_SKILLS}})
    return list(skills)


def _clean_text(value: Any, field: str, *, max_length: int, min_length: int = 1) -> str:
    if not isinstance(value, str) or len(value.strip()) < min_length:
        if min_length > 1 and isinstance(value, str) and value.strip():
            raise ValidationError(
                {field: _("Write at least %(n)s characters.") % {"n": min_length}}
            )
        raise ValidationError({field: _("This field is required.")})
    text = value.strip()
    if len(text) > max_length:
        raise ValidationError({field: _("At most %(n)s characters.") % {"n": max_length}})
    return text


@dataclass
class _CleanPost:
    values: dict[str, Any]
    languages: list[Language] | None
    target_groups: list[TargetGroup] | None


def _clean_post_data(data: Mapping[str, Any], *, post: Post | None) -> _CleanPost:
    """Validate `data` (all fields for a new post, a subset for an update) against the
    post's resulting state. Collects errors of every field into one ValidationError."""
    errors: dict[str, list[Any]] = {}
    values: dict[str, Any] = {}
    languages: list[Language] | None = None
    target_groups: list[TargetGroup] | None = None
    creating = post is None
    unknown = set(data) - set(POST_FIELDS)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("Unknown field.")})

    def run(field: str, parse: Any) -> None:
        if field not in data and not creating:
            return
        try:
            values[field] = parse(data.get(field))
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                errors.setdefault(key, []).extend(messages)

    def parse_choice(field: str, choices: list[str], required: bool) -> Any:
        def parse(value: Any) -> str:
            if value in (None, "") and not required:
                return ""
            if value not in choices:
                raise ValidationError({field: _("Choose a valid option.")})
            return str(value)

        return parse

    run("kind", parse_choice("kind", list(Post.Kind.values), True))
    run("nature", parse_choice("nature", list(Post.Nature.values), True))
    run("category", lambda v: _resolve_one(Category, v, "category", "slug"))
    run("neighbourhood", lambda v: _resolve_one(Neighbourhood, v, "neighbourhood", "slug"))
    run(
        "title",
        lambda v: _clean_text(v, "title", max_length=120, min_length=TITLE_MIN_LENGTH),
    )
    run("body", lambda v: _clean_text(v, "body", max_length=5000))
    run("quantity", lambda v: _parse_int(v, "quantity", minimum=1, maximum=MAX_QUANTITY))
    run("starts_on", lambda v: _parse_date(v, "starts_on"))
    run("ends_on", lambda v: _parse_date(v, "ends_on"))
    run("skills", _parse_skills)
    run(
        "time_commitment",
        parse_choice("time_commitment", list(Post.TimeCommitment.values), False),
    )
    run("hours", lambda v: _parse_int(v, "hours", minimum=1, maximum=MAX_HOURS))
    if "languages" in data or creating:
        try:
            languages = _resolve_many(Language, data.get("languages"), "languages", "code")
        except ValidationError as exc:
            errors.setdefault("languages", []).extend(exc.message_dict["languages"])
    if "target_groups" in data or creating:
        try:
            target_groups = _resolve_many(
                TargetGroup, data.get("target_groups"), "target_groups", "slug"
            )
        except ValidationError as exc:
            errors.setdefault("target_groups", []).extend(exc.message_dict["target_groups"])

    for required in ("category", "neighbourhood"):
        if required in values and values[required] is None:
            errors.setdefault(required, []).append(_("This field is required."))
    if errors:
        raise ValidationError(errors)

    # Cross-field rules on the state the post will have.
    def final(field: str) -> Any:
        if field in values:
            return values[field]
        return getattr(post, field) if post is not None else None

    nature = final("nature")
    category = final("category")
    if category is not None and category.nature != nature:
        errors.setdefault("category", []).append(
            _("Choose a category of the same kind (goods or volunteering).")
        )
    if nature != Post.Nature.GOODS and final("quantity") is not None:
        if "quantity" in values and values["quantity"] is not None:
            errors.setdefault("quantity", []).append(_("Only goods have a quantity."))
        else:
            values["quantity"] = None  # switching to volunteering drops the quantity
    if nature != Post.Nature.VOLUNTEERING:
        for field in ("skills", "time_commitment", "hours"):
            if values.get(field):
                errors.setdefault(field, []).append(
                    _("Only volunteer work has skills, a time commitment and hours.")
                )
            elif post is not None and getattr(post, field):
                values[field] = [] if field == "skills" else ("" if field != "hours" else None)
    starts_on, ends_on = final("starts_on"), final("ends_on")
    if starts_on is not None and ends_on is not None and ends_on < starts_on:
        errors.setdefault("ends_on", []).append(_("The end date cannot be before the start date."))
    if errors:
        raise ValidationError(errors)
    return _CleanPost(values=values, languages=languages, target_groups=target_groups)


def _resolve_organisation(
    user: User, organisation: Organisation | str | None
) -> Organisation | None:
    if organisation is None or organisation == "":
        return None
    if isinstance(organisation, str):
        found = Organisation.objects.filter(slug=organisation.strip()).first()
        if found is None:
            raise ValidationError({"organisation": _("You are not a member of this organisation.")})
        organisation = found
    if not can_act_for(user, organisation):
        raise ValidationError(
            {"organisation": _("You can only post on behalf of an organisation you belong to.")}
        )
    return organisation


def search_document_for(post: Post) -> str:
    """The search document of a post: title, body, category (source name and Dutch
    label), organisation and skills, normalised by solidair.exchange.search. Not the
    neighbourhood: it has its own filter, and place names split into false compounds
    ("Blaisantvest" would match "vest")."""
    category = post.category
    with translation.override("nl"):
        category_nl = gettext(category.name)
    texts = [post.title, post.body, category.name, category_nl]
    if post.organisation_id is not None and post.organisation is not None:
        texts.append(post.organisation.name)
    texts.extend(str(skill) for skill in post.skills or [])
    return build_document(texts)


def _publish_fields(post: Post, now: datetime) -> None:
    post.status = Post.Status.OPEN
    post.published_at = now
    post.expires_at = now + timedelta(weeks=_expiry_weeks())
    post.expiry_reminded_at = None
    post.closed_at = None


# --- posts -------------------------------------------------------------------------------------


@transaction.atomic
def create_post(
    *,
    author: User,
    data: Mapping[str, Any],
    organisation: Organisation | str | None = None,
    group: Any = None,
    publish: bool = True,
) -> Post:
    """Create a post from `data` (keys of POST_FIELDS; category, neighbourhood, target
    groups by slug or instance, languages by ISO code or instance), as `author` or on
    behalf of `organisation` (one the author may act for), optionally only for `group`
    (slug or instance; one the author is an active member of). Published at once unless
    `publish` is False (a draft, to preview). Raises ValidationError naming the field."""
    require_can_contribute(author)
    check_new_account_posts(author)
    org = _resolve_organisation(author, organisation)
    only_for = content_group_for(author, group)
    cleaned = _clean_post_data(data, post=None)
    values = cleaned.values
    post = Post(
        author=author,
        organisation=org,
        group=only_for,
        kind=values["kind"],
        nature=values["nature"],
        category=values["category"],
        neighbourhood=values["neighbourhood"],
        title=values["title"],
        body=values["body"],
        quantity=values["quantity"],
        quantity_open=values["quantity"],
        starts_on=values["starts_on"],
        ends_on=values["ends_on"],
        skills=values["skills"],
        time_commitment=values["time_commitment"],
        hours=values["hours"],
        status=Post.Status.DRAFT,
        expires_at=default_expires_at(),
    )
    if publish:
        _publish_fields(post, timezone.now())
    post.search_document = search_document_for(post)
    post.save()
    post.languages.set(cleaned.languages or [])
    post.target_groups.set(cleaned.target_groups or [])
    if publish:
        enqueue_announcement(post.pk)
    return post


@transaction.atomic
def publish_post(*, post: Post, by: User) -> Post:
    """Publish a draft: it becomes open and expires after POST_EXPIRY_WEEKS. Publishing
    an open post again changes nothing."""
    _require_editor(by, post)
    locked = _lock(post)
    if locked.status == Post.Status.OPEN:
        return _refresh(post, locked)
    if locked.status != Post.Status.DRAFT:
        raise ValidationError(_("Only a draft can be published; reopen a closed post instead."))
    _publish_fields(locked, timezone.now())
    locked.save()
    enqueue_announcement(locked.pk)
    return _refresh(post, locked)


@transaction.atomic
def update_post(*, post: Post, by: User, data: Mapping[str, Any]) -> Post:
    """Change the fields present in `data` (same keys as create_post, plus
    "organisation": a slug/instance the editor may act for, or None; "group": a group
    the editor is an active member of, or None for everyone). The quantity still open keeps
    what was already given: it drops or rises with the new quantity."""
    _require_editor(by, post)
    data = dict(data)
    has_organisation = "organisation" in data
    organisation = data.pop("organisation", None)
    has_group = "group" in data
    group = data.pop("group", None)
    locked = _lock(post)
    cleaned = _clean_post_data(data, post=locked)
    values = cleaned.values
    if has_organisation:
        locked.organisation = _resolve_organisation(by, organisation)
    if has_group:
        locked.group = content_group_for(by, group)
    if "quantity" in values:
        new_quantity = values.pop("quantity")
        if new_quantity is None:
            locked.quantity = locked.quantity_open = None
        else:
            given = (locked.quantity or 0) - (locked.quantity_open or 0)
            locked.quantity = new_quantity
            locked.quantity_open = max(new_quantity - given, 0)
    for field, value in values.items():
        setattr(locked, field, value)
    if _INDEXED_FIELDS & set(values) or has_organisation:
        locked.search_document = search_document_for(locked)
    locked.save()
    if cleaned.languages is not None:
        locked.languages.set(cleaned.languages)
    if cleaned.target_groups is not None:
        locked.target_groups.set(cleaned.target_groups)
    return _refresh(post, locked)


@transaction.atomic
def add_post_photo(*, post: Post, by: User, upload: Any, alt_text: str = "") -> PostPhoto:
    """Add a photo (validated and re-encoded as JPEG, metadata stripped, at most
    1600 px). A post has at most three photos."""
    _require_editor(by, post)
    locked = _lock(post)
    count = PostPhoto.objects.filter(post=locked).count()
    if count >= MAX_PHOTOS:
        raise ValidationError({"photo": _("A post has at most %(n)s photos.") % {"n": MAX_PHOTOS}})
    alt = (alt_text or "").strip()
    if len(alt) > 200:
        raise ValidationError({"alt_text": _("At most %(n)s characters.") % {"n": 200}})
    try:
        content = clean_image_upload(upload, max_side=PHOTO_MAX_SIDE, output_format="JPEG")
    except ValidationError as exc:
        raise ValidationError({"photo": exc.messages}) from exc
    last = PostPhoto.objects.filter(post=locked).aggregate(m=models.Max("position"))["m"]
    photo = PostPhoto(post=locked, alt_text=alt, position=(last or 0) + 1 if count else 0)
    photo.image.save(content.name or "photo.jpg", content, save=False)
    photo.save()
    return photo


@transaction.atomic
def remove_post_photo(*, photo: PostPhoto, by: User) -> None:
    """Delete a photo and its file."""
    _require_editor(by, photo.post)
    storage, name = photo.image.storage, photo.image.name
    photo.delete()
    if name:
        # Only once the row is really gone: a rolled-back delete must keep its file.
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def close_post(*, post: Post, by: User) -> Post:
    """Close a post (nobody can respond any more; conversations stay). Closing a post
    that is already closed, fulfilled or expired changes nothing."""
    _require_editor(by, post)
    locked = _lock(post)
    if locked.status in (Post.Status.OPEN, Post.Status.DRAFT):
        if locked.published_at is None:
            locked.published_at = timezone.now()
        locked.status = Post.Status.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at", "published_at", "updated_at"])
    return _refresh(post, locked)


@transaction.atomic
def reopen_post(*, post: Post, by: User) -> Post:
    """Open a closed, expired or fulfilled post again for POST_EXPIRY_WEEKS. A fulfilled
    post with nothing left starts again with its full quantity."""
    _require_editor(by, post)
    locked = _lock(post)
    if locked.status == Post.Status.DRAFT:
        raise ValidationError(_("Publish the draft instead."))
    if locked.status == Post.Status.OPEN and locked.expires_at > timezone.now():
        return _refresh(post, locked)
    now = timezone.now()
    locked.status = Post.Status.OPEN
    locked.closed_at = None
    locked.expires_at = max(locked.expires_at, now + timedelta(weeks=_expiry_weeks()))
    locked.expiry_reminded_at = None
    if locked.quantity is not None and not locked.quantity_open:
        locked.quantity_open = locked.quantity
    locked.save()
    enqueue_announcement(locked.pk)
    return _refresh(post, locked)


@transaction.atomic
def extend_post(*, post: Post, by: User, weeks: int | None = None) -> Post:
    """Push the expiry date `weeks` (default POST_EXPIRY_WEEKS) further, counted from now
    or from the current expiry date, whichever is later; never more than 26 weeks ahead.
    An expired post is reopened."""
    _require_editor(by, post)
    weeks = _expiry_weeks() if weeks is None else weeks
    if not isinstance(weeks, int) or weeks < 1 or weeks > MAX_EXTENSION_WEEKS:
        raise ValidationError(
            {"weeks": _("Choose from 1 to %(n)s weeks.") % {"n": MAX_EXTENSION_WEEKS}}
        )
    locked = _lock(post)
    if locked.status not in (Post.Status.OPEN, Post.Status.EXPIRED):
        raise ValidationError(_("Only an open or expired post can be extended."))
    now = timezone.now()
    new_expiry = max(locked.expires_at, now) + timedelta(weeks=weeks)
    locked.expires_at = min(new_expiry, now + timedelta(weeks=MAX_EXTENSION_WEEKS))
    locked.expiry_reminded_at = None
    locked.status = Post.Status.OPEN
    locked.closed_at = None
    locked.save()
    return _refresh(post, locked)


@transaction.atomic
def mark_fulfilled(*, post: Post, by: User, quantity: int | None = None) -> Post:
    """Record that the post was (partly) fulfilled. With `quantity` (goods), that many
    were given or received: the quantity still open drops, and the post is fulfilled when
    nothing is left. Without, the post is fulfilled completely."""
    _require_editor(by, post)
    locked = _lock(post)
    if locked.status not in (Post.Status.OPEN, Post.Status.CLOSED, Post.Status.EXPIRED):
        raise ValidationError(_("Only a published post can be fulfilled."))
    now = timezone.now()
    if quantity is not None:
        if locked.quantity is None or locked.quantity_open is None:
            raise ValidationError({"quantity": _("This post has no quantity.")})
        amount = _parse_int(quantity, "quantity", minimum=1, maximum=locked.quantity_open or 1)
        if amount is None or locked.quantity_open == 0:
            raise ValidationError({"quantity": _("Nothing is left to fulfil.")})
        locked.quantity_open -= amount
        if locked.quantity_open == 0:
            locked.status = Post.Status.FULFILLED
            locked.closed_at = now
    else:
        locked.status = Post.Status.FULFILLED
        locked.closed_at = now
        if locked.quantity is not None:
            locked.quantity_open = 0
    locked.save()
    return _refresh(post, locked)


# --- responses and conversations --------------------------------------------------------------


def _notify_participants(
    *,
    conversation: Conversation,
    sender: User,
    template: str,
    body: str,
    message: Message,
) -> None:
    post = conversation.post
    context = {
        "post_title": post.title,
        "sender_name": sender.display_name,
        "message": body[:1000],
        "conversation_url": _url("exchange:conversation", "/messages/{pk}/", pk=conversation.pk),
        "post_url": _url("exchange:detail", "/posts/{pk}/", pk=post.pk),
    }
    for person in permissions.conversation_participants(conversation):
        if person.pk == sender.pk or not _wants_message_email_now(person):
            continue
        send_templated_email(
            to=person, template=template, context=context, about=("message", message.pk)
        )


def _notify_response(conversation: Conversation, responder: User, message: Message) -> None:
    _notify_participants(
        conversation=conversation,
        sender=responder,
        template="exchange_response",
        body=message.body,
        message=message,
    )
    for person in permissions.conversation_participants(conversation):
        if person.pk != responder.pk:
            notify(
                user=person,
                kind="exchange.response",
                title=_("%(name)s responded to “%(title)s”"),
                params={"name": responder.display_name, "title": conversation.post.title},
                url=conversation.get_absolute_url(),
            )


def _hold_if_needed(message: Message) -> bool:
    """Hold a message for the moderators when the trust rules say so (many links, the same
    text sent to many people): hidden from the other side, no email. True when held."""
    assert message.sender is not None
    elsewhere = (
        Message.objects.filter(sender=message.sender, created_at__gte=recent_since())
        .exclude(conversation_id=message.conversation_id)
        .order_by("-created_at")
        .values_list("conversation_id", "body")[:RECENT_TEXTS]
    )
    reason = hold_reason(sender=message.sender, body=message.body, sent_elsewhere=elsewhere)
    if not reason:
        return False
    hold_for_review(obj=message, reason=reason)
    return True


@transaction.atomic
def release_message(*, message: Message) -> None:
    """A moderator let a held message through: it is delivered as if sent now (so it counts
    as unread and shows in the other side's polling), with its email and notification. The
    moderation service has already cleared `hidden_at`."""
    conversation = Conversation.objects.select_related("post", "responder").get(
        pk=message.conversation_id
    )
    sender = message.sender
    if sender is None:
        return
    now = timezone.now()
    Message.objects.filter(pk=message.pk).update(created_at=now)
    message.created_at = now
    Conversation.objects.filter(pk=conversation.pk, last_message_at__lt=now).update(
        last_message_at=now
    )
    first = not Message.objects.filter(conversation=conversation).exclude(pk=message.pk).exists()
    if first:
        _notify_response(conversation, sender, message)
    else:
        _notify_participants(
            conversation=conversation,
            sender=sender,
            template="exchange_message",
            body=message.body,
            message=message,
        )


def _mark_read(conversation: Conversation, user: User, moment: datetime) -> None:
    ConversationRead.objects.update_or_create(
        conversation=conversation, user=user, defaults={"last_read_at": moment}
    )


@transaction.atomic
def respond_to_post(*, post: Post, responder: User, message: str) -> Response:
    """React to an open post with a message. Opens a private conversation with the poster
    (and the organisation's admins) and emails them (if they want emails at once).
    Refuses one's own post, a post that is not open and a second response."""
    require_can_contribute(responder)
    check_new_account_conversations(responder)
    text = _clean_text(message, "message", max_length=2000)
    locked = _lock(post)
    if locked.group_id is not None and not permissions.can_see_post(responder, locked):
        # A closed group's post, for an outsider: as if it did not exist.
        raise Http404
    if permissions.can_edit_post(responder, locked):
        raise ValidationError(_("You cannot respond to your own post."))
    if not permissions.is_post_open(locked):
        raise ValidationError(_("This post is closed: it no longer accepts responses."))
    if Response.objects.filter(post=locked, responder=responder).exists():
        raise ValidationError(
            _("You already responded to this post; continue in the conversation.")
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            conversation = Conversation.objects.create(
                post=locked, responder=responder, created_at=now, last_message_at=now
            )
    except IntegrityError:
        raise ValidationError(ALREADY_RESPONDED) from None
    response = Response.objects.create(
        post=locked, responder=responder, conversation=conversation, message=text, created_at=now
    )
    first = Message.objects.create(
        conversation=conversation, sender=responder, body=text, created_at=now
    )
    _mark_read(conversation, responder, now)
    if not _hold_if_needed(first):
        _notify_response(conversation, responder, first)
    return response


@transaction.atomic
def send_message(*, conversation: Conversation, sender: User, body: str) -> Message:
    """Write in a conversation (participants only). The other participants get an email
    if they want emails at once."""
    require_can_contribute(sender)
    if not permissions.is_participant(sender, conversation):
        raise PermissionDenied
    text = _clean_text(body, "body", max_length=5000)
    now = timezone.now()
    message = Message.objects.create(
        conversation=conversation, sender=sender, body=text, created_at=now
    )
    _mark_read(conversation, sender, now)
    if _hold_if_needed(message):
        return message
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    conversation.last_message_at = now
    _notify_participants(
        conversation=conversation,
        sender=sender,
        template="exchange_message",
        body=text,
        message=message,
    )
    return message


@transaction.atomic
def mark_conversation_read(*, conversation: Conversation, user: User) -> None:
    """Everything in the conversation up to now counts as read by `user`."""
    if not permissions.is_participant(user, conversation):
        raise PermissionDenied
    _mark_read(conversation, user, timezone.now())


@transaction.atomic
def accept_response(*, response: Response, by: User) -> Match:
    """The poster (or an organisation admin) accepts a response: a match between the two
    parties is recorded and the responder is told. Accepting twice returns the same
    match."""
    post = response.post
    _require_editor(by, post)
    locked = _lock(post)
    existing = Match.objects.filter(response=response).first()
    if existing is not None:
        return existing
    if locked.status not in (Post.Status.OPEN, Post.Status.CLOSED):
        raise ValidationError(_("This post can no longer be matched."))
    now = timezone.now()
    Response.objects.filter(pk=response.pk).update(accepted_at=now)
    response.accepted_at = now
    match = Match.objects.create(
        post=locked,
        response=response,
        conversation_id=response.conversation_id,
        counterpart_id=response.responder_id,
        accepted_by=by,
        created_at=now,
    )
    responder = response.responder
    if responder.is_active and _wants_lifecycle_email(responder):
        send_templated_email(
            to=responder,
            template="exchange_match_accepted",
            context={
                "post_title": locked.title,
                "poster_name": locked.organisation.name
                if locked.organisation_id and locked.organisation
                else locked.author.display_name,
                "conversation_url": _url(
                    "exchange:conversation", "/messages/{pk}/", pk=response.conversation_id
                ),
            },
        )
    return match


@transaction.atomic
def record_match_outcome(*, match: Match, user: User, answer: str) -> Match:
    """A party answers "did the help happen?" (yes, partly, no) — once per side. The
    responder answers for their side, the poster or an organisation admin for theirs."""
    if answer not in Match.Answer.values:
        raise ValidationError({"answer": _("Choose yes, partly or no.")})
    locked = Match.objects.select_for_update().select_related("post").get(pk=match.pk)
    now = timezone.now()
    if user.is_authenticated and user.pk == locked.counterpart_id:
        if locked.responder_answer:
            raise ValidationError(_("You already answered this question."))
        locked.responder_answer, locked.responder_answered_at = answer, now
    elif permissions.can_edit_post(user, locked.post):
        if locked.poster_answer:
            raise ValidationError(_("You already answered this question."))
        locked.poster_answer, locked.poster_answered_at = answer, now
    else:
        raise PermissionDenied
    locked.save()
    for field in (
        "responder_answer",
        "responder_answered_at",
        "poster_answer",
        "poster_answered_at",
    ):
        setattr(match, field, getattr(locked, field))
    return match


# --- scheduled work ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpiryResult:
    reminded: int
    expired: int


def expire_posts(*, now: datetime | None = None) -> ExpiryResult:
    """The daily job: remind owners a week before their open post expires (once per
    post), then close open posts whose expiry date has passed (status "expired"). Safe to
    run more often or on several servers at once: each reminder is claimed by a
    conditional update before it is sent."""
    now = now or timezone.now()
    reminded = 0
    due = (
        Post.objects.filter(
            status=Post.Status.OPEN,
            expiry_reminded_at__isnull=True,
            expires_at__gt=now,
            expires_at__lte=now + REMINDER_BEFORE,
        )
        .select_related("author__profile")
        .order_by("pk")
    )
    for post in due.iterator(chunk_size=500):
        with transaction.atomic():
            claimed = Post.objects.filter(pk=post.pk, expiry_reminded_at__isnull=True).update(
                expiry_reminded_at=now
            )
            if not claimed:
                continue
            reminded += 1
            if post.author.is_active and _wants_lifecycle_email(post.author):
                send_templated_email(
                    to=post.author,
                    template="exchange_expiry_reminder",
                    context={
                        "post_title": post.title,
                        "expires_at": post.expires_at,
                        "post_url": _url("exchange:detail", "/posts/{pk}/", pk=post.pk),
                    },
                )
    expired = Post.objects.filter(status=Post.Status.OPEN, expires_at__lte=now).update(
        status=Post.Status.EXPIRED, closed_at=now, updated_at=now
    )
    return ExpiryResult(reminded=reminded, expired=expired)


def ask_match_outcomes(*, now: datetime | None = None) -> int:
    """Ask both parties of every match made at least MATCH_OUTCOME_DELAY_DAYS ago (default
    7) whether the help happened — once per match. Returns how many matches were asked."""
    now = now or timezone.now()
    delay = timedelta(days=settings.MATCH_OUTCOME_DELAY_DAYS)
    due = (
        Match.objects.not_asked()
        .filter(created_at__lte=now - delay)
        .select_related("post__author__profile", "counterpart__profile")
        .order_by("pk")
    )
    asked = 0
    for match in due.iterator(chunk_size=500):
        with transaction.atomic():
            if not Match.objects.filter(pk=match.pk, asked_at__isnull=True).update(asked_at=now):
                continue
            asked += 1
            url = _url("exchange:match_outcome", "/matches/{pk}/outcome/", pk=match.pk)
            for person, other in (
                (match.post.author, match.counterpart),
                (match.counterpart, match.post.author),
            ):
                if person.is_active and _wants_lifecycle_email(person):
                    send_templated_email(
                        to=person,
                        template="exchange_match_outcome",
                        context={
                            "post_title": match.post.title,
                            "other_name": other.display_name,
                            "outcome_url": url,
                        },
                    )
    return asked


# The digest shows this much of the latest new message of each conversation.
DIGEST_EXCERPT_LENGTH = 200


def _other_party_name(conversation: Conversation, recipient: User) -> str:
    """Who the recipient talks to in the conversation: for the responder the poster (the
    organisation's name for an organisation post), for the poster's side the responder."""
    post = conversation.post
    if recipient.pk == conversation.responder_id:
        if post.organisation_id is not None and post.organisation is not None:
            return str(post.organisation.name)
        return post.author.display_name
    return conversation.responder.display_name


def _excerpt(body: str) -> str:
    # Plain text on one line: the templates escape it, the digest only teases the message.
    return Truncator(" ".join(body.split())).chars(DIGEST_EXCERPT_LENGTH)


def _send_digest(recipient: User, now: datetime) -> bool:
    """One recipient's digest: the conversations with messages of others that are unread
    and in no earlier digest, up to `now`. A fixed number of queries, whatever the number
    of conversations or messages. Returns whether an email was sent."""
    conversations = list(
        # for_participant loads post, author, organisation and responder: what we show.
        Conversation.objects.for_participant(recipient).with_unread()
    )
    if not conversations:
        return False
    ids = [conversation.pk for conversation in conversations]
    with transaction.atomic():
        # A row per conversation to hold the marker; a conversation never opened gets
        # last_read_at = "never read" (the value the inbox assumes without a row), so its
        # unread count does not change.
        ConversationRead.objects.bulk_create(
            [
                ConversationRead(conversation_id=pk, user=recipient, last_read_at=NEVER_READ)
                for pk in ids
            ],
            ignore_conflicts=True,
        )
        # Locked so that two runs at once (two servers) cannot put a message in two
        # digests: the second one waits and then sees the first one's digested_until.
        reads = {
            read.conversation_id: read
            for read in ConversationRead.objects.select_for_update().filter(
                user=recipient, conversation_id__in=ids
            )
        }
        cutoffs = {
            pk: max(read.last_read_at, read.digested_until or NEVER_READ)
            for pk, read in reads.items()
        }
        if not cutoffs:
            return False
        news: dict[int, list[Message]] = {}
        messages = (
            Message.objects.filter(
                conversation_id__in=list(cutoffs),
                created_at__gt=min(cutoffs.values()),
                created_at__lte=now,
                hidden_at__isnull=True,
            )
            .exclude(sender=recipient)
            .only("conversation_id", "body", "created_at")
            .order_by("created_at", "pk")
        )
        for message in messages:
            if message.created_at > cutoffs[message.conversation_id]:
                news.setdefault(message.conversation_id, []).append(message)
        if news:
            # The marker is the newest message in the digest rather than `now`: a run with
            # a `now` in the future (or a fast clock) must not hide messages written later.
            # One UPDATE for all conversations; the lock above keeps it monotonic.
            ConversationRead.objects.filter(user=recipient, conversation_id__in=list(news)).update(
                digested_until=models.Case(
                    *(
                        models.When(conversation_id=pk, then=models.Value(found[-1].created_at))
                        for pk, found in news.items()
                    ),
                    output_field=models.DateTimeField(),
                )
            )
        items = [
            {
                "post_title": conversation.post.title,
                "other_name": _other_party_name(conversation, recipient),
                "count": len(news[conversation.pk]),
                "excerpt": _excerpt(news[conversation.pk][-1].body),
                "conversation_url": _url(
                    "exchange:conversation", "/messages/{pk}/", pk=conversation.pk
                ),
            }
            for conversation in conversations
            if conversation.pk in news
        ]
        if not items:
            return False
        send_templated_email(
            to=recipient,
            template="exchange_message_digest",
            context={
                "conversations": items,
                "conversation_count": len(items),
                "message_count": sum(item["count"] for item in items),
                "inbox_url": _url("exchange:inbox", "/messages/"),
            },
        )
    return True


def send_message_digests(*, now: datetime | None = None) -> int:
    """The daily digest for people who chose "Once a day" for message emails: one email
    per person listing each conversation with messages of others that they have not read
    and that were in no earlier digest (post, other party, number of new messages, an
    excerpt of the latest, a link). No message is ever in two digests. Inactive accounts
    and people who chose "immediately" (they had an email per message) or "never" get
    nothing. Returns how many emails were sent."""
    now = now or timezone.now()
    recipients = (
        User.objects.filter(is_active=True, profile__email_messages=Profile.EmailFrequency.DAILY)
        .select_related("profile")
        .order_by("pk")
    )
    return sum(_send_digest(recipient, now) for recipient in recipients.iterator(chunk_size=500))


@dataclass(frozen=True)
class DailyJobsResult:
    reminded: int
    expired: int
    outcome_questions: int
    digests: int
    matching_digests: int = 0


def run_daily_jobs(*, now: datetime | None = None) -> DailyJobsResult:
    """All daily housekeeping of the exchange, in order: expiry reminders and expiring
    posts, the outcome question about week-old matches, the message digests. Each step is
    safe to run twice (nothing is sent twice). The `expire_posts` command and
    tasks.expire_posts_task call this."""
    now = now or timezone.now()
    expiry = expire_posts(now=now)
    asked = ask_match_outcomes(now=now)
    digests = send_message_digests(now=now)
    # Suggestions and saved-search results for people who want them once a day.
    matching_digests = send_matching_digests(now=now)
    return DailyJobsResult(
        reminded=expiry.reminded,
        expired=expiry.expired,
        outcome_questions=asked,
        digests=digests,
        matching_digests=matching_digests,
    )
