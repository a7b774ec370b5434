"""Org-unit paths ("/KH/12/1201/120101/") cut to the level a grain counts at."""

from __future__ import annotations


def codes(path: str) -> list[str]:
    return [code for code in path.split("/") if code]


def cut(path: str, depth: int) -> str:
    """The path of the ancestor at `depth` codes (1: nation, 2: province, 3: district), or
    the path itself when it is not that deep."""
    return "/" + "".join(f"{code}/" for code in codes(path)[:depth])


def province_of(path: str) -> str:
    parts = codes(path)
    return parts[1] if len(parts) > 1 else ""


def district_of(path: str) -> str:
    parts = codes(path)
    return parts[2] if len(parts) > 2 else ""


def depth(path: str) -> int:
    return len(codes(path))
