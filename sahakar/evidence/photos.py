"""Photos of sealed packages: JPEG, PNG or WebP, recognised by their content, at most 5 MB.

The name a browser sends is never kept: a stored photo is named by a random id and the
extension of the format its content has. Photos are served only through the exhibit's
restricted photo page, never as public media.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}


def image_format(file: Any) -> str | None:
    """The format the content has (JPEG, PNG, WEBP), or None when it is not one of them."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            found = image.format
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return None
    finally:
        file.seek(position)
    return found if found in FORMATS else None


def check_photo(upload: Any, field: str = "photo") -> Any:
    """The upload, renamed for storage; refused (ValidationError keyed by `field`) when it is
    too large or not a JPEG, PNG or WebP image."""
    if upload.size is not None and upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            {
                field: _("The photo is %(size)s MB; at most 5 MB is accepted.")
                % {"size": f"{upload.size / (1024 * 1024):.1f}"}
            }
        )
    found = image_format(upload)
    if found is None:
        raise ValidationError(
            {field: _("The photo must be a JPEG, PNG or WebP image; this file is not one.")}
        )
    upload.name = f"{uuid.uuid4().hex}.{FORMATS[found][1]}"
    return upload


def content_type(file: Any) -> str:
    """The content type of a stored photo, read from its content."""
    found = image_format(file)
    return FORMATS[found][0] if found else "application/octet-stream"
