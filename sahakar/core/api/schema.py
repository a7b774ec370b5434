"""OpenAPI schema post-processing: the error answers every operation may give, documented once.

Every endpoint answers 400 (bad body or query, keyed by field), 401/403 (not signed in or
not allowed), 404 (out of scope, unknown, or a page past the last) and 429 (rate limit);
writes also answer 409 (stale version, or records that depend on this one) and 413 (body
too large). All of them are JSON (core.api.errors, core.views.errors).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

API_TITLE = _("Sahakar API")
API_DESCRIPTION = _("The shared record of the agencies that fight drug crime.")

ERROR = {
    "type": "object",
    "description": "`detail` (and `code`) for a refusal; field names with their messages "
    "for a validation error (`non_field_errors` for the record as a whole).",
    "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
    "additionalProperties": True,
}
_EVERY = {
    "400": "Bad input: the body or query names what is wrong.",
    "401": "Not signed in, or an invalid, expired or revoked token.",
    "403": "Not allowed.",
    "404": "Not found, outside your scope, or a page past the last.",
    "429": "Too many requests; try again later.",
}
_WRITES = {
    "409": "The record changed since you read it, or other records refer to it.",
    "413": "The request body is larger than allowed.",
}


def document_errors(result: dict[str, Any], generator: Any, **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: adds the error answers to every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            codes = dict(_EVERY)
            if method in ("post", "put", "patch", "delete"):
                codes.update(_WRITES)
            responses = operation.setdefault("responses", {})
            for code, description in codes.items():
                responses.setdefault(code, {"description": description, "content": reference})
    return result


def translate_info(result: dict[str, Any], generator: Any, **kwargs: Any) -> dict[str, Any]:
    """The schema's title and description in the language of the request (the docs page
    asks for the schema in the page's language)."""
    result["info"]["title"] = str(API_TITLE)
    result["info"]["description"] = str(API_DESCRIPTION)
    return result
