from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from solidair.core.images import clean_image_upload


def _jpeg_with_exif(size=(1200, 800), orientation=6) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation: rotate 90° CW to display
    exif[0x010F] = "SpyCam Inc."  # Make
    exif[0x8825] = {2: (51.0, 3.0, 0.0)}  # GPS IFD with a latitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def _upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_it_strips_exif_and_applies_orientation():
    raw = _jpeg_with_exif()
    assert b"SpyCam" in raw
    result = clean_image_upload(_upload(raw), max_side=512, output_format="JPEG")
    data = result.read()
    assert b"SpyCam" not in data
    assert b"Exif" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        # Orientation 6 turns a landscape photo into a portrait one; then scaled to 512.
        assert image.size == (341, 512)
    assert str(result.name).endswith(".jpg")
    assert "photo" not in str(result.name)


def test_it_writes_png_and_keeps_transparency():
    image = Image.new("RGBA", (100, 50), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    result = clean_image_upload(
        _upload(out.getvalue(), "logo.png"), max_side=64, output_format="PNG"
    )
    with Image.open(io.BytesIO(result.read())) as clean:
        assert clean.format == "PNG"
        assert clean.mode == "RGBA"
        assert clean.size == (64, 32)


def test_it_refuses_a_text_file_named_jpg():
    with pytest.raises(ValidationError) as excinfo:
        clean_image_upload(_upload(b"just some text, not a picture\n" * 10), max_side=512)
    assert excinfo.value.code == "invalid_image"
    assert "not an image" in str(excinfo.value.messages[0])


def test_it_refuses_a_png_header_followed_by_garbage():
    data = b"\x89PNG\r\n\x1a\n" + b"garbage" * 100
    with pytest.raises(ValidationError) as excinfo:
        clean_image_upload(_upload(data, "x.jpg"), max_side=512)
    assert excinfo.value.code == "invalid_image"


def test_it_refuses_an_svg_with_a_script():
    svg = (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(document.cookie)</script></svg>"
    )
    with pytest.raises(ValidationError) as excinfo:
        clean_image_upload(_upload(svg, "avatar.jpg", "image/svg+xml"), max_side=512)
    assert excinfo.value.code == "invalid_image"


def test_it_refuses_a_decompression_bomb():
    # A tiny PNG file that claims huge dimensions (mostly zeros compress to nothing).
    image = Image.new("1", (20_000, 20_000))
    out = io.BytesIO()
    image.save(out, format="PNG")
    assert len(out.getvalue()) < 200_000
    with pytest.raises(ValidationError) as excinfo:
        clean_image_upload(_upload(out.getvalue(), "bomb.png"), max_side=512)
    assert excinfo.value.code == "image_too_large"
    assert "too large" in str(excinfo.value.messages[0])


def test_it_refuses_an_oversized_file(settings):
    settings.MAX_UPLOAD_SIZE = 10_000
    with pytest.raises(ValidationError) as excinfo:
        clean_image_upload(_upload(b"\xff\xd8" + b"0" * 20_000), max_side=512)
    assert excinfo.value.code == "file_too_large"
    assert "too large" in str(excinfo.value.messages[0])


def test_it_refuses_an_oversized_file_that_lies_about_its_size(settings):
    settings.MAX_UPLOAD_SIZE = 10_000
    upload = io.BytesIO(_jpeg_with_exif() + b"\0" * 20_000)
    with pytest.raises(ValidationError) as excinfo:
        clean_image_upload(upload, max_side=512)
    assert excinfo.value.code == "file_too_large"


def test_it_refuses_an_empty_file():
    with pytest.raises(ValidationError) as excinfo:
        clean_image_upload(_upload(b""), max_side=512)
    assert excinfo.value.code == "empty"
