"""Reads of the catalogue. The public and the API only ever see published versions."""

import functools

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When, Window
from django.utils.functional import cached_property

from portal.paging import requested_page
from procedures import cache as catalogue_cache
from procedures.models import Agency, OnlineLevel, ProcedureVersion, Sector, VersionStatus
from procedures.search import MAX_QUERY_LENGTH, normalize, query_words

MAX_QUERY_WORDS = 12


class SearchTooLong(ValueError):
    pass


def public_versions():
    return ProcedureVersion.objects.published()


def version_components(version) -> list:
    """The version's dossier components in their order, kept in the catalogue cache (a published
    version's components do not change; any component write moves the catalogue's version)."""
    return catalogue_cache.remember(
        "components", [version.pk], lambda: list(version.components.all())
    )


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
    qs = _matching(_words(query), sector, agency, level, online_level, has_fee)
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


def _words(query):
    """The query's words for ``_matching``: () for no query, None for a query without any word ("!!"),
    which matches nothing (not everything, as no query does)."""
    query = (query or "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchTooLong(query)
    if not query:
        return ()
    return tuple(query_words(query)[:MAX_QUERY_WORDS]) or None


def _matching(words, sector, agency, level, online_level, has_fee):
    """The search of ``search_catalogue`` as a narrow queryset: only what filters and sorts, no joins,
    no fee annotation (a fee filter is an EXISTS in the WHERE clause)."""
    qs = public_versions()
    if words is None:
        return qs.none()
    if words:
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
        qs = qs.with_fee(has_fee)
    return qs


# The cache entry of a page: (count, ids). Its own name, so a process deployed beside older ones
# (which kept a page's ids alone, under "page", with the same catalogue version) never reads theirs.
PAGE_ENTRY = "page-with-count"


@functools.cache
def _rows_by_id(fields):
    """The query of a page's rows but for their ids, built once per process (it is never run
    itself, only filtered, which copies it): building it cost about a third of a millisecond."""
    return (
        public_versions()
        .select_related("procedure", "sector")
        .only(*fields)
        .with_has_fee()
        .order_by()
    )


class CataloguePaginator(Paginator):
    """Pages of ``search_catalogue``'s results (same matches, same order), cheap at any depth; the
    catalogue page and the API list both read through it:

    1. the number of matches and 2. a page's ids, each read from one table's narrow columns (no
       joins, no wide record columns carried through the sort) and kept in the cache under the
       catalogue's version (procedures.cache), so the same search by many citizens, or a citizen
       coming back to a page, does not filter, rank and count thousands of matches again (a page's
       ids are kept with the count, so a page seen before is one read of the cache). A text
       search ranks every match anyway, so there one query reads both: the page's ids and a
       window count of the matches (on the bench's text searches about 30% less SQL time than
       two queries; on a filter without text it would be far slower, the page's ids being read
       in index order there). The search's queryset is built only when a figure is missing;
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
        super().__init__((), per_page)
        self._words = _words(query)
        self._filters = (
            getattr(sector, "pk", sector),
            getattr(agency, "pk", agency),
            level,
            online_level,
            has_fee,
        )
        # A query without words matches nothing: its figures must not be filed under no query's.
        searched = None if self._words is None else " ".join(self._words)
        self._parts = (searched, *self._filters)
        self._fields = fields
        self._known_ids = {}  # page number -> its ids, read before the number was validated
        self._kept = set()  # page numbers whose ids came from the cache

    @cached_property
    def _ids(self):
        return _matching(self._words, *self._filters).values_list("pk", flat=True)

    @cached_property
    def count(self):
        return catalogue_cache.remember("count", self._parts, self._ids.count)

    def _page_parts(self, number):
        return (*self._parts, number, self.per_page)

    def _read_ahead(self, number):
        """Before ``number`` is validated (which needs the count): one read of the cache gives a
        page's ids with the count they were read with; else the count from the cache; else, for a
        text search, one query for both."""
        if "count" in self.__dict__:
            return
        number = requested_page(number)
        if number is None:
            return  # get_page shows the last page (the API a 404): the count on its own
        kept = catalogue_cache.peek(PAGE_ENTRY, self._page_parts(number))
        if kept is not None:
            self.count, self._known_ids[number] = kept
            self._kept.add(number)
            return
        count = catalogue_cache.peek("count", self._parts)
        if count is not None:
            self.count = count
        elif self._words:
            self._count_with_page(number)

    def _count_with_page(self, number):
        bottom = (number - 1) * self.per_page
        rows = list(
            _matching(self._words, *self._filters)
            .annotate(matches=Window(Count("pk")))
            .values_list("pk", "matches")[bottom : bottom + self.per_page]
        )
        if rows:  # else past the last page: the count on its own
            self.count = rows[0][1]
            catalogue_cache.keep("count", self._parts, self.count)
            self._known_ids[number] = [pk for pk, _matches in rows]

    def get_page(self, number):
        self._read_ahead(number)
        return super().get_page(number)

    def page(self, number):
        self._read_ahead(number)
        number = self.validate_number(number)
        page_ids = self._known_ids.get(number)
        if page_ids is None:
            bottom = (number - 1) * self.per_page
            page_ids = list(self._ids[bottom : min(bottom + self.per_page, self.count)])
        if number not in self._kept:
            catalogue_cache.keep(PAGE_ENTRY, self._page_parts(number), (self.count, page_ids))
        by_id = {}
        if page_ids:
            rows = _rows_by_id(self._fields).filter(pk__in=page_ids)
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
