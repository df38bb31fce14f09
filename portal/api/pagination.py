"""Pagination for large lists: by cursor, never by page number (a page number skips or repeats rows
when rows are added while a client pages, and OFFSET grows slower with every page).

- ``CursorPagination``: opaque ``cursor`` links over a stable ordering (dossiers, queues, deliveries).
- ``SequencePagination``: for append-only feeds ordered by an increasing sequence number. The cursor
  is the last sequence number the client has seen (``after``); ``next`` is always given, even on the
  last page, so a client stores it and polls it later without missing or repeating anything.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param


class CursorPagination(pagination.CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = ("-created_at", "-pk")
    cursor_query_description = _("Vị trí trang (lấy từ liên kết next/previous).")
    page_size_query_description = _("Số dòng mỗi trang (tối đa 100).")


class SequencePagination(pagination.BasePagination):
    """``?after=<seq>&limit=<n>`` over a queryset ordered by ``sequence_field``."""

    sequence_field = "seq"
    default_limit = 100
    max_limit = 500

    def _int_param(self, request, name, default, minimum, maximum):
        raw = request.query_params.get(name)
        if raw in (None, ""):
            return default
        try:
            value = int(raw)
        except (TypeError, ValueError):
            raise ValidationError({name: [_("Phải là một số nguyên.")]}) from None
        if value < minimum or value > maximum:
            raise ValidationError(
                {
                    name: [
                        _("Phải trong khoảng %(min)d đến %(max)d.")
                        % {"min": minimum, "max": maximum}
                    ]
                }
            )
        return value

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.after = self._int_param(request, "after", 0, 0, 2**62)
        limit = self._int_param(request, "limit", self.default_limit, 1, self.max_limit)
        field = self.sequence_field
        rows = list(queryset.filter(**{f"{field}__gt": self.after}).order_by(field)[: limit + 1])
        self.has_more = len(rows) > limit
        rows = rows[:limit]
        self.last = getattr(rows[-1], field) if rows else self.after
        return rows

    def get_next_link(self):
        url = self.request.build_absolute_uri()
        return replace_query_param(url, "after", self.last)

    def get_paginated_response(self, data):
        return Response(
            {
                "next": self.get_next_link(),
                "last_seq": self.last,
                "has_more": self.has_more,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "last_seq", "has_more", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "description": str(
                        _("Liên kết đến phần tiếp theo; luôn có, kể cả khi đã hết dữ liệu.")
                    ),
                },
                "last_seq": {"type": "integer", "minimum": 0},
                "has_more": {"type": "boolean"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "after",
                "required": False,
                "in": "query",
                "description": _("Chỉ trả các mục có số thứ tự lớn hơn giá trị này."),
                "schema": {"type": "integer", "minimum": 0},
            },
            {
                "name": "limit",
                "required": False,
                "in": "query",
                "description": _("Số mục tối đa (1-500, mặc định 100)."),
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_limit},
            },
        ]
