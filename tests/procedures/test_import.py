import csv
import io

import pytest
from openpyxl import Workbook

from procedures.importing import COLUMNS, ImportFileError, export_catalogue, import_catalogue
from procedures.models import CatalogueChange, Procedure, ProcedureVersion, VersionStatus
from tests.procedures.factories import AgencyFactory, SectorFactory

pytestmark = pytest.mark.django_db

HEADER = [label for _key, label in COLUMNS]
STEPS = "Tiếp nhận hồ sơ | Tiếp nhận | 4; Thẩm định | Chuyên viên | 28; Ký duyệt | Lãnh đạo | 8"


def line(code="1.001193", name="Đăng ký khai sinh", **overrides):
    values = {
        "code": code,
        "name": name,
        "sector": "HT",
        "levels": "Cấp Xã",
        "agencies": "X01",
        "processing_time": "5 ngày làm việc",
        "fees": "Lệ phí đăng ký khai sinh: 8.000",
        "online_level": "Toàn trình",
        "components": "Tờ khai đăng ký khai sinh | Bản chính | 1 | Bắt buộc; Giấy chứng sinh | Bản sao | 1 | Bắt buộc",
        "steps": STEPS,
        "channels": "",
        "applicants": "Công dân Việt Nam",
        "result": "Giấy khai sinh",
        "conditions": "",
        "legal_basis": "Luật Hộ tịch 2014",
    }
    values.update(overrides)
    return [values[key] for key, _label in COLUMNS]


def xlsx(*rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_csv(*rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, *rows])
    return buffer.getvalue().encode("utf-8")


@pytest.fixture
def world(admin_user):
    SectorFactory(code="HT", name="Hộ tịch")
    return {"agency": AgencyFactory(code="X01", name="UBND xã Phúc Xá"), "user": admin_user}


def run(world, content, name="danh-muc.xlsx", apply=False):
    return import_catalogue(
        content, name, owner_agency=world["agency"], user=world["user"], apply=apply
    )


def test_dry_run_reports_each_line_and_changes_nothing(world):
    report = run(world, xlsx(line(), line(code="1.000656", name="Đăng ký kết hôn", sector="XX")))
    assert [(ln.row, ln.outcome) for ln in report.lines] == [(2, "created"), (3, "rejected")]
    assert "Lĩnh vực “XX” không có" in report.lines[1].messages[0]
    assert not Procedure.objects.exists()


def test_real_run_applies_good_lines_and_a_second_import_changes_nothing(world):
    content = xlsx(line(), line(code="1.000656", name="Đăng ký kết hôn", fees="Lệ phí: -5000"))
    report = run(world, content, apply=True)
    assert (report.created, report.rejected) == (1, 1)
    assert "không được âm" in report.lines[1].messages[0]
    version = ProcedureVersion.objects.get()
    assert version.status == VersionStatus.DRAFT
    assert version.fees.get().amount == 8000
    assert version.components.count() == 2
    assert version.steps.count() == 3
    assert version.at_commune_level and not version.at_province_level
    changes = CatalogueChange.objects.count()

    again = run(world, content, apply=True)
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 1, 1)
    assert ProcedureVersion.objects.count() == 1
    assert CatalogueChange.objects.count() == changes


def test_updating_a_published_procedure_prepares_a_new_draft(world):
    from procedures import services

    run(world, xlsx(line()), apply=True)
    services.publish(ProcedureVersion.objects.get(), world["user"])
    report = run(world, xlsx(line(name="Đăng ký khai sinh (sửa đổi)")), apply=True)
    assert report.updated == 1
    live, draft = ProcedureVersion.objects.order_by("number")
    assert live.status == VersionStatus.PUBLISHED and live.name == "Đăng ký khai sinh"
    assert draft.status == VersionStatus.DRAFT and draft.number == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"code": "abc"}, "không đúng dạng"),
        ({"agencies": "KHONG-CO"}, "Không có cơ quan"),
        ({"processing_time": "6 ngày làm việc"}, "không bằng thời hạn giải quyết"),
        ({"processing_time": "mãi mãi"}, "Thời hạn giải quyết"),
        ({"online_level": "mức độ 9"}, "Mức độ trực tuyến"),
        ({"levels": "Cấp Trung ương"}, "Cấp thực hiện"),
        ({"fees": "Lệ phí: nhiều tiền"}, "không phải số tiền"),
    ],
)
def test_bad_lines_are_rejected_with_a_vietnamese_reason(world, overrides, message):
    report = run(world, xlsx(line(**overrides)), apply=True)
    assert report.rejected == 1
    assert message in " ".join(report.lines[0].messages)
    assert not Procedure.objects.exists()


def test_duplicate_codes_in_one_file_reject_the_second_line(world):
    report = run(world, as_csv(line(), line(name="Khác")), name="x.csv")
    assert [ln.outcome for ln in report.lines] == ["created", "rejected"]
    assert "trùng với dòng 2" in report.lines[1].messages[0]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"PK\x03\x04 not really a workbook", "a.xlsx", "Không đọc được tệp XLSX"),
        (b"\xff\xfe\x00garbage", "a.csv", "UTF-8"),
        (b"foo,bar\n1,2\n", "a.csv", "Thiếu cột bắt buộc"),
        (b"anything", "a.pdf", "Chỉ nhận tệp"),
    ],
)
def test_malformed_files_get_a_clear_message(world, content, name, message):
    with pytest.raises(ImportFileError, match=message):
        run(world, content, name=name, apply=True)


def test_export_writes_the_same_layout_and_reimports_unchanged(world):
    run(world, xlsx(line()), apply=True)
    content, _type, filename = export_catalogue(ProcedureVersion.objects.all(), "xlsx")
    assert filename.endswith(".xlsx")
    report = run(world, content, apply=True)
    assert report.unchanged == 1, [ln.messages for ln in report.lines]
    csv_content, _type, _name = export_catalogue(ProcedureVersion.objects.all(), "csv")
    assert run(world, csv_content, name="a.csv").unchanged == 1
