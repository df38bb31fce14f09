"""Reads of the catalogue. The public and the API only ever see published versions."""

from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils.functional import cached_property

from procedures import cache as catalogue_cache
from procedures.models import Agency, Fee, OnlineLevel, ProcedureVersion, Sector, VersionStatus
from procedures.search import MAX_QUERY_LENGTH, normalize, query_words

MAX_QUERY_WORDS = 12


class SearchTooLong(ValueError):
    pass


def public_versions():
    return ProcedureVersion.objects.published()


def search_catalogue(
    query="",
    *,
    sector=None,
    agency=None,
    level=None,
    online_level=None,
    has_fee=None,
):
    """Published versions matching the query and filters, best first.

    Ranking: exact national code, then names starting with the query, then names holding every word;
    each group by name. Matching ignores case and diacritics (``procedures.search.normalize``).
    """
    qs, _words = _matching(query, sector, agency, level, online_level, has_fee)
    return qs.select_related("procedure", "sector").with_has_fee()


# What a line of the catalogue's result list shows (templates/procedures/_results.html).
RESULT_FIELDS = ("name", "online_level", "procedure", "procedure__code", "sector", "sector__name")
# What a result of the API's list shows (procedures.api.serializers.ProcedureListSerializer).
API_RESULT_FIELDS = (
    *RESULT_FIELDS,
    "sector__code",
    "processing_time",
    "processing_time_unit",
    "at_province_level",
    "at_district_level",
    "at_commune_level",
)


def _matching(query, sector, agency, level, online_level, has_fee):
    """The search of ``search_catalogue`` as a narrow queryset: only what filters and sorts, no joins,
    no fee annotation (a fee filter is an EXISTS in the WHERE clause); and the query's words (None
    for a query without any word, which matches nothing)."""
    query = (query or "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchTooLong(query)
    qs = public_versions()
    if query:
        words = query_words(query)[:MAX_QUERY_WORDS]
        if not words:  # "!!": matches nothing (not everything, as no query does)
            return qs.none(), None
        folded = " ".join(words)
        # search_text is "<code> <name>", folded: every word of the query must be in it. A code typed
        # as the query is one such word, so no join to the procedure table (and the trigram index
        # serves the whole filter).
        for word in words:
            qs = qs.filter(search_text__contains=word)
        qs = qs.annotate(
            rank=Case(
                When(search_text__startswith=f"{folded} ", then=Value(0)),
                When(search_name__startswith=folded, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        ).order_by("rank", "search_name", "pk")
    else:
        words = ()
        qs = qs.order_by("search_name", "pk")
    if sector is not None:
        qs = qs.filter(sector=sector)
    if agency is not None:
        qs = qs.filter(agencies=agency)
    if level:
        qs = qs.at_government_level(level)
    if online_level:
        qs = qs.filter(online_level=online_level)
    if has_fee is not None:
        paying = Exists(Fee.objects.filter(version=OuterRef("pk"), amount__gt=0))
        qs = qs.filter(paying if has_fee else ~paying)
    return qs, tuple(words)


class CataloguePaginator(Paginator):
    """Pages of ``search_catalogue``'s results (same matches, same order), cheap at any depth; the
    catalogue page and the API list both read through it:

    1. the number of matches and 2. a page's ids, each read from one table's narrow columns (no
       joins, no wide record columns carried through the sort) and kept in the cache under the
       catalogue's version (procedures.cache), so the same search by many citizens, or a citizen
       coming back to a page, does not filter, rank and count thousands of matches again;
    3. the page's rows with their procedure code, sector and fee flag, by id, with only ``fields``.
    """

    def __init__(
        self,
        per_page,
        *,
        query="",
        sector=None,
        agency=None,
        level=None,
        online_level=None,
        has_fee=None,
        fields=RESULT_FIELDS,
    ):
        sector_id = getattr(sector, "pk", sector)
        agency_id = getattr(agency, "pk", agency)
        matching, words = _matching(query, sector_id, agency_id, level, online_level, has_fee)
        self._ids = matching.values_list("pk", flat=True)
        # A query without words matches nothing: its figures must not be filed under no query's.
        searched = None if words is None else " ".join(words)
        self._parts = (searched, sector_id, agency_id, level, online_level, has_fee)
        self._fields = fields
        super().__init__(self._ids, per_page)

    @cached_property
    def count(self):
        return catalogue_cache.remember("count", self._parts, self._ids.count)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        page_ids = catalogue_cache.remember(
            "page",
            (*self._parts, number, self.per_page),
            lambda: list(self._ids[bottom:top]),
        )
        by_id = {}
        if page_ids:
            rows = (
                public_versions()
                .filter(pk__in=page_ids)
                .select_related("procedure", "sector")
                .only(*self._fields)
                .with_has_fee()
                .order_by()
            )
            by_id = {version.pk: version for version in rows}
        return self._get_page([by_id[pk] for pk in page_ids if pk in by_id], number, self)


def catalogue_page(page_number=None, per_page=20, **search):
    """One page of the catalogue's search (``CataloguePaginator``); a page number out of range or not
    a number gives the nearest page, as the catalogue's links expect."""
    return CataloguePaginator(per_page, **search).get_page(page_number)


def procedure_page_version(code):
    """The live version of the procedure with national code ``code``, with what its page shows."""
    return (
        public_versions()
        .select_related("procedure", "sector", "owner_agency")
        .prefetch_related("agencies", "components", "fees", "steps__unit")
        .get(procedure__code=code)
    )


def agency_catalogue_summary(agencies=None):
    """Per agency: published procedures in total, eligible and provided online, level 3 and level 4
    counts and the share online — the figures the agencies report (DOMAIN.md §11). One query."""
    published = Q(procedure_versions__status=VersionStatus.PUBLISHED)
    qs = (agencies if agencies is not None else Agency.objects.active()).annotate(
        total=Count("procedure_versions", filter=published),
        eligible=Count(
            "procedure_versions", filter=published & Q(procedure_versions__online_eligible=True)
        ),
        level3=Count(
            "procedure_versions",
            filter=published & Q(procedure_versions__online_level=OnlineLevel.PARTIAL),
        ),
        level4=Count(
            "procedure_versions",
            filter=published & Q(procedure_versions__online_level=OnlineLevel.FULL),
        ),
    )
    return qs


def share(part, whole) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def normalised(text):
    return normalize(text)


def sectors_in_use():
    return Sector.objects.filter(is_active=True).order_by("name")
