"""API pagination: `page` and `page_size` are checked strictly (400 naming the parameter);
a page past the last is 404, as documented."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500
    max_page = 2**31 - 1

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return int(self.page_size or 0)
        return self._whole_number(self.page_size_query_param, raw, self.max_page_size)

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and raw not in self.last_page_strings:
            self._whole_number(self.page_query_param, raw, self.max_page)
        return super().paginate_queryset(queryset, request, view)

    def _whole_number(self, name: str, raw: str, highest: int) -> int:
        if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= highest:
            return int(raw)
        raise ValidationError(
            {name: [_("A whole number from 1 to %(highest)d.") % {"highest": highest}]}
        )

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page)
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters
