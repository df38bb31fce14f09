"""XLSX and PDF exports of a statistics context: the same numbers as the page, in tables."""

import io

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _name(context) -> str:
    query = context["query"]
    agency = query.agency.code if query.agency else "toan-tinh"
    return f"thong-ke-{agency}-{query.first:%Y%m}-{query.last:%Y%m}".replace("/", "-")


def _pct(value):
    return float(value) if value is not None else None


def workbook(context):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    wb = Workbook()
    summary, satisfaction = context["summary"], context["satisfaction"]
    query = context["query"]

    ws = wb.active
    ws.title = _("Tổng quan")[:31]
    ws.append([_("Cơ quan"), query.agency.name if query.agency else _("Toàn tỉnh")])
    ws.append([_("Từ tháng"), f"{query.first:%m/%Y}", _("Đến tháng"), f"{query.last:%m/%Y}"])
    refresh = context.get("refresh")
    ws.append(
        [
            _("Số liệu cập nhật lúc"),
            timezone.localtime(refresh.finished_at).strftime("%H:%M %d/%m/%Y") if refresh else "",
        ]
    )
    ws.append([])
    rows = [
        (_("Hồ sơ tiếp nhận"), summary["received"]),
        (_("Trực tuyến"), summary["received_online"]),
        (_("Trực tiếp"), summary["received_counter"]),
        (_("Bưu chính công ích"), summary["received_post"]),
        (_("Tỷ lệ nộp trực tuyến (%)"), _pct(summary["online_share"])),
        (_("Đã giải quyết"), summary["resolved"]),
        (_("Trước hạn"), summary["resolved_early"]),
        (_("Đúng hạn"), summary["resolved_on_time"]),
        (_("Quá hạn"), summary["resolved_late"]),
        (_("Tỷ lệ trước và đúng hạn (%)"), _pct(summary["on_time_share"])),
        (_("Đang giải quyết"), summary["open"]),
        (_("Trong đó quá hạn"), summary["overdue"]),
        (_("Tỷ lệ thanh toán trực tuyến (%)"), _pct(summary["payment_online_share"])),
        (_("Lượt đánh giá"), satisfaction["responses"]),
        (_("Tỷ lệ hài lòng (%)"), _pct(satisfaction["satisfied_share"])),
    ]
    for row in rows:
        ws.append(list(row))
    ws.column_dimensions["A"].width = 40

    ws = wb.create_sheet(_("Theo tháng")[:31])
    ws.append(
        [
            _("Tháng"),
            _("Tiếp nhận"),
            _("Trực tuyến (%)"),
            _("Đã giải quyết"),
            _("Đúng hạn (%)"),
            _("Lượt đánh giá"),
            _("Hài lòng (%)"),
        ]
    )
    for row in context["trend"]:
        ws.append(
            [
                f"{row['month']:%m/%Y}",
                row["received"],
                _pct(row["online_share"]),
                row["resolved"],
                _pct(row["on_time_share"]),
                row["responses"],
                _pct(row["satisfied_share"]),
            ]
        )

    ws = wb.create_sheet(_("Theo cơ quan")[:31])
    ws.append(
        [
            _("Cơ quan"),
            _("Tiếp nhận"),
            _("Trực tuyến (%)"),
            _("Đúng hạn (%)"),
            _("Đang giải quyết"),
            _("Quá hạn"),
            _("Hài lòng (%)"),
        ]
    )
    for row in context["by_agency"]:
        ws.append(
            [
                row["agency_name"],
                row["received"],
                _pct(row["online_share"]),
                _pct(row["on_time_share"]),
                row["open"],
                row["overdue"],
                _pct(row["satisfied_share"]),
            ]
        )

    ws = wb.create_sheet(_("Theo lĩnh vực")[:31])
    ws.append(
        [_("Lĩnh vực"), _("Tiếp nhận"), _("Trực tuyến (%)"), _("Đã giải quyết"), _("Đúng hạn (%)")]
    )
    for row in context["by_sector"]:
        ws.append(
            [
                row["sector__name"],
                row["received"],
                _pct(row["online_share"]),
                row["resolved"],
                _pct(row["on_time_share"]),
            ]
        )

    ws = wb.create_sheet(_("Hài lòng")[:31])
    ws.append([_("Khía cạnh"), _("Lượt"), _("Điểm trung bình"), _("Hài lòng (%)")])
    for a in satisfaction["aspects"]:
        ws.append([a["label"], a["responses"], _pct(a["average"]), _pct(a["satisfied_share"])])

    ws = wb.create_sheet(_("Chỉ số")[:31])
    ws.append([_("Cơ quan"), _("Tháng"), _("Điểm"), _("Xếp loại")])
    for score in context["index_scores"]:
        ws.append([score.agency.name, f"{score.month:%m/%Y}", float(score.total), score.band])

    for sheet in wb.worksheets:
        for cell in sheet[1]:
            cell.font = bold
    return wb


def xlsx_response(context) -> HttpResponse:
    buffer = io.BytesIO()
    workbook(context).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_name(context)}.xlsx"'
    return response


def pdf_response(request, context) -> HttpResponse:
    from dossiers.documents.rendering import html_to_pdf

    html = render_to_string("satisfaction/staff/export_pdf.html", context, request=request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_name(context)}.pdf"'
    return response
