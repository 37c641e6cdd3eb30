"""Uploaded images, through the real forms, for every upload field of the site: the profile
photo, a post's photos, an organisation's logo, an event's, a group's and an article's image.

Each field, filled in by someone allowed to upload there, refuses with a clear form error
(200/400, never a 500) and stores nothing (no row changes, no file in MEDIA_ROOT):
- a text file named .jpg;
- an SVG with a <script> in it (named .svg, and disguised as .png);
- decompression bombs: a PNG that declares 30000x30000 pixels in a few bytes, and a real
  9000x9000 one that Pillow's own guard lets through but our pixel limit does not;
- a valid photo over MAX_UPLOAD_SIZE.
A valid JPEG carrying EXIF with a GPS position is accepted and stored re-encoded, with no
EXIF left.

The form around the file is the one the person's own edit page fills in, with one text
field changed as well: a refused upload must refuse the whole form, so that change must not
be saved either. A new upload field (an ImageField on a model) fails
`test_every_image_field_is_covered` until it has a row here.
"""

from __future__ import annotations

import io
import os
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import reverse
from PIL import ExifTags, Image

from tests.test_idor import Arena, _FormScraper, build_arena, diff, snapshot

pytestmark = pytest.mark.django_db


# --- the files ---------------------------------------------------------------------------------


def jpeg(size: tuple[int, int] = (64, 48), *, noise: bool = False, gps: bool = False) -> bytes:
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    if gps:
        exif[ExifTags.Base.Make] = "Telefoon"
        position = exif.get_ifd(ExifTags.IFD.GPSInfo)
        position[ExifTags.GPS.GPSLatitudeRef] = "N"
        position[ExifTags.GPS.GPSLatitude] = (51.0, 3.0, 15.0)
        position[ExifTags.GPS.GPSLongitudeRef] = "E"
        position[ExifTags.GPS.GPSLongitude] = (3.0, 43.0, 30.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=95, exif=exif)
    return out.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height pixels, in about 70 bytes."""
    out = io.BytesIO()
    Image.new("1", (1, 1)).save(out, format="PNG")
    data = bytearray(out.getvalue())
    # IHDR is the first chunk: length (4), type (4) at 12, width and height at 16, CRC at 29.
    struct.pack_into(">II", data, 16, width, height)
    struct.pack_into(">I", data, 29, zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def real_png_bomb() -> bytes:
    """A genuine, decodable 9000x9000 PNG of a few kilobytes: 81 megapixels, under Pillow's
    own bomb warning (89) but over our MAX_PIXELS (60)."""
    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, format="PNG", optimize=True)
    return out.getvalue()


SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>'
)

NOT_AN_IMAGE = ("not an image", "valid image")
TOO_LARGE = ("too large", "larger than")


@dataclass(frozen=True)
class BadFile:
    name: str
    content: Callable[[], bytes]
    content_type: str
    # Any of these (lower case) in the page is the clear error.
    says: tuple[str, ...]
    max_upload_size: int | None = None


BAD_FILES = [
    BadFile(
        "notes.jpg", lambda: b"Dit is gewoon tekst, geen foto.\n" * 20, "image/jpeg", NOT_AN_IMAGE
    ),
    BadFile("drawing.svg", lambda: SVG, "image/svg+xml", NOT_AN_IMAGE),
    BadFile("drawing.png", lambda: SVG, "image/png", NOT_AN_IMAGE),
    BadFile("bomb.png", lambda: png_declaring(30_000, 30_000), "image/png", TOO_LARGE),
    BadFile("big-bomb.png", real_png_bomb, "image/png", TOO_LARGE),
    BadFile(
        "huge.jpg",
        lambda: jpeg((400, 400), noise=True),
        "image/jpeg",
        TOO_LARGE,
        max_upload_size=50_000,
    ),
]


# --- the upload fields ------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    name: str
    model_field: str  # "app_label.Model.field"
    persona: str
    url: Callable[[Arena], str]
    field: str
    # A text field of the same form, changed along with the upload.
    text: tuple[str, str]
    # The stored file after a good upload.
    stored: Callable[[Arena], Any]


def _refresh(obj: Any) -> Any:
    obj.refresh_from_db()
    return obj


def _article(a: Arena) -> Any:
    from solidair.news.tests.factories import ArticleFactory

    if not hasattr(a, "_upload_article"):
        a._upload_article = ArticleFactory.create(author=a.user("editor"))  # type: ignore[attr-defined]
    return a._upload_article  # type: ignore[attr-defined]


FIELDS = [
    Field(
        "profile photo",
        "accounts.Profile.avatar",
        "citizen",
        lambda a: reverse("accounts:profile_edit"),
        "avatar",
        ("bio", "Nieuwe tekst over mij."),
        lambda a: _refresh(a.user("citizen").profile).avatar,
    ),
    Field(
        "post photo",
        "exchange.PostPhoto.image",
        "citizen",
        lambda a: reverse("exchange:edit", args=[a.w.post.pk]),
        "photo_1",
        ("title", "Nieuwe titel"),
        lambda a: a.w.post.photos.order_by("-pk").first().image,
    ),
    Field(
        "organisation logo",
        "organisations.Organisation.logo",
        "org_admin",
        lambda a: reverse("organisations:edit", args=[a.w.organisation.slug]),
        "logo",
        ("description", "Nieuwe beschrijving van de organisatie."),
        lambda a: _refresh(a.w.organisation).logo,
    ),
    Field(
        "event image",
        "activities.Event.image",
        "org_admin",
        lambda a: reverse("activities:edit", args=[a.w.event.pk]),
        "image",
        ("title", "Nieuwe titel"),
        lambda a: _refresh(a.w.event).image,
    ),
    Field(
        "group image",
        "groups.Group.image",
        "org_admin",
        lambda a: reverse("groups:edit", args=[a.open_group.slug]),
        "image",
        ("description", "Nieuwe beschrijving van de groep."),
        lambda a: _refresh(a.open_group).image,
    ),
    Field(
        "article image",
        "news.Article.image",
        "editor",
        lambda a: reverse("news:edit", args=[_article(a).pk]),
        "image",
        ("title", "Nieuwe titel"),
        lambda a: _refresh(_article(a)).image,
    ),
]


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.MEDIA_ROOT.mkdir()
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def arena(world: Any, settings: Any) -> Arena:
    settings.RATELIMIT_ENABLE = False
    return build_arena(world)


def files_in(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def signed_in(arena: Arena, persona: str) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(arena.user(persona))
    return client


def form_of(client: Client, url: str) -> dict[str, Any]:
    """What the person's browser sends from the form on `url` (files aside)."""
    page = client.get(url)
    assert page.status_code == 200, f"{url}: {page.status_code}"
    scraper = _FormScraper()
    scraper.feed(page.content.decode())
    for action, fields in scraper.forms:
        if action in ("", url):
            values: dict[str, list[str]] = {}
            for name, value in fields:
                values.setdefault(name, []).append(value)
            data: dict[str, Any] = {k: v[0] if len(v) == 1 else v for k, v in values.items()}
            data.pop("csrfmiddlewaretoken", None)
            return data
    raise AssertionError(f"no form on {url}")


def upload(name: str, content: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


# --- the tests -----------------------------------------------------------------------------


def test_every_image_field_is_covered() -> None:
    image_fields = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    }
    covered = {f.model_field for f in FIELDS}
    assert image_fields == covered, (
        f"upload fields without a row in tests/test_uploads.py: {image_fields - covered}; "
        f"rows for fields that are gone: {covered - image_fields}"
    )


@pytest.mark.parametrize("bad", BAD_FILES, ids=lambda b: b.name)
@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_a_bad_upload_is_refused_with_a_clear_error_and_stores_nothing(
    field: Field, bad: BadFile, arena: Arena, media: Path, settings: Any
) -> None:
    client = signed_in(arena, field.persona)
    url = field.url(arena)
    data = form_of(client, url)
    text_field, new_text = field.text
    assert text_field in data, f"{field.name}: no {text_field} on the form"
    data[text_field] = new_text
    if bad.max_upload_size is not None:
        settings.MAX_UPLOAD_SIZE = bad.max_upload_size
    content = bad.content()
    if bad.max_upload_size is not None:
        assert len(content) > bad.max_upload_size, "the oversized file is not oversized"
    data[field.field] = upload(bad.name, content, bad.content_type)
    if "image_alt" in data:
        # Forms ask for a description with an image: the file itself must be the problem.
        data["image_alt"] = "Een rode rechthoek"
    says = bad.says

    before, files_before = snapshot(), files_in(media)
    response = client.post(url, data)

    assert response.status_code in (200, 400), f"{field.name}: {response.status_code}"
    page = response.content.decode().lower()
    assert any(words in page for words in says), (
        f"{field.name}, {bad.name}: no clear error ({' / '.join(says)}) on the page"
    )
    assert diff(before, snapshot()) == [], f"{field.name}, {bad.name}: something was saved"
    assert files_in(media) == files_before, f"{field.name}, {bad.name}: a file was stored"


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_a_photo_with_a_gps_position_is_stored_without_exif(
    field: Field, arena: Arena, media: Path
) -> None:
    original = jpeg((640, 480), gps=True)
    with Image.open(io.BytesIO(original)) as check:
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo), "the test photo carries GPS"

    client = signed_in(arena, field.persona)
    url = field.url(arena)
    data = form_of(client, url)
    data[field.field] = upload("holiday.jpg", original, "image/jpeg")
    if "image_alt" in data:
        data["image_alt"] = "Een rode rechthoek"
    files_before = files_in(media)
    response = client.post(url, data)

    assert response.status_code == 302, f"{field.name}: {response.status_code}"
    new_files = files_in(media) - files_before
    assert len(new_files) == 1, f"{field.name}: stored {new_files}"
    stored = field.stored(arena)
    assert stored, field.name
    assert stored.name == next(iter(new_files)), field.name
    content = (media / stored.name).read_bytes()
    assert b"Exif" not in content, f"{field.name}: EXIF kept"
    assert b"Telefoon" not in content, f"{field.name}: EXIF kept"
    with Image.open(io.BytesIO(content)) as image:
        assert not image.getexif(), f"{field.name}: EXIF kept"
        assert image.format in ("JPEG", "PNG")
