"""Read API of the catalogue: published versions only, the same search and filters as the pages."""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny

from procedures import selectors
from procedures.api.serializers import (
    AgencySerializer,
    ProcedureDetailSerializer,
    ProcedureListSerializer,
    SectorSerializer,
)
from procedures.models import Agency, OnlineLevel, ProcedureVersion, Sector
from procedures.models.catalogue import GovernmentLevel
from procedures.search import MAX_QUERY_LENGTH


class CataloguePagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class ProcedurePagination(CataloguePagination):
    """Pages of the search through ``selectors.CataloguePaginator``, as the catalogue page reads them
    (count and page ids from the cache under the catalogue's version, then the page's rows by id with
    the list's columns only). ``paginate_queryset`` is given the search's keyword arguments."""

    def django_paginator_class(self, search, page_size):
        return selectors.CataloguePaginator(page_size, fields=selectors.API_RESULT_FIELDS, **search)


class ProcedureList(generics.ListAPIView):
    """Search published procedures: ``q`` (diacritics and case ignored), ``sector`` and ``agency``
    (codes), ``level`` (province/district/commune), ``online_level`` (not_online/partial/full),
    ``has_fee`` (true/false)."""

    serializer_class = ProcedureListSerializer
    pagination_class = ProcedurePagination
    permission_classes = [AllowAny]

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.search_kwargs())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_queryset(self):
        """The whole search as one queryset (the schema reads its model; pages go through
        ``list``)."""
        return selectors.search_catalogue(**self.search_kwargs())

    def search_kwargs(self):
        params = self.request.query_params
        errors = {}
        query = params.get("q", "")
        if len(query) > MAX_QUERY_LENGTH:
            errors["q"] = _("Từ khóa tìm kiếm quá dài (tối đa %(limit)d ký tự).") % {
                "limit": MAX_QUERY_LENGTH
            }
        kwargs = {"query": query}
        if params.get("sector"):
            kwargs["sector"] = Sector.objects.filter(code=params["sector"]).first()
            if kwargs["sector"] is None:
                errors["sector"] = _("Không có lĩnh vực với mã này.")
        if params.get("agency"):
            kwargs["agency"] = Agency.objects.filter(code=params["agency"]).first()
            if kwargs["agency"] is None:
                errors["agency"] = _("Không có cơ quan với mã này.")
        if params.get("level"):
            if params["level"] not in GovernmentLevel.values:
                errors["level"] = _("Cấp thực hiện không hợp lệ.")
            kwargs["level"] = params["level"]
        if params.get("online_level"):
            if params["online_level"] not in OnlineLevel.values:
                errors["online_level"] = _("Mức độ trực tuyến không hợp lệ.")
            kwargs["online_level"] = params["online_level"]
        if params.get("has_fee"):
            value = params["has_fee"].lower()
            if value not in {"true", "false", "1", "0"}:
                errors["has_fee"] = _("Giá trị phải là true hoặc false.")
            kwargs["has_fee"] = value in {"true", "1"}
        if errors:
            raise ValidationError(errors)
        return kwargs


class ProcedureDetail(generics.RetrieveAPIView):
    serializer_class = ProcedureDetailSerializer
    permission_classes = [AllowAny]

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "procedure_code": self.kwargs["code"]}

    def get_object(self):
        try:
            return selectors.procedure_page_version(self.kwargs["code"])
        except ProcedureVersion.DoesNotExist:
            raise Http404 from None


class AgencyList(generics.ListAPIView):
    serializer_class = AgencySerializer
    permission_classes = [AllowAny]
    pagination_class = CataloguePagination
    queryset = Agency.objects.active().select_related("parent").order_by("path")


class SectorList(generics.ListAPIView):
    serializer_class = SectorSerializer
    permission_classes = [AllowAny]
    queryset = Sector.objects.filter(is_active=True).order_by("name")
