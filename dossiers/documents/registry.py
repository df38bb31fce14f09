"""The set of statutory documents, as data tied to its legal basis.

Circular 03/2025/TT-VPCP of 15/09/2025 (guiding Decree 118/2025/NĐ-CP on the one-stop mechanism),
Appendix I, forms 01-07. The 2018 set (Circular 01/2018/TT-VPCP) had no "stop processing" notice and
numbered the control slip 05 and the tracking book 06; a dossier's stored PDFs keep the form they were
issued under, so when the set changes again, add the new kinds here with their own legal basis rather
than editing these in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import context as ctx

CIRCULAR_03_2025 = "Thông tư số 03/2025/TT-VPCP ngày 15/9/2025 của Văn phòng Chính phủ"
CIRCULAR_03_2025_SHORT = "Thông tư số 03/2025/TT-VPCP"
# Electronic receipts of fees and charges (biên lai thu phí, lệ phí điện tử): Decree 123/2020 on invoices
# and vouchers (amended by Decree 70/2025; verify the current text and the receipt's required fields).
DECREE_123_2020 = (
    "Nghị định số 123/2020/NĐ-CP ngày 19/10/2020 của Chính phủ quy định về hóa đơn, chứng từ"
)
DECREE_123_2020_SHORT = "Nghị định số 123/2020/NĐ-CP"


@dataclass(frozen=True)
class DocumentKind:
    key: str
    form_number: str  # "01"; blank for documents that are not numbered forms (the payment receipt)
    title: str  # as the circular names it; printed in capitals
    legal_basis: str
    legal_reference: str  # the short form printed in the page footer
    template: str
    context_class: type[ctx.DocumentContext]
    slug: str  # the file name stem: "giay-tiep-nhan-ho-so"
    # Internal records (control slip, tracking book) print ID numbers whole and are not shown to the
    # citizen (IssuedDocument.is_public=False); everything else is handed or sent to the applicant and
    # masks a person's ID number (Decree 13/2023: minimal display).
    internal: bool = False
    landscape: bool = False  # the tracking book's thirteen columns need A4 landscape

    @property
    def form_label(self) -> str:
        return f"Mẫu số {self.form_number}" if self.form_number else self.title


KINDS: dict[str, DocumentKind] = {
    kind.key: kind
    for kind in (
        DocumentKind(
            key="receipt",
            form_number="01",
            title="Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
            legal_basis=CIRCULAR_03_2025,
            legal_reference=CIRCULAR_03_2025_SHORT,
            template="documents/receipt.html",
            context_class=ctx.ReceiptContext,
            slug="giay-tiep-nhan-ho-so",
        ),
        DocumentKind(
            key="supplement_request",
            form_number="02",
            title="Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
            legal_basis=CIRCULAR_03_2025,
            legal_reference=CIRCULAR_03_2025_SHORT,
            template="documents/supplement_request.html",
            context_class=ctx.SupplementRequestContext,
            slug="phieu-yeu-cau-bo-sung",
        ),
        DocumentKind(
            key="refusal",
            form_number="03",
            title="Phiếu từ chối tiếp nhận giải quyết hồ sơ",
            legal_basis=CIRCULAR_03_2025,
            legal_reference=CIRCULAR_03_2025_SHORT,
            template="documents/refusal.html",
            context_class=ctx.RefusalContext,
            slug="phieu-tu-choi",
        ),
        DocumentKind(
            key="apology",
            form_number="04",
            title="Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
            legal_basis=CIRCULAR_03_2025,
            legal_reference=CIRCULAR_03_2025_SHORT,
            template="documents/apology.html",
            context_class=ctx.ApologyContext,
            slug="van-ban-xin-loi",
        ),
        DocumentKind(
            key="stop_notice",
            form_number="05",
            title="Thông báo dừng giải quyết hồ sơ",
            legal_basis=CIRCULAR_03_2025,
            legal_reference=CIRCULAR_03_2025_SHORT,
            template="documents/stop_notice.html",
            context_class=ctx.StopNoticeContext,
            slug="thong-bao-dung-giai-quyet",
        ),
        DocumentKind(
            key="control_slip",
            form_number="06",
            title="Phiếu kiểm soát quá trình giải quyết hồ sơ",
            legal_basis=CIRCULAR_03_2025,
            legal_reference=CIRCULAR_03_2025_SHORT,
            template="documents/control_slip.html",
            context_class=ctx.ControlSlipContext,
            slug="phieu-kiem-soat",
            internal=True,
        ),
        DocumentKind(
            key="tracking_book",
            form_number="07",
            title="Sổ theo dõi hồ sơ",
            legal_basis=CIRCULAR_03_2025,
            legal_reference=CIRCULAR_03_2025_SHORT,
            template="documents/tracking_book.html",
            context_class=ctx.TrackingBookContext,
            slug="so-theo-doi-ho-so",
            internal=True,
            landscape=True,
        ),
        # Not a one-stop form: the receipt of a fee or obligation paid online, issued once when the
        # payment gateway's callback is verified (dossiers/services/payments.py).
        DocumentKind(
            key="payment_receipt",
            form_number="",
            title="Biên lai thu phí, lệ phí điện tử",
            legal_basis=DECREE_123_2020,
            legal_reference=DECREE_123_2020_SHORT,
            template="documents/payment_receipt.html",
            context_class=ctx.PaymentReceiptContext,
            slug="bien-lai-dien-tu",
        ),
    )
}
# The one-stop forms of Circular 03/2025 (01-07), in their order.
ONE_STOP_FORMS = [kind for kind in KINDS.values() if kind.legal_basis == CIRCULAR_03_2025]


class UnknownDocumentKind(KeyError):
    pass


def get_kind(key: str | DocumentKind) -> DocumentKind:
    if isinstance(key, DocumentKind):
        return key
    try:
        return KINDS[key]
    except KeyError:
        raise UnknownDocumentKind(key) from None
