"""The catalogue page keeps its page ids, counts and filter choices in the cache under the
catalogue's version (procedures.cache): the same answers as a fresh search, fewer queries on a
repeated search, and a publish, a withdrawal, a new fee or a new sector is seen at once."""

import pytest
from django.core.cache import cache
from django.core.paginator import Paginator
from django.urls import reverse

from procedures import selectors
from procedures.models import VersionStatus
from tests.procedures.factories import FeeFactory, ProcedureVersionFactory, SectorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.CATALOGUE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def published(name, code, **kwargs):
    return ProcedureVersionFactory(published=True, name=name, procedure__code=code, **kwargs)


def names(response):
    return [v.name for v in response.context["page"].object_list]


def test_a_page_gives_the_same_results_as_the_search_itself():
    for i in range(45):
        published(f"Cấp phép số {i:02d}", f"1.{i + 300000:06d}", processing_time=5)
    expected = [v.pk for v in selectors.search_catalogue("cap phep")]
    pages = [selectors.catalogue_page(n, 20, query="cap phep") for n in (1, 2, 3)]
    assert [v.pk for p in pages for v in p.object_list] == expected
    assert pages[0].paginator.count == 45
    assert pages[2].number == 3 and len(pages[2].object_list) == 5


@pytest.mark.parametrize("cache_seconds", [0, 300])
@pytest.mark.parametrize("number", [None, "abc", "0", "-1", "2", "3", "4", "99"])
def test_any_page_number_gives_the_page_a_plain_paginator_gives(settings, number, cache_seconds):
    settings.CATALOGUE_CACHE_SECONDS = cache_seconds
    cache.clear()
    for i in range(45):
        published(f"Cấp phép số {i:02d}", f"1.{i + 360000:06d}")
    plain = Paginator(selectors.search_catalogue("cap phep"), 20).get_page(number)
    for _ in range(2):  # the second time from the cache, when on
        page = selectors.catalogue_page(number, 20, query="cap phep")
        assert (page.number, page.paginator.count) == (plain.number, 45)
        assert [v.pk for v in page.object_list] == [v.pk for v in plain.object_list]
    cache.clear()


def test_a_text_search_reads_its_count_with_its_page(django_assert_num_queries):
    for i in range(25):
        published(f"Cấp phép số {i:02d}", f"1.{i + 370000:06d}")
    with django_assert_num_queries(2):  # ids and count in one query, then the rows
        page = selectors.catalogue_page("2", 20, query="cap phep")
    assert page.paginator.count == 25 and len(page.object_list) == 5


def test_a_repeated_search_is_one_query_and_a_publish_is_seen_at_once(
    cached, client, django_assert_max_num_queries
):
    for i in range(25):
        published(f"Cấp phép số {i:02d}", f"1.{i + 320000:06d}")
    url = reverse("procedures:catalogue")
    first = client.get(url, {"q": "cap phep", "trang": 2})
    assert first.context["page"].paginator.count == 25
    with django_assert_max_num_queries(1):
        again = client.get(url, {"q": "cap phep", "trang": 2})
    assert names(again) == names(first)

    draft = ProcedureVersionFactory(name="Cấp phép mới", procedure__code="1.329999")
    assert client.get(url, {"q": "cap phep"}).context["page"].paginator.count == 25
    draft.status = VersionStatus.PUBLISHED
    draft.save()
    assert client.get(url, {"q": "cap phep"}).context["page"].paginator.count == 26
    draft.status = VersionStatus.WITHDRAWN
    draft.save()
    assert client.get(url, {"q": "cap phep"}).context["page"].paginator.count == 25


def test_a_new_fee_and_a_new_sector_are_seen_at_once(cached, client):
    version = published("Cấp phép có phí", "1.330001")
    url = reverse("procedures:catalogue")
    assert client.get(url, {"phi": "co"}).context["page"].paginator.count == 0
    FeeFactory(version=version, amount=50_000)
    assert client.get(url, {"phi": "co"}).context["page"].paginator.count == 1
    SectorFactory(code="MOI", name="Lĩnh vực mới")
    assert 'value="MOI"' in client.get(url).content.decode()


def test_an_unknown_sector_code_is_a_clear_400(client):
    response = client.get(reverse("procedures:catalogue"), {"linh_vuc": "KHONG-CO"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_the_api_list_reads_through_the_same_cache(cached, client, django_assert_max_num_queries):
    for i in range(25):
        published(f"Cấp phép số {i:02d}", f"1.{i + 340000:06d}", processing_time=i + 1)
    url = "/api/v1/procedures/"
    first = client.get(url, {"q": "cap phep", "page": 2, "page_size": 10})
    expected = [v.procedure.code for v in selectors.search_catalogue("cap phep")][10:20]
    assert [row["code"] for row in first.json()["results"]] == expected
    assert first.json()["count"] == 25
    with django_assert_max_num_queries(1):
        again = client.get(url, {"q": "cap phep", "page": 2, "page_size": 10})
    assert again.json() == first.json()

    published("Cấp phép mới", "1.349999")
    assert client.get(url, {"q": "cap phep"}).json()["count"] == 26


def test_a_query_without_words_matches_nothing_even_after_an_empty_search(cached, client):
    published("Cấp phép", "1.350001")
    assert client.get("/api/v1/procedures/").json()["count"] == 1
    assert client.get("/api/v1/procedures/", {"q": "!!"}).json()["count"] == 0
    url = reverse("procedures:catalogue")
    assert client.get(url).context["page"].paginator.count == 1
    assert client.get(url, {"q": "!!"}).context["page"].paginator.count == 0


@pytest.mark.django_db(transaction=True)
def test_what_another_process_keeps_before_a_write_commits_is_dropped_at_commit(cached):
    """A component written in a transaction: a reader on another connection, before the commit,
    still sees the old rows under the moved token and keeps them; the commit moves the token again,
    so the component is there for the next reader (found in review: it stayed stale 300 s)."""
    import threading

    from django.db import connection, transaction

    from procedures.models import DossierComponent

    version = published("Đăng ký khai sinh", "1.001193")
    assert selectors.version_components(version) == []
    seen = {}
    with transaction.atomic():
        component = DossierComponent.objects.create(version=version, name="Tờ khai", order=1)

        def other_process():
            seen["before commit"] = selectors.version_components(version)
            connection.close()

        reader = threading.Thread(target=other_process)
        reader.start()
        reader.join()
    assert seen["before commit"] == []
    assert [c.pk for c in selectors.version_components(version)] == [component.pk]
