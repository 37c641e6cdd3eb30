"""Validation and re-encoding of uploaded images (avatars, logos, photos).

Every uploaded image is decoded by Pillow and written out again: the new file carries no
EXIF/GPS metadata, no embedded scripts and no trailing payload, whatever the upload held.
"""

from __future__ import annotations

import io
import secrets
import warnings
from typing import IO, Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Formats a browser shows and Pillow decodes safely. SVG is never accepted: it can carry
# scripts and is not a raster image anyway.
ALLOWED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "GIF", "WEBP"})
# A phone photo is ~12-50 megapixels; anything much larger is a decompression bomb or
# useless for the web, and decoding it would eat the worker's memory.
MAX_PIXELS = 60_000_000

OutputFormat = Literal["JPEG", "PNG"]

_EXTENSIONS: dict[str, str] = {"JPEG": "jpg", "PNG": "png"}


def _error(message: Any, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _read_upload(upload: IO[bytes] | Any) -> bytes:
    size = getattr(upload, "size", None)
    limit: int = settings.MAX_UPLOAD_SIZE
    too_big = _error(
        _("The file is too large (at most %(limit)s).") % {"limit": filesizeformat(limit)},
        "file_too_large",
    )
    if size is not None and size > limit:
        raise too_big
    if hasattr(upload, "seek"):
        upload.seek(0)
    # Read one byte past the limit: enough to know the file is too big, never more.
    data: bytes = upload.read(limit + 1)
    if len(data) > limit:
        raise too_big
    if not data:
        raise _error(_("The file is empty."), "empty")
    return data


def _looks_like_markup(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith((b"<", b"\xef\xbb\xbf<")) or b"<svg" in head


def clean_image_upload(
    upload: IO[bytes] | Any, *, max_side: int, output_format: OutputFormat = "JPEG"
) -> ContentFile[bytes]:
    """Validate an uploaded image and return a safe, re-encoded copy.

    Refuses files larger than ``settings.MAX_UPLOAD_SIZE``, anything that is not a raster
    image Pillow can decode (SVG, HTML, text named ``.jpg``, truncated files), and images
    whose dimensions would make a decompression bomb. The copy has the EXIF orientation
    applied and then all metadata removed, is scaled down to fit ``max_side`` by ``max_side``
    and is written as ``output_format``. Raises ``ValidationError`` with a translated
    message.
    """
    data = _read_upload(upload)
    not_an_image = _error(
        _("Upload a photo in JPEG, PNG, GIF or WebP format. This file is not an image."),
        "invalid_image",
    )
    if _looks_like_markup(data):
        # SVG and HTML: refused outright, whatever their extension says.
        raise not_an_image

    try:
        with warnings.catch_warnings():
            # Pillow only *warns* between MAX_IMAGE_PIXELS and twice that; refuse it too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                image_format = probe.format
                width, height = probe.size
                if image_format not in ALLOWED_FORMATS:
                    raise not_an_image
                if width * height > MAX_PIXELS or width < 1 or height < 1:
                    raise _error(
                        _("The image is too large (%(width)s by %(height)s pixels).")
                        % {"width": width, "height": height},
                        "image_too_large",
                    )
                probe.verify()
            # verify() leaves the image unusable: open it again to decode the pixels.
            with Image.open(io.BytesIO(data)) as opened:
                opened.load()
                upright: Image.Image = ImageOps.exif_transpose(opened) or opened
                result = _normalise_mode(upright, output_format)
                result.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _error(_("The image is too large to process."), "image_too_large") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        # Pillow signals truncated or malformed files with any of these.
        raise not_an_image from exc

    # A fresh image holds pixels only: no EXIF, ICC, XMP, comments or text chunks survive.
    clean = Image.new(result.mode, result.size)
    clean.paste(result)
    out = io.BytesIO()
    if output_format == "JPEG":
        clean.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    else:
        clean.save(out, format="PNG", optimize=True)
    name = f"{secrets.token_hex(16)}.{_EXTENSIONS[output_format]}"
    return ContentFile(out.getvalue(), name=name)


def _normalise_mode(image: Image.Image, output_format: OutputFormat) -> Image.Image:
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if output_format == "JPEG":
        if image.mode in {"RGBA", "LA"}:
            # JPEG has no transparency: put the picture on a white background.
            background = Image.new("RGB", image.size, (255, 255, 255))
            background.paste(image, mask=image.getchannel("A"))
            return background
        return image.convert("RGB") if image.mode != "RGB" else image.copy()
    if image.mode not in {"RGB", "RGBA"}:
        return image.convert("RGBA")
    return image.copy()
