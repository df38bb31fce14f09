"""What each statutory document prints: typed, immutable contexts built from a dossier's data.

The dossier code, applicant and dates are never typed twice: the dossier services build these objects
from the Dossier (and its procedure version, events and steps) and hand them to ``render_pdf``. The
classes hold plain values (str, int, date, datetime) so the rendering package does not depend on the
models and can be tested, benchmarked and previewed (``render_sample_documents``) without a database.

Field lists follow Circular 03/2025/TT-VPCP, Appendix I (forms 01-07); see ``registry.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

# How the result is returned (Decree 118/2025: at the counter, by public postal service, online).
RETURN_METHODS = {
    "counter": "Trực tiếp tại Bộ phận Một cửa",
    "post": "Qua dịch vụ bưu chính công ích",
    "online": "Trực tuyến trên Cổng Dịch vụ công",
}

# Result of one step of the process control slip (form 06): rated against the step's own due time.
STEP_RESULTS = {
    "before": "Trước hạn",
    "on": "Đúng hạn",
    "after": "Quá hạn",
}

# How a received paper is held (thành phần hồ sơ: bản chính / bản sao / bản sao chứng thực / bản chụp).
DOCUMENT_FORMS = {
    "original": "Bản chính",
    "copy": "Bản sao",
    "certified_copy": "Bản sao chứng thực",
    "original_or_copy": "Bản chính hoặc bản sao",
    "photocopy": "Bản chụp",
    "electronic": "Bản điện tử",
}


@dataclass(frozen=True)
class Agency:
    """The issuing unit. ``parent_name`` is the governing body printed above it in the header
    (Decree 30/2020, appendix I: "tên cơ quan, tổ chức chủ quản" over "tên cơ quan ban hành")."""

    name: str
    parent_name: str = ""
    place: str = ""  # the place name of the date line: "Hà Nội", "Bắc Ninh"
    address: str = ""
    phone: str = ""
    symbol: str = ""  # abbreviation used in document numbers: "TTPVHCC"

    # Names may carry "\n" where the header should break the line, as agencies do on paper
    # ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI"); running text uses the plain form.
    @property
    def plain_name(self) -> str:
        return " ".join(self.name.split())

    @property
    def plain_parent_name(self) -> str:
        return " ".join(self.parent_name.split())


@dataclass(frozen=True)
class Officer:
    name: str
    title: str = ""  # printed above the signature: "GIÁM ĐỐC", "CÁN BỘ TIẾP NHẬN"
    phone: str = ""
    signing_for: str = ""  # "KT. GIÁM ĐỐC" when a deputy signs for the head


@dataclass(frozen=True)
class Applicant:
    """The person or organisation the dossier is for.

    ``id_number`` is the 12-digit personal identification number (CCCD) of a person or the tax code of
    an organisation. Documents handed or sent to the citizen print it masked (Decree 13/2023: minimal
    display); the internal records print it whole. ``registry.DocumentKind.internal`` decides.
    """

    name: str
    id_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    is_organisation: bool = False

    @property
    def honorific(self) -> str:
        """How the forms address the applicant: "Ông/Bà" for a person, "Quý tổ chức" otherwise."""
        return "Quý tổ chức" if self.is_organisation else "Ông/Bà"

    @property
    def id_label(self) -> str:
        return "Mã số thuế" if self.is_organisation else "Số định danh cá nhân"

    @property
    def masked_id(self) -> str:
        """Only the last four characters of a person's number; an organisation's tax code is public."""
        if self.is_organisation or len(self.id_number) <= 4:
            return self.id_number
        return "*" * (len(self.id_number) - 4) + self.id_number[-4:]


@dataclass(frozen=True)
class ReceivedDocument:
    """One component of the dossier as received (thành phần hồ sơ)."""

    name: str
    form: str = "copy"  # key of DOCUMENT_FORMS
    copies: int = 1

    @property
    def form_label(self) -> str:
        return DOCUMENT_FORMS.get(self.form, self.form)


@dataclass(frozen=True)
class Fee:
    name: str
    amount: int  # whole đồng


@dataclass(frozen=True)
class ProcessingTime:
    """The legal processing time of the procedure: working days, working hours, or within the day."""

    amount: int | Decimal = 0
    unit: str = "day"  # "day", "hour" or "same_day"

    def __str__(self) -> str:
        if self.unit == "same_day":
            return "Trong ngày"
        noun = "giờ làm việc" if self.unit == "hour" else "ngày làm việc"
        amount = self.amount
        if amount == int(amount):  # 5, Decimal("5") → "05"; 0.5 stays "0.5" → "0,5"
            return f"{int(amount):02d} {noun}"
        return f"{amount} {noun}".replace(".", ",")


@dataclass(frozen=True)
class SupplementItem:
    """One numbered item to add or correct, with the reason the officer gives."""

    content: str
    reason: str


@dataclass(frozen=True)
class ControlSlipRow:
    """One handover of the dossier between units (form 06)."""

    from_unit: str
    to_unit: str
    handed_over_at: dt.datetime
    received_at: dt.datetime | None = None
    giver: str = ""
    receiver: str = ""
    result: str = ""  # key of STEP_RESULTS, "" while the step is running
    note: str = ""

    @property
    def result_label(self) -> str:
        return STEP_RESULTS.get(self.result, "")


@dataclass(frozen=True)
class TrackingBookRow:
    """One dossier in the tracking book (form 07)."""

    number: int
    dossier_code: str
    procedure_name: str
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    handling_agency: str
    received_at: dt.datetime
    appointment_at: dt.datetime
    sets: int = 1
    transferred_at: dt.datetime | None = None
    result_received_at: dt.datetime | None = None
    returned_at: dt.datetime | None = None
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class DocumentContext:
    """What every form has: the issuing unit, its number and date line, the dossier code."""

    agency: Agency
    issued_at: dt.datetime  # the date line ("Hà Nội, ngày 25 tháng 11 năm 2026")
    dossier_code: str = ""
    number: str = ""  # "Số: 125/GTN-TTPVHCC"; blank prints the dotted placeholder


@dataclass(frozen=True, kw_only=True)
class DossierDocumentContext(DocumentContext):
    """A document about one dossier of one applicant."""

    applicant: Applicant
    procedure_name: str
    request: str = ""  # "Nội dung yêu cầu giải quyết"; defaults to the procedure's name
    received_at: dt.datetime | None = None

    @property
    def request_text(self) -> str:
        return self.request or self.procedure_name


@dataclass(frozen=True, kw_only=True)
class ReceiptContext(DossierDocumentContext):
    """Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""

    documents: tuple[ReceivedDocument, ...] = ()
    sets: int = 1
    processing_time: ProcessingTime = field(default_factory=ProcessingTime)
    appointment_at: dt.datetime | None = None
    return_method: str = "counter"  # key of RETURN_METHODS
    return_place: str = ""  # the counter's address, or the postal address
    fees: tuple[Fee, ...] = ()
    book_volume: str = ""
    book_number: int | None = None
    receiving_officer: Officer
    submitter_name: str = ""  # who handed the dossier in, if not the applicant
    pin: str = ""  # second factor for the public lookup, printed beside the QR code

    @property
    def return_method_label(self) -> str:
        return RETURN_METHODS.get(self.return_method, self.return_method)

    @property
    def total_fees(self) -> int:
        return sum(fee.amount for fee in self.fees)


@dataclass(frozen=True, kw_only=True)
class PaymentReceiptContext(DossierDocumentContext):
    """Biên lai thu phí, lệ phí điện tử: what the verified gateway callback recorded. ``number`` is the
    receipt number; ``dossier_code`` is blank while the dossier is still a draft (level 4 procedures
    collect their fees before submission)."""

    description: str
    amount: int  # whole đồng
    provider: str  # the payment channel's name: "VNPay", "Cổng thanh toán thử nghiệm"
    transaction: str = ""  # the gateway's transaction reference
    paid_at: dt.datetime
    portal_name: str = ""


@dataclass(frozen=True, kw_only=True)
class SupplementRequestContext(DossierDocumentContext):
    """Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."""

    items: tuple[SupplementItem, ...] = ()
    contact_officer: Officer | None = None  # defaults to the guiding officer
    guiding_officer: Officer
    reply_by: dt.date | None = None

    @property
    def contact(self) -> Officer:
        return self.contact_officer or self.guiding_officer


@dataclass(frozen=True, kw_only=True)
class RefusalContext(DossierDocumentContext):
    """Form 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

    reasons: tuple[str, ...] = ()
    officer: Officer


@dataclass(frozen=True, kw_only=True)
class ApologyContext(DossierDocumentContext):
    """Form 04: Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (with the new appointment)."""

    original_appointment_at: dt.datetime | None = None
    reason: str = ""
    new_appointment_at: dt.datetime | None = None
    signer: Officer
    recipients: tuple[str, ...] = ()  # "Nơi nhận"


@dataclass(frozen=True, kw_only=True)
class StopNoticeContext(DossierDocumentContext):
    """Form 05: Thông báo dừng giải quyết hồ sơ."""

    reasons: tuple[str, ...] = ()
    legal_grounds: str = ""  # the provision that allows stopping, if any
    stopped_at: dt.datetime | None = None
    follow_up: str = ""  # what the applicant may do (fees refunded, resubmit, …)
    signer: Officer
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ControlSlipContext(DossierDocumentContext):
    """Form 06: Phiếu kiểm soát quá trình giải quyết hồ sơ."""

    receipt_number: str = ""  # the number of the receipt this slip accompanies
    handling_agency: str = ""
    coordinating_agencies: tuple[str, ...] = ()
    appointment_at: dt.datetime | None = None
    rows: tuple[ControlSlipRow, ...] = ()


@dataclass(frozen=True, kw_only=True)
class TrackingBookContext(DocumentContext):
    """Form 07: Sổ theo dõi hồ sơ: the register of one agency for one period."""

    period_start: dt.date | None = None
    period_end: dt.date | None = None
    volume: str = ""
    rows: tuple[TrackingBookRow, ...] = ()
