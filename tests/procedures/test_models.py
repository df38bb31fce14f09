import pytest
from django.db import IntegrityError, transaction

from procedures.models import Agency, VersionStatus
from procedures.search import normalize, query_words
from tests.procedures.factories import AgencyFactory, FeeFactory, ProcedureVersionFactory


def test_normalize_folds_diacritics_case_and_d_with_stroke():
    assert normalize("Đăng  ký KHAI SINH") == "dang ky khai sinh"
    assert normalize("đ Đ") == "d d"
    # NFD input (as some keyboards send it) folds the same as NFC.
    assert normalize("Đăng ký".encode().decode()) == normalize("Đa\u0306ng ky\u0301")
    assert query_words("  khai   sinh khai ") == ["khai", "sinh"]


@pytest.mark.django_db
def test_agency_tree_of_any_depth_answers_descendants_and_ancestors_in_one_query(
    django_assert_num_queries,
):
    province = AgencyFactory(level=Agency.Level.PROVINCE)
    department = AgencyFactory(parent=province)
    district = AgencyFactory(parent=province, level=Agency.Level.DISTRICT)
    commune = AgencyFactory(parent=district, level=Agency.Level.COMMUNE)
    other = AgencyFactory(level=Agency.Level.PROVINCE)

    with django_assert_num_queries(1):
        below = set(Agency.objects.descendants_of(province))
    assert below == {department, district, commune}
    with django_assert_num_queries(1):
        assert list(Agency.objects.ancestors_of(commune)) == [province, district]
    assert commune.depth == 2
    assert other not in below


@pytest.mark.django_db
def test_moving_an_agency_moves_its_whole_subtree():
    a = AgencyFactory()
    b = AgencyFactory()
    child = AgencyFactory(parent=a)
    grandchild = AgencyFactory(parent=child)

    child.parent = b
    child.save()
    grandchild.refresh_from_db()

    assert set(Agency.objects.descendants_of(b)) == {child, grandchild}
    assert not Agency.objects.descendants_of(a).exists()
    assert grandchild.depth == 2

    b.parent = grandchild
    with pytest.raises(ValueError):
        b.save()


@pytest.mark.django_db
def test_only_one_version_of_a_procedure_is_published_at_a_time():
    live = ProcedureVersionFactory(published=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcedureVersionFactory(procedure=live.procedure, status=VersionStatus.PUBLISHED)
    draft = ProcedureVersionFactory(procedure=live.procedure)
    assert draft.status == VersionStatus.DRAFT


@pytest.mark.django_db
def test_fees_cannot_be_negative_in_the_database():
    version = ProcedureVersionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        FeeFactory(version=version, amount=-1)


@pytest.mark.django_db
def test_version_keeps_a_normalised_search_column_on_save():
    version = ProcedureVersionFactory(name="Đăng ký khai sinh", procedure__code="1.001193")
    assert version.search_name == "dang ky khai sinh"
    assert version.search_text == "1.001193 dang ky khai sinh"
    assert version.legacy_level == 3
