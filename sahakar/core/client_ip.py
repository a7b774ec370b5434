"""The client's address, the one way audit entries, rate limits and the lockout read it.

Behind SAHAKAR_PROXY_COUNT trusted proxies, each appending the address it saw to
X-Forwarded-For, the client is that many entries from the end of the header; with 0 (no
proxy) the header is the client's own say and is ignored: REMOTE_ADDR is the client.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings


def client_ip(request: Any) -> str | None:
    remote = _valid(request.META.get("REMOTE_ADDR"))
    proxies = getattr(settings, "SAHAKAR_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",")]
    return _valid(hops[-min(proxies, len(hops))]) or remote


def _valid(value: Any) -> str | None:
    try:
        return str(ipaddress.ip_address(str(value).strip()))
    except ValueError:
        return None
