"""Statutory documents (Circular 03/2025/TT-VPCP forms 01-07): rendered offline, A4, Vietnamese serif.

Every kind is rendered once per module (WeasyPrint is warmed by the first) and the tests read the
PDFs; none of these tests needs the database.
"""

import dataclasses
import hashlib
import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.core.management import call_command

from dossiers.documents import (
    KINDS,
    ONE_STOP_FORMS,
    Applicant,
    DocumentRenderError,
    FetchRefused,
    LocalFileFetcher,
    document_filename,
    get_kind,
    lookup_qr,
    pdf_content_file,
    render_html,
    render_pdf,
    samples,
)
from dossiers.documents.formatting import date_line, time_and_date
from dossiers.documents.rendering import html_to_pdf

A4 = (595.28, 841.89)
NATIONAL_HEADER = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def rendered():
    """kind → (context, pdf bytes, extracted text), each rendered once."""
    documents = {}
    for key in KINDS:
        context = samples.sample(key)
        pdf = render_pdf(key, context)
        documents[key] = (context, pdf, pdf_text(pdf))
    return documents


# --- The registry ------------------------------------------------------------------------------


def test_the_form_set_is_circular_03_2025_numbered_01_to_07():
    assert [kind.form_number for kind in ONE_STOP_FORMS] == [
        "01",
        "02",
        "03",
        "04",
        "05",
        "06",
        "07",
    ]
    for kind in ONE_STOP_FORMS:
        assert "03/2025/TT-VPCP" in kind.legal_basis
    for kind in KINDS.values():
        assert (Path(settings.BASE_DIR) / "templates" / kind.template).is_file()
    assert KINDS["receipt"].title == "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    assert KINDS["stop_notice"].title == "Thông báo dừng giải quyết hồ sơ"


def test_every_document_kind_can_be_kept_as_an_issued_document():
    from dossiers.models import IssuedDocument

    assert set(KINDS) <= set(IssuedDocument.Kind.values)


def test_a_context_of_the_wrong_kind_is_refused():
    with pytest.raises(DocumentRenderError):
        render_html("refusal", samples.receipt())


# --- Every kind: A4, the state header, the dossier's facts -------------------------------------


@pytest.mark.parametrize("key", list(KINDS))
def test_every_kind_is_an_a4_pdf_with_the_national_header(rendered, key):
    context, pdf, text = rendered[key]
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    for page in reader.pages:
        size = sorted((float(page.mediabox.width), float(page.mediabox.height)))
        assert size[0] == pytest.approx(A4[0], abs=1)
        assert size[1] == pytest.approx(A4[1], abs=1)
    for line in NATIONAL_HEADER:
        assert line in text
    assert get_kind(key).title.upper() in text.upper()
    assert f"Hà Nội, {date_line(context.issued_at)}" in text
    assert context.agency.plain_name.upper() in text.upper()
    assert reader.metadata.title.startswith(get_kind(key).title)


def test_receipt_and_slips_fit_on_one_portrait_page(rendered):
    for key in (
        "receipt",
        "supplement_request",
        "refusal",
        "apology",
        "stop_notice",
        "payment_receipt",
    ):
        reader = pypdf.PdfReader(io.BytesIO(rendered[key][1]))
        assert len(reader.pages) == 1, key
        assert float(reader.pages[0].mediabox.width) < float(reader.pages[0].mediabox.height)


def test_tracking_book_is_a4_landscape(rendered):
    page = pypdf.PdfReader(io.BytesIO(rendered["tracking_book"][1])).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)


@pytest.mark.parametrize("key", [k for k in KINDS if k != "tracking_book"])
def test_dossier_documents_print_the_code_the_applicant_and_dd_mm_yyyy_dates(rendered, key):
    context, _pdf, text = rendered[key]
    assert f"Mã hồ sơ: {context.dossier_code}" in text or context.dossier_code in text
    assert context.applicant.name in text
    assert context.received_at.strftime("%d/%m/%Y") in text


def test_fonts_embedded_are_the_vietnamese_serif_ones(rendered):
    for key, (_context, pdf, _text) in rendered.items():
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        names = set()
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
        assert names, key
        assert all("Serif" in name for name in names), (key, names)


# --- What each form must say --------------------------------------------------------------------


def test_receipt_lists_documents_times_appointment_fees_book_and_pin(rendered):
    context, _pdf, text = rendered["receipt"]
    for document in context.documents:
        assert document.name in text
    assert "Bản sao chứng thực" in text
    assert "Số lượng hồ sơ: 01 bộ" in text
    assert "10 ngày làm việc" in text
    assert "Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 25/11/2026" in text
    assert "09 giờ 30 phút, ngày 09/12/2026" in text
    assert "200.000 đ" in text
    assert "Quyển số: 03, Số thứ tự: 1287" in text
    assert "PIN: 482913" in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "Trần Minh Đức" in text


def test_citizen_documents_mask_the_id_number_and_internal_ones_print_it(rendered):
    full = samples.APPLICANT.id_number
    assert full not in rendered["receipt"][2]
    assert "********2345" in rendered["receipt"][2]
    assert full in rendered["control_slip"][2]


def test_an_organisation_tax_code_is_printed_whole(rendered):
    context, _pdf, text = rendered["refusal"]
    assert f"Mã số thuế: {context.applicant.id_number}" in text
    assert "Quý tổ chức" in text and "Ông/Bà" not in text


def test_supplement_request_numbers_each_item_with_its_reason(rendered):
    context, _pdf, text = rendered["supplement_request"]
    for item in context.items:
        assert item.content in text
        assert item.reason in text
    assert "25/12/2026" in text  # reply by
    assert "024 3825 1234 (máy lẻ 112)" in text
    assert "NGƯỜI HƯỚNG DẪN" in text


def test_refusal_states_the_reasons(rendered):
    context, _pdf, text = rendered["refusal"]
    for reason in context.reasons:
        assert reason in text


def test_apology_gives_the_original_appointment_the_reason_and_the_new_date(rendered):
    context, _pdf, text = rendered["apology"]
    assert "09 giờ 30 phút, ngày 09/12/2026" in text
    assert context.reason in text
    assert "09 giờ 30 phút, ngày 16/12/2026" in text
    assert "KT. GIÁM ĐỐC" in text and "Vũ Thị Thanh Hà" in text


def test_stop_notice_gives_the_reasons_and_the_date(rendered):
    context, _pdf, text = rendered["stop_notice"]
    assert "dừng giải quyết hồ sơ" in text
    assert context.reasons[0] in text
    assert "01/12/2026" in text


def test_control_slip_has_one_row_per_handover_rated_against_its_deadline(rendered):
    context, _pdf, text = rendered["control_slip"]
    for row in context.rows:
        assert row.giver in text and row.receiver in text
    assert "Trước hạn" in text and "Đúng hạn" in text and "Quá hạn" in text
    assert "1287/GTN-TTPVHCC" in text


def test_tracking_book_lists_the_period_and_every_dossier(rendered):
    context, _pdf, text = rendered["tracking_book"]
    assert "Từ ngày 01/11/2026 đến ngày 30/11/2026" in text
    for row in context.rows:
        assert row.applicant_name in text
    # Dossier codes sit in a narrow column and may wrap: compare without spaces.
    compact = text.replace(" ", "")
    for row in context.rows:
        assert row.dossier_code in compact


def test_values_are_escaped_not_interpreted_as_html():
    context = dataclasses.replace(
        samples.refusal(),
        applicant=Applicant(name='<img src="http://evil.example/x.png">Hacker'),
    )
    html = render_html("refusal", context)
    assert "<img" not in html
    assert "&lt;img" in html
    assert render_pdf("refusal", context).startswith(b"%PDF-")


# --- The QR code on the receipt -------------------------------------------------------------------


def test_receipt_qr_code_opens_the_public_lookup_with_the_code(settings):
    settings.SITE_URL = "https://dichvucong.hanoi.example.vn/"
    qr = lookup_qr(samples.CODE)
    assert qr.url == "https://dichvucong.hanoi.example.vn/tra-cuu/?ma=000.00.12.H26-261125-0001"
    assert "482913" not in qr.url  # the PIN is printed, never encoded
    html = render_html("receipt", samples.receipt())
    assert qr.svg in html
    assert html.count("<svg") == 1


@pytest.mark.skipif(
    not (shutil.which("zbarimg") and shutil.which("pdftoppm")),
    reason="decoding needs zbar-tools and poppler-utils",
)
def test_receipt_qr_code_decodes_from_the_printed_page(rendered, tmp_path):
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(rendered["receipt"][1])
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    image = next(tmp_path.glob("page*.png"))
    result = subprocess.run(
        ["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == lookup_qr(samples.CODE).url


# --- Resources: local files only ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/style.css",
        "https://fonts.googleapis.com/css2?family=Noto+Serif",
        "ftp://example.com/x.png",
        "data:text/css,body{}",
        "file:///etc/passwd",
        "file://evil.example/share/x.css",
        "relative/style.css",
    ],
)
def test_the_fetcher_refuses_anything_but_local_project_files(url):
    with pytest.raises(FetchRefused):
        LocalFileFetcher().fetch(url)


def test_the_fetcher_refuses_a_path_that_climbs_out_of_the_project():
    escape = (Path(settings.BASE_DIR) / "static" / ".." / ".." / ".." / "etc" / "passwd").as_posix()
    with pytest.raises(FetchRefused):
        LocalFileFetcher().fetch(f"file://{escape}")


def test_the_fetcher_reads_the_project_static_files():
    css = Path(settings.BASE_DIR) / "static" / "documents" / "print.css"
    response = LocalFileFetcher().fetch(css.as_uri())
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


def test_a_document_asking_for_a_remote_resource_fails_instead_of_fetching():
    html = '<html><body><img src="http://127.0.0.1:9/tracker.png"><p>x</p></body></html>'
    with pytest.raises(DocumentRenderError):
        html_to_pdf(html)


# --- Storing the PDF with the dossier ----------------------------------------------------------


def test_stored_pdf_has_a_safe_name_and_the_sha256_of_its_bytes(rendered):
    pdf = rendered["receipt"][1]
    stored = pdf_content_file(pdf, "receipt", "000.00.12.H26-261125-0001")
    assert stored.file.name == "giay-tiep-nhan-ho-so_000.00.12.H26-261125-0001.pdf"
    assert stored.sha256 == hashlib.sha256(pdf).hexdigest()
    assert stored.size == len(pdf)
    assert stored.file.read() == pdf


def test_unsafe_characters_never_reach_the_file_name():
    name = document_filename("apology", "../../Đơn vị/0001", suffix="lần 2")
    assert name == "van-ban-xin-loi_Don-vi-0001_lan-2.pdf"
    assert "/" not in name and ".." not in name


def test_only_pdf_bytes_are_stored():
    with pytest.raises(ValueError):
        pdf_content_file(b"<html>not a pdf</html>", "receipt", "X")


# --- Wording of dates -----------------------------------------------------------------------------


def test_date_line_pads_days_below_10_and_months_1_and_2_per_decree_30():
    import datetime as dt

    assert date_line(dt.date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert date_line(dt.date(2026, 11, 25)) == "ngày 25 tháng 11 năm 2026"
    assert date_line(dt.date(2026, 3, 9)) == "ngày 09 tháng 3 năm 2026"
    assert time_and_date(samples.at(2026, 1, 2, 7, 5)) == "07 giờ 05 phút, ngày 02/01/2026"


# --- The sample command -------------------------------------------------------------------------


def test_render_sample_documents_writes_every_kind(tmp_path):
    call_command("render_sample_documents", str(tmp_path), stdout=io.StringIO())
    files = sorted(path.name for path in tmp_path.glob("*.pdf"))
    assert len(files) == len(KINDS)
    assert "giay-tiep-nhan-ho-so_000.00.12.H26-261125-0001.pdf" in files
    assert all((tmp_path / name).read_bytes().startswith(b"%PDF-") for name in files)


def test_processing_time_is_written_with_two_digits_and_a_decimal_comma():
    from decimal import Decimal

    from dossiers.documents import ProcessingTime

    assert str(ProcessingTime(5, "day")) == "05 ngày làm việc"
    assert str(ProcessingTime(Decimal("12"), "day")) == "12 ngày làm việc"
    assert str(ProcessingTime(Decimal("0.5"), "day")) == "0,5 ngày làm việc"
    assert str(ProcessingTime(8, "hour")) == "08 giờ làm việc"
    assert str(ProcessingTime(0, "same_day")) == "Trong ngày"


def test_an_online_return_names_no_counter_address():
    context = dataclasses.replace(samples.receipt(), return_method="online")
    html = render_html("receipt", context)
    assert "Trực tuyến trên Cổng Dịch vụ công." in html
    assert "Quầy số 7" not in html


def test_the_date_line_falls_back_to_the_configured_place(settings):
    settings.DOCUMENTS_PLACE = "Huế"
    context = samples.refusal()
    nowhere = dataclasses.replace(context, agency=dataclasses.replace(context.agency, place=""))
    assert "Huế, ngày 25 tháng 11 năm 2026" in render_html("refusal", nowhere)
    assert "Hà Nội, ngày 25 tháng 11 năm 2026" in render_html("refusal", context)


def test_the_payment_receipt_prints_the_amount_channel_transaction_and_time(rendered):
    context, _pdf, text = rendered["payment_receipt"]
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ ĐIỆN TỬ" in text
    assert f"Số: {context.number}" in text
    assert "200.000 đ" in text and "VNPay" in text and context.transaction in text
    assert "Nghị định số 123/2020/NĐ-CP" in text  # the footer names its legal basis
    assert samples.APPLICANT.id_number not in text  # a document handed to the citizen: masked
