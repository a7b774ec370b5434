"""The results page of the header's search box: GET /search/?q=…"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views import View

from sahakar.search.finders import search
from sahakar.search.query import MAX_LENGTH, SearchQuery
from sahakar.search.summaries import summary


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search records"),
        required=False,
        help_text=_(
            "A reference number, a person's name in Khmer or Latin letters, a venue, a "
            "substance by any of its names, or the markings on tablets."
        ),
        widget=forms.TextInput(
            attrs={"type": "search", "maxlength": MAX_LENGTH * 2, "aria-describedby": "search-help"}
        ),
    )


class SearchView(LoginRequiredMixin, View):
    template_name = "search/results.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        raw = request.GET.get("q", "")
        query = SearchQuery.of(raw)
        groups = search(request.user, query)
        context: dict[str, Any] = {
            "form": SearchForm(initial={"q": query.text}),
            "query": query.text,
            "groups": [
                {
                    "group": group,
                    "rows": [(record, summary(record)) for record in group.records],
                }
                for group in groups
            ],
        }
        response = render(request, self.template_name, context)
        add_never_cache_headers(response)  # the results can name persons
        return response
