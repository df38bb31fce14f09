import pytest
from django.urls import reverse

from procedures.models import OnlineLevel, VersionStatus
from tests.procedures.factories import (
    AgencyFactory,
    DossierComponentFactory,
    FeeFactory,
    ProcedureVersionFactory,
    ProcessStepFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db


def published(name, code, **kwargs):
    return ProcedureVersionFactory(published=True, name=name, procedure__code=code, **kwargs)


def names(response):
    return [v.name for v in response.context["page"].object_list]


def test_search_ignores_diacritics_and_case_and_folds_d(client):
    published("Đăng ký khai sinh", "1.001193")
    published("Cấp giấy phép xây dựng", "1.009972")
    url = reverse("procedures:catalogue")
    assert names(client.get(url, {"q": "dang ky khai sinh"})) == ["Đăng ký khai sinh"]
    assert names(client.get(url, {"q": "ĐĂNG KÝ"})) == ["Đăng ký khai sinh"]
    assert names(client.get(url, {"q": "đang ky"})) == ["Đăng ký khai sinh"]
    assert names(client.get(url, {"q": "xay dung phep"})) == ["Cấp giấy phép xây dựng"]


def test_ranking_puts_exact_code_then_name_prefix_then_all_words(client):
    published("Thay đổi, cải chính hộ tịch cho người đăng ký khai sinh", "1.004859")
    published("Đăng ký khai sinh", "1.001193")
    published("Đăng ký khai sinh lưu động", "1.000656")
    code_hit = published("Liên thông khai sinh, thường trú", "1.001235")

    url = reverse("procedures:catalogue")
    assert names(client.get(url, {"q": "dang ky khai sinh"})) == [
        "Đăng ký khai sinh",
        "Đăng ký khai sinh lưu động",
        "Thay đổi, cải chính hộ tịch cho người đăng ký khai sinh",
    ]
    assert names(client.get(url, {"q": "1.001235"}))[0] == code_hit.name


def test_drafts_superseded_and_withdrawn_versions_never_show(client):
    published("Đăng ký kết hôn", "1.000894")
    ProcedureVersionFactory(name="Đăng ký kết hôn dự thảo", procedure__code="1.000001")
    ProcedureVersionFactory(
        name="Đăng ký kết hôn bãi bỏ", procedure__code="1.000002", status=VersionStatus.WITHDRAWN
    )
    ProcedureVersionFactory(
        name="Đăng ký kết hôn cũ", procedure__code="1.000003", status=VersionStatus.SUPERSEDED
    )
    response = client.get(reverse("procedures:catalogue"), {"q": "ket hon"})
    assert names(response) == ["Đăng ký kết hôn"]
    assert client.get(reverse("procedures:detail", args=["1.000001"])).status_code == 404
    assert client.get(reverse("procedures:detail", args=["1.000002"])).status_code == 404
    assert client.get("/api/v1/procedures/1.000002/").status_code == 404
    assert [p["code"] for p in client.get("/api/v1/procedures/").json()["results"]] == ["1.000894"]


def test_filters_by_sector_agency_level_online_level_and_fee(client):
    civil = SectorFactory(code="HT", name="Hộ tịch")
    commune = AgencyFactory(code="X01", name="UBND xã A", level="commune")
    a = published(
        "Đăng ký khai tử",
        "1.000419",
        sector=civil,
        agencies=[commune],
        at_province_level=False,
        at_commune_level=True,
        online_level=OnlineLevel.FULL,
    )
    b = published("Cấp phép xây dựng", "1.009972")
    FeeFactory(version=b, amount=100000)
    url = reverse("procedures:catalogue")
    assert names(client.get(url, {"linh_vuc": "HT"})) == [a.name]
    assert names(client.get(url, {"co_quan": "X01"})) == [a.name]
    assert names(client.get(url, {"cap": "commune"})) == [a.name]
    assert names(client.get(url, {"muc_do": "full"})) == [a.name]
    assert names(client.get(url, {"phi": "co"})) == [b.name]
    assert names(client.get(url, {"phi": "khong"})) == [a.name]


def test_a_ten_thousand_character_search_gets_a_clear_message(client):
    response = client.get(reverse("procedures:catalogue"), {"q": "a" * 10_000})
    assert response.status_code == 400
    assert "quá dài" in response.content.decode()
    api = client.get("/api/v1/procedures/", {"q": "a" * 10_000})
    assert api.status_code == 400
    assert "quá dài" in api.json()["fields"]["q"][0]["message"]  # the shared API error shape


def test_catalogue_page_uses_a_fixed_number_of_queries_whatever_the_page_size(
    client, django_assert_max_num_queries
):
    for i in range(45):
        published(f"Thủ tục số {i}", f"1.{i + 200000:06d}")
    with django_assert_max_num_queries(6):
        response = client.get(reverse("procedures:catalogue"), {"q": "thu tuc"})
    assert len(response.context["page"].object_list) == 20
    with django_assert_max_num_queries(6):
        api = client.get("/api/v1/procedures/", {"q": "thu tuc", "page_size": 45})
    assert len(api.json()["results"]) == 45
    # Every column the API's list shows is loaded with the page's rows (no query per row).
    sector, agency = SectorFactory(code="TT"), AgencyFactory(code="A01")
    for i in range(30):
        published(f"Thủ tục lọc {i}", f"1.{i + 210000:06d}", sector=sector, agencies=[agency])
    params = {"q": "thu tuc", "sector": "TT", "agency": "A01", "has_fee": "false", "page_size": 100}
    with django_assert_max_num_queries(6):
        api = client.get("/api/v1/procedures/", {**params, "level": "province"})
    assert len(api.json()["results"]) == 30


def test_procedure_page_shows_the_whole_record_within_eight_queries(
    client, django_assert_max_num_queries
):
    version = published("Cấp giấy phép xây dựng", "1.009972", processing_time=15)
    FeeFactory(version=version, amount=1_000_000, description="Lệ phí cấp giấy phép")
    DossierComponentFactory(version=version, name="Đơn đề nghị cấp giấy phép xây dựng")
    ProcessStepFactory(version=version)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("procedures:detail", args=["1.009972"]))
    html = response.content.decode()
    assert "1.000.000 đ" in html
    assert "15 (mười lăm) ngày làm việc" in html
    assert "Đơn đề nghị cấp giấy phép xây dựng" in html
    assert "Nộp hồ sơ trực tuyến" in html
    with django_assert_max_num_queries(8):
        api = client.get("/api/v1/procedures/1.009972/")
    assert api.json()["fees"][0]["amount"] == 1_000_000


def test_not_online_procedures_have_no_online_submission_button(client):
    published("Cấp bản sao trích lục", "1.000001", online_level=OnlineLevel.NOT_ONLINE)
    html = client.get(reverse("procedures:detail", args=["1.000001"])).content.decode()
    assert "Nộp hồ sơ trực tuyến" not in html


def test_agency_summary_counts_level_3_and_level_4(client):
    agency = AgencyFactory(code="000.00.01.H26", name="Sở Tư pháp")
    published("A", "1.000011", agencies=[agency], online_level=OnlineLevel.PARTIAL)
    published("B", "1.000012", agencies=[agency], online_level=OnlineLevel.FULL)
    published("C", "1.000013", agencies=[agency], online_level=OnlineLevel.NOT_ONLINE)
    ProcedureVersionFactory(agencies=[agency], procedure__code="1.000014")  # draft: not counted
    response = client.get(reverse("procedures:agency", args=[agency.code]))
    summary = response.context["summary"]
    assert (summary.total, summary.level3, summary.level4) == (3, 1, 1)
    assert summary.online_share == 66.7
    listing = client.get(reverse("procedures:agencies"))
    assert listing.status_code == 200
    assert "66,7%" in listing.content.decode()


def test_api_lists_agencies_and_sectors(client):
    AgencyFactory(code="H26", name="UBND tỉnh")
    SectorFactory(code="HT", name="Hộ tịch")
    assert client.get("/api/v1/agencies/").json()["results"][0]["code"] == "H26"
    assert client.get("/api/v1/sectors/").json() == [{"code": "HT", "name": "Hộ tịch"}]


def test_form_templates_download_only_from_published_versions(client, settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    version = published("Đăng ký khai sinh", "1.001193")
    component = DossierComponentFactory(version=version, template_name="To khai.rtf")
    component.template.save("to-khai.rtf", ContentFile(b"{\\rtf1 mau}"))
    url = reverse("procedures:template", args=["1.001193", component.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"{\\rtf1 mau}"
    api = client.get("/api/v1/procedures/1.001193/").json()
    assert api["components"][0]["template_url"].endswith(url)

    version.status = VersionStatus.WITHDRAWN
    version.save()
    assert client.get(url).status_code == 404


def test_chosen_filters_stay_selected_so_the_page_can_be_shared(client):
    SectorFactory(code="HT", name="Hộ tịch")
    html = client.get(reverse("procedures:catalogue"), {"linh_vuc": "HT", "muc_do": "full"}).content
    assert b'<option value="HT" selected>' in html
    assert b'<option value="full" selected>' in html


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_api_list_rows_are_what_the_serializer_fields_give_one_by_one(language):
    from django.utils import translation

    from procedures import selectors
    from procedures.api.serializers import ProcedureListSerializer
    from procedures.models.catalogue import ProcessingTimeUnit

    paid = published("Cấp phép có phí", "1.220001", processing_time=15, online_level="full")
    FeeFactory(version=paid, amount=50_000)
    published("Xác nhận trong ngày", "1.220002", processing_time_unit=ProcessingTimeUnit.SAME_DAY)
    published(
        "Cấp bản sao theo giờ",
        "1.220003",
        processing_time=4,
        processing_time_unit=ProcessingTimeUnit.WORKING_HOURS,
        at_province_level=False,
        at_commune_level=True,
    )
    rows = list(selectors.search_catalogue(""))
    with translation.override(language):
        many = ProcedureListSerializer(rows, many=True).data
        assert many == [ProcedureListSerializer(version).data for version in rows]
    assert [list(row) for row in many] == [ProcedureListSerializer.Meta.fields] * 3


@pytest.mark.parametrize("query", ["", "khai sinh"])
def test_a_page_number_past_any_list_is_the_last_page_or_a_404(client, query):
    """A crafted page number beyond a bigint OFFSET never reaches SQL (a text search read it with
    its count in one query, a 500): the catalogue shows its last page, the API answers 404."""
    ProcedureVersionFactory(published=True, name="Đăng ký khai sinh", procedure__code="1.001193")
    huge = "99999999999999999999"
    page = client.get(reverse("procedures:catalogue"), {"q": query, "trang": huge})
    assert page.status_code == 200
    assert "Đăng ký khai sinh" in page.content.decode()
    api = client.get("/api/v1/procedures/", {"q": query, "page": huge})
    assert api.status_code == 404
