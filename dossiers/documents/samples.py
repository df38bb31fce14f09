"""Realistic sample contexts for every document kind: previews, the sample command, tests, benchmarks.

One story: Ms Nguyễn Thị Thu Hương asks the Hà Nội public administration service centre for a
criminal record certificate on Wednesday 25/11/2026 (10 working days: due Wednesday 09/12/2026); two
other applicants are asked for a supplement and refused. All names and numbers are invented.
"""

from __future__ import annotations

import datetime as dt

from portal.formatting import VN_TZ

from . import context as ctx


def at(year, month, day, hour=0, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


AGENCY = ctx.Agency(
    name="Trung tâm Phục vụ\nhành chính công\nthành phố Hà Nội",
    parent_name="Ủy ban nhân dân\nthành phố Hà Nội",
    place="Hà Nội",
    address="Số 258 phố Võ Chí Công, phường Phú Thượng, thành phố Hà Nội",
    phone="024 3825 1234",
    symbol="TTPVHCC",
)
DEPARTMENT = "Sở Tư pháp thành phố Hà Nội"
PROCEDURE = (
    "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam"
)
CODE = "000.00.12.H26-261125-0001"

APPLICANT = ctx.Applicant(
    name="Nguyễn Thị Thu Hương",
    id_number="001190012345",
    address="Số 12, ngõ 34 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội",
    phone="0912 345 678",
    email="thuhuong.nguyen@example.vn",
)
RECEIVING_OFFICER = ctx.Officer(
    name="Trần Minh Đức", title="Cán bộ tiếp nhận", phone="024 3825 1234 (máy lẻ 105)"
)
DIRECTOR = ctx.Officer(name="Lê Hoàng Nam", title="Phó Giám đốc", signing_for="KT. GIÁM ĐỐC")

RECEIVED_AT = at(2026, 11, 25, 9, 30)
APPOINTMENT_AT = at(2026, 12, 9, 9, 30)


def receipt() -> ctx.ReceiptContext:
    return ctx.ReceiptContext(
        agency=AGENCY,
        issued_at=RECEIVED_AT,
        number="1287/GTN-TTPVHCC",
        dossier_code=CODE,
        applicant=APPLICANT,
        procedure_name=PROCEDURE,
        request="Cấp Phiếu lý lịch tư pháp số 1 để bổ sung hồ sơ xin việc",
        received_at=RECEIVED_AT,
        documents=(
            ctx.ReceivedDocument("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "original", 1),
            ctx.ReceivedDocument("Thẻ Căn cước (xuất trình để đối chiếu)", "photocopy", 1),
            ctx.ReceivedDocument("Giấy xác nhận thông tin về cư trú", "certified_copy", 1),
        ),
        sets=1,
        processing_time=ctx.ProcessingTime(10, "day"),
        appointment_at=APPOINTMENT_AT,
        return_method="counter",
        return_place="Quầy số 7, Trung tâm Phục vụ hành chính công thành phố Hà Nội",
        fees=(ctx.Fee("Lệ phí cấp Phiếu lý lịch tư pháp", 200_000),),
        book_volume="03",
        book_number=1287,
        receiving_officer=RECEIVING_OFFICER,
        pin="482913",
    )


def supplement_request() -> ctx.SupplementRequestContext:
    return ctx.SupplementRequestContext(
        agency=AGENCY,
        issued_at=at(2026, 11, 25, 14, 10),
        number="315/PBS-TTPVHCC",
        dossier_code="000.00.12.H26-261125-0002",
        applicant=ctx.Applicant(
            name="Phạm Văn Khánh",
            id_number="034085006789",
            address="Thôn Đông, xã Thư Lâm, thành phố Hà Nội",
            phone="0983 112 233",
            email="khanh.pv@example.vn",
        ),
        procedure_name="Đăng ký hộ kinh doanh",
        request="Đăng ký thành lập hộ kinh doanh cửa hàng tạp hóa Khánh Linh",
        received_at=at(2026, 11, 25, 8, 45),
        items=(
            ctx.SupplementItem(
                "Giấy đề nghị đăng ký hộ kinh doanh",
                "Chưa ghi ngành, nghề kinh doanh và chưa có chữ ký của chủ hộ kinh doanh.",
            ),
            ctx.SupplementItem(
                "Bản sao hợp đồng thuê địa điểm kinh doanh",
                "Bản chụp bị mờ, không đọc được thời hạn thuê; đề nghị nộp bản sao chứng thực.",
            ),
            ctx.SupplementItem(
                "Biên bản họp thành viên hộ gia đình",
                "Thiếu chữ ký của bà Nguyễn Thị Linh, thành viên hộ gia đình đứng tên góp vốn.",
            ),
        ),
        guiding_officer=ctx.Officer(name="Đỗ Thị Mai Anh", title="Cán bộ tiếp nhận"),
        contact_officer=ctx.Officer(
            name="Đỗ Thị Mai Anh", title="Cán bộ tiếp nhận", phone="024 3825 1234 (máy lẻ 112)"
        ),
        reply_by=dt.date(2026, 12, 25),
    )


def refusal() -> ctx.RefusalContext:
    return ctx.RefusalContext(
        agency=AGENCY,
        issued_at=at(2026, 11, 25, 15, 20),
        number="42/PTC-TTPVHCC",
        dossier_code="000.00.12.H26-261125-0003",
        applicant=ctx.Applicant(
            name="Công ty TNHH Thương mại và Dịch vụ Hoàng Long",
            id_number="0109876543",
            address="Tầng 5, số 88 phố Láng Hạ, phường Láng, thành phố Hà Nội",
            phone="024 3775 8899",
            email="phaply@hoanglong.example.vn",
            is_organisation=True,
        ),
        procedure_name="Cấp Giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II",
        request="Cấp giấy phép xây dựng nhà kho tại Khu công nghiệp Quang Minh",
        received_at=at(2026, 11, 25, 14, 50),
        reasons=(
            "Công trình thuộc khu công nghiệp đã có quy hoạch chi tiết tỷ lệ 1/500 được phê duyệt; theo "
            "quy định, thẩm quyền cấp giấy phép xây dựng thuộc Ban Quản lý các khu công nghiệp và chế "
            "xuất thành phố Hà Nội.",
            "Đề nghị Quý Công ty nộp hồ sơ tại Ban Quản lý các khu công nghiệp và chế xuất thành phố Hà "
            "Nội để được xem xét, giải quyết theo thẩm quyền.",
        ),
        officer=RECEIVING_OFFICER,
    )


def apology() -> ctx.ApologyContext:
    return ctx.ApologyContext(
        agency=ctx.Agency(
            name="Sở Tư pháp\nthành phố Hà Nội",
            parent_name="Ủy ban nhân dân\nthành phố Hà Nội",
            place="Hà Nội",
            symbol="STP",
        ),
        issued_at=at(2026, 12, 8, 10, 0),
        number="2145/STP-HCTP",
        dossier_code=CODE,
        applicant=APPLICANT,
        procedure_name=PROCEDURE,
        received_at=RECEIVED_AT,
        original_appointment_at=APPOINTMENT_AT,
        reason=(
            "Hồ sơ phải xác minh thông tin về án tích tại Tòa án nhân dân tỉnh Thanh Hóa, nơi Ông/Bà "
            "cư trú trước đây; đến nay cơ quan phối hợp chưa có văn bản trả lời."
        ),
        new_appointment_at=at(2026, 12, 16, 9, 30),
        signer=ctx.Officer(
            name="Vũ Thị Thanh Hà", title="Phó Giám đốc", signing_for="KT. GIÁM ĐỐC"
        ),
        recipients=(
            "Như trên;",
            "Trung tâm Phục vụ hành chính công thành phố;",
            "Lưu: VT, HCTP.",
        ),
    )


def stop_notice() -> ctx.StopNoticeContext:
    return ctx.StopNoticeContext(
        agency=ctx.Agency(
            name="Sở Tư pháp\nthành phố Hà Nội",
            parent_name="Ủy ban nhân dân\nthành phố Hà Nội",
            place="Hà Nội",
            symbol="STP",
        ),
        issued_at=at(2026, 12, 1, 16, 0),
        number="2088/TB-STP",
        dossier_code="000.00.12.H26-261120-0014",
        applicant=ctx.Applicant(
            name="Lê Quang Vinh",
            id_number="038092001122",
            address="Số 5 phố Nguyễn Khuyến, phường Văn Miếu - Quốc Tử Giám, thành phố Hà Nội",
            phone="0904 556 677",
            email="vinh.lq@example.vn",
        ),
        procedure_name=PROCEDURE,
        received_at=at(2026, 11, 20, 10, 15),
        reasons=(
            "Ông Lê Quang Vinh có văn bản đề nghị rút hồ sơ ngày 30/11/2026 (yêu cầu rút hồ sơ số "
            "000.00.12.H26-261120-0014-R1).",
        ),
        legal_grounds="Nghị định số 118/2025/NĐ-CP của Chính phủ về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông",
        stopped_at=at(2026, 12, 1, 16, 0),
        follow_up=(
            "Hồ sơ đã nộp được trả lại tại nơi tiếp nhận. Lệ phí đã nộp không được hoàn trả do hồ sơ "
            "đã được chuyển xử lý. Ông/Bà có thể nộp hồ sơ mới khi có nhu cầu."
        ),
        signer=ctx.Officer(
            name="Vũ Thị Thanh Hà", title="Phó Giám đốc", signing_for="KT. GIÁM ĐỐC"
        ),
        recipients=("Như trên;", "Lưu: VT, HCTP."),
    )


def control_slip() -> ctx.ControlSlipContext:
    return ctx.ControlSlipContext(
        agency=AGENCY,
        issued_at=RECEIVED_AT,
        dossier_code=CODE,
        applicant=APPLICANT,
        procedure_name=PROCEDURE,
        received_at=RECEIVED_AT,
        receipt_number="1287/GTN-TTPVHCC",
        handling_agency=DEPARTMENT,
        coordinating_agencies=("Công an thành phố Hà Nội", "Tòa án nhân dân tỉnh Thanh Hóa"),
        appointment_at=APPOINTMENT_AT,
        rows=(
            ctx.ControlSlipRow(
                from_unit="Trung tâm Phục vụ hành chính công",
                to_unit="Phòng Hành chính tư pháp, Sở Tư pháp",
                handed_over_at=at(2026, 11, 25, 10, 0),
                received_at=at(2026, 11, 25, 10, 20),
                giver="Trần Minh Đức",
                receiver="Ngô Thị Lan",
                result="before",
            ),
            ctx.ControlSlipRow(
                from_unit="Phòng Hành chính tư pháp, Sở Tư pháp",
                to_unit="Công an thành phố Hà Nội (tra cứu, xác minh)",
                handed_over_at=at(2026, 11, 26, 8, 30),
                received_at=at(2026, 11, 26, 9, 15),
                giver="Ngô Thị Lan",
                receiver="Đại úy Hoàng Văn Sơn",
                result="on",
            ),
            ctx.ControlSlipRow(
                from_unit="Công an thành phố Hà Nội",
                to_unit="Phòng Hành chính tư pháp, Sở Tư pháp",
                handed_over_at=at(2026, 12, 3, 15, 0),
                received_at=at(2026, 12, 3, 15, 40),
                giver="Đại úy Hoàng Văn Sơn",
                receiver="Ngô Thị Lan",
                result="after",
                note="Chậm 01 ngày do phải xác minh tại địa phương khác",
            ),
            ctx.ControlSlipRow(
                from_unit="Phòng Hành chính tư pháp, Sở Tư pháp",
                to_unit="Lãnh đạo Sở Tư pháp (ký duyệt)",
                handed_over_at=at(2026, 12, 7, 9, 0),
                giver="Ngô Thị Lan",
                receiver="Vũ Thị Thanh Hà",
            ),
        ),
    )


def tracking_book() -> ctx.TrackingBookContext:
    people = [
        ("Nguyễn Thị Thu Hương", "Số 12, ngõ 34 phố Đội Cấn, phường Ba Đình", "0912 345 678"),
        ("Phạm Văn Khánh", "Thôn Đông, xã Thư Lâm", "0983 112 233"),
        (
            "Công ty TNHH Thương mại và Dịch vụ Hoàng Long",
            "Số 88 phố Láng Hạ, phường Láng",
            "024 3775 8899",
        ),
        ("Lê Quang Vinh", "Số 5 phố Nguyễn Khuyến, phường Văn Miếu - Quốc Tử Giám", "0904 556 677"),
        ("Đặng Thị Ngọc Ánh", "Số 27 đường Nguyễn Văn Cừ, phường Bồ Đề", "0936 778 899"),
        ("Bùi Đức Thắng", "Tổ 3, phường Hà Đông", "0977 665 544"),
        ("Hoàng Thị Lụa", "Xóm Chùa, xã Sóc Sơn", "0868 123 456"),
        ("Vương Minh Quân", "Số 101 phố Kim Mã, phường Giảng Võ", "0915 222 333"),
    ]
    procedures = [
        (PROCEDURE, DEPARTMENT, 10),
        ("Đăng ký hộ kinh doanh", "Phòng Kinh tế, UBND xã Thư Lâm", 3),
        ("Cấp Giấy phép xây dựng", "Sở Xây dựng thành phố Hà Nội", 20),
        ("Chứng thực bản sao từ bản chính", "UBND phường Ba Đình", 1),
    ]
    rows = []
    for index, (name, address, phone) in enumerate(people, start=1):
        procedure, handler, days = procedures[index % len(procedures)]
        received = at(2026, 11, 2 + index * 3 % 26, 8 + index % 8, (index * 7) % 60)
        appointment = received + dt.timedelta(days=days + days // 5 * 2)
        done = index % 3 != 0
        rows.append(
            ctx.TrackingBookRow(
                number=1280 + index,
                dossier_code=f"000.00.12.H26-2611{received.day:02d}-{index:04d}",
                procedure_name=procedure,
                applicant_name=name,
                applicant_address=address,
                applicant_phone=phone,
                handling_agency=handler,
                received_at=received,
                appointment_at=appointment,
                sets=1,
                transferred_at=received + dt.timedelta(hours=1),
                result_received_at=appointment - dt.timedelta(days=1) if done else None,
                returned_at=appointment if done else None,
                note="" if done else "Đang giải quyết",
            )
        )
    return ctx.TrackingBookContext(
        agency=AGENCY,
        issued_at=at(2026, 11, 30, 17, 0),
        number="",
        period_start=dt.date(2026, 11, 1),
        period_end=dt.date(2026, 11, 30),
        volume="03",
        rows=tuple(rows),
    )


def payment_receipt() -> ctx.PaymentReceiptContext:
    return ctx.PaymentReceiptContext(
        agency=AGENCY,
        issued_at=RECEIVED_AT,
        number="BL261125-0000042",
        dossier_code=CODE,
        applicant=APPLICANT,
        procedure_name=PROCEDURE,
        received_at=RECEIVED_AT,
        description="Lệ phí cấp Phiếu lý lịch tư pháp",
        amount=200_000,
        provider="VNPay",
        transaction="14938572",
        paid_at=RECEIVED_AT,
        portal_name="Cổng Dịch vụ công thành phố Hà Nội",
    )


SAMPLES = {
    "receipt": receipt,
    "supplement_request": supplement_request,
    "refusal": refusal,
    "apology": apology,
    "stop_notice": stop_notice,
    "control_slip": control_slip,
    "tracking_book": tracking_book,
    "payment_receipt": payment_receipt,
}


def sample(kind: str):
    return SAMPLES[kind]()
