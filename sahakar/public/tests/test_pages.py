"""The public pages: open without signing in, cacheable, in both languages, never narrowed."""

from __future__ import annotations

import csv
import html as htmllib
import io
import re

import pytest
from django.test import Client

from sahakar.public.models import Snapshot
from sahakar.public.tables import WITHHELD
from sahakar.public.views import csv_rows

pytestmark = pytest.mark.django_db


def cells_of(html: str, table: str) -> list[list[str]]:
    body = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [
        [
            htmllib.unescape(re.sub(r"<.*?>", "", c)).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in rows
    ]


def test_it_shows_the_latest_month_without_signing_in(published: Snapshot, client: Client) -> None:
    response = client.get("/public/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "2026-10" in html
    assert "Counts from 1 to 4 are withheld" in html
    assert published.sha256 in html
    for name in (
        "seizures-by-province",
        "arrests-by-sex",
        "custody-compliance",
        "seizures-by-month",
    ):
        assert f'id="{name}"' in html
    assert "Phnom Penh" in html


def test_it_sets_no_cookie_and_lets_caches_keep_the_page(
    published: Snapshot, client: Client
) -> None:
    response = client.get("/public/2026-10/")
    assert response.cookies == {}
    assert "Set-Cookie" not in response
    cache = response["Cache-Control"]
    assert "public" in cache and "max-age=300" in cache and "no-store" not in cache
    assert published.sha256[:40] in response["ETag"]
    again = client.get("/public/2026-10/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_it_publishes_no_small_count(published: Snapshot) -> None:
    for table in published.content["tables"]:
        if table["kind"] != "count":
            continue
        for row in [*table["rows"], table["totals"]]:
            for cell in [*row["cells"], row.get("total", "0")]:
                assert cell == WITHHELD or int(cell) == 0 or int(cell) >= published.threshold


def test_it_downloads_the_csv_the_page_shows(published: Snapshot, client: Client) -> None:
    page = client.get("/public/2026-10/").content.decode()
    response = client.get("/public/2026-10/seizures-by-province.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    blank = rows.index([])
    assert rows[:blank] == cells_of(page, "seizures-by-province")
    provenance = dict(row for row in rows[blank + 1 :])
    assert provenance["SHA-256 of the snapshot"] == published.sha256
    assert provenance["Revision"] == "1"


@pytest.mark.parametrize(
    "query",
    [
        "province=12",
        "substance=METH",
        "lang=fr",
        "revision=abc",
        "revision=9",
        "lang=en&lang=km",
        "sex=F&province=12",
    ],
)
def test_it_refuses_any_other_query_with_a_clear_page(
    published: Snapshot, client: Client, query: str
) -> None:
    for path in ("/public/2026-10/", "/public/2026-10/arrests-by-sex.csv"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400
        assert "Request not accepted" in response.content.decode()


def test_it_refuses_a_revision_without_a_month(published: Snapshot, client: Client) -> None:
    assert client.get("/public/?revision=1").status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/public/2026-09/",
        "/public/2026-13/",
        "/public/2030-01/arrests-by-sex.csv",
        "/public/2026-10/nothing.csv",
    ],
)
def test_it_answers_404_for_an_unpublished_month_or_table(
    published: Snapshot, client: Client, path: str
) -> None:
    assert client.get(path).status_code == 404


def test_it_shows_the_page_in_khmer(published: Snapshot, client: Client) -> None:
    response = client.get("/public/2026-10/?lang=km")
    html = response.content.decode()
    assert '<html lang="km">' in html
    assert "ភ្នំពេញ" in html  # Phnom Penh
    assert "ការចាប់យក" in html or "ចាប់" in html
    assert "Counts from 1 to 4" not in html
    khmer = client.get("/public/2026-10/seizures-by-province.csv?lang=km").content.decode(
        "utf-8-sig"
    )
    assert "ភ្នំពេញ" in khmer


def test_it_keeps_signed_in_pages_out_of_caches(published: Snapshot, client: Client) -> None:
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("public-reader"))
    response = client.get("/public/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_it_takes_cell_values_from_the_snapshot(published: Snapshot) -> None:
    table = next(t for t in published.content["tables"] if t["name"] == "arrests-by-sex")
    localized = {
        "title": "t",
        "row_header": "p",
        "column_labels": [c["en"] for c in table["columns"]],
        "rows": [{**r, "label": r["en"]} for r in table["rows"]],
        "totals": {**table["totals"], "label": "Total"},
    }
    rows = csv_rows(published, localized)
    assert rows[1][1:] == [*table["rows"][0]["cells"], table["rows"][0]["total"]]
