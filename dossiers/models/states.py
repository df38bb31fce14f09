"""The dossier's states and their national status codes (DOMAIN.md §4).

One explicit list: the internal states the one-stop system needs, each mapped to one of the ten status
codes exchanged with the national portal. Several internal states share a code (a dossier waiting for a
leader's approval is still "Đang xử lý" nationally). ``draft`` is internal only and has no code.
The transitions between them are declared with django-fsm-2 on ``Dossier`` (dossiers/models/dossier.py)
and listed, for tests and documentation, in ``TRANSITIONS`` there.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Mới đăng ký")
    SUPPLEMENT_AT_INTAKE = "supplement_at_intake", _("Yêu cầu bổ sung (khi tiếp nhận)")
    REFUSED = "refused", _("Không được tiếp nhận")
    RECEIVED = "received", _("Được tiếp nhận")
    PROCESSING = "processing", _("Đang xử lý")
    SUPPLEMENT_IN_PROCESSING = "supplement_in_processing", _("Yêu cầu bổ sung (khi xử lý)")
    PAYMENT_REQUESTED = "payment_requested", _("Yêu cầu thực hiện nghĩa vụ tài chính")
    AT_PARTNER_AGENCY = "at_partner_agency", _("Đang xử lý liên thông")
    AWAITING_APPROVAL = "awaiting_approval", _("Chờ phê duyệt")
    APPROVED = "approved", _("Đã phê duyệt, chờ ban hành kết quả")
    RESULT_READY = "result_ready", _("Đã xử lý xong")
    RETURNED = "returned", _("Đã trả kết quả")
    WITHDRAWAL_REQUESTED = "withdrawal_requested", _("Công dân yêu cầu rút hồ sơ")
    WITHDRAWN = "withdrawn", _("Đã rút hồ sơ")
    STOPPED = "stopped", _("Dừng xử lý")


class NationalStatus(models.IntegerChoices):
    """Status codes exchanged with the national portal (DOMAIN.md §4)."""

    SUBMITTED = 1, _("Mới đăng ký")
    RECEIVED = 2, _("Được tiếp nhận")
    REFUSED = 3, _("Không được tiếp nhận")
    PROCESSING = 4, _("Đang xử lý")
    SUPPLEMENT = 5, _("Yêu cầu bổ sung giấy tờ")
    PAYMENT = 6, _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWAL = 7, _("Công dân yêu cầu rút hồ sơ")
    STOPPED = 8, _("Dừng xử lý")
    PROCESSED = 9, _("Đã xử lý xong")
    RETURNED = 10, _("Đã trả kết quả")


NATIONAL_CODE: dict[str, int | None] = {
    State.DRAFT: None,
    State.SUBMITTED: NationalStatus.SUBMITTED,
    State.SUPPLEMENT_AT_INTAKE: NationalStatus.SUPPLEMENT,
    State.REFUSED: NationalStatus.REFUSED,
    State.RECEIVED: NationalStatus.RECEIVED,
    State.PROCESSING: NationalStatus.PROCESSING,
    State.SUPPLEMENT_IN_PROCESSING: NationalStatus.SUPPLEMENT,
    State.PAYMENT_REQUESTED: NationalStatus.PAYMENT,
    State.AT_PARTNER_AGENCY: NationalStatus.PROCESSING,
    State.AWAITING_APPROVAL: NationalStatus.PROCESSING,
    State.APPROVED: NationalStatus.PROCESSING,
    State.RESULT_READY: NationalStatus.PROCESSED,
    State.RETURNED: NationalStatus.RETURNED,
    State.WITHDRAWAL_REQUESTED: NationalStatus.WITHDRAWAL,
    State.WITHDRAWN: NationalStatus.WITHDRAWAL,
    State.STOPPED: NationalStatus.STOPPED,
}

# States in which the dossier is closed: nothing more happens to it.
CLOSED_STATES = frozenset({State.REFUSED, State.RETURNED, State.WITHDRAWN, State.STOPPED})
# Open and counted against the statutory deadline (the receipt was issued, no result yet).
RUNNING_STATES = frozenset(
    {
        State.RECEIVED,
        State.PROCESSING,
        State.SUPPLEMENT_IN_PROCESSING,
        State.PAYMENT_REQUESTED,
        State.AT_PARTNER_AGENCY,
        State.AWAITING_APPROVAL,
        State.APPROVED,
        State.WITHDRAWAL_REQUESTED,
    }
)
# The clock stops while the applicant owes something (DOMAIN.md §6).
PAUSED_STATES = frozenset({State.SUPPLEMENT_IN_PROCESSING, State.PAYMENT_REQUESTED})
# Not yet received: the 8-working-hour answer of the receiving desk is due.
INTAKE_STATES = frozenset({State.SUBMITTED})
OPEN_STATES = frozenset(s for s in State.values if s not in CLOSED_STATES and s != State.DRAFT)
# Before the result exists the applicant may still ask to withdraw.
WITHDRAWABLE_STATES = frozenset(
    {
        State.SUBMITTED,
        State.SUPPLEMENT_AT_INTAKE,
        State.RECEIVED,
        State.PROCESSING,
        State.SUPPLEMENT_IN_PROCESSING,
        State.PAYMENT_REQUESTED,
        State.AT_PARTNER_AGENCY,
        State.AWAITING_APPROVAL,
        State.APPROVED,
    }
)
EXTENDABLE_STATES = RUNNING_STATES - {State.WITHDRAWAL_REQUESTED}
STOPPABLE_STATES = WITHDRAWABLE_STATES - {State.SUBMITTED, State.SUPPLEMENT_AT_INTAKE}


class Channel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    COUNTER = "counter", _("Trực tiếp")
    POST = "post", _("Bưu chính công ích")


class Delivery(models.TextChoices):
    ONLINE = "online", _("Nhận trực tuyến")
    POST = "post", _("Qua bưu chính công ích")
    COUNTER = "counter", _("Tại Bộ phận Một cửa")


def national_code(state) -> int | None:
    return NATIONAL_CODE[State(state)]
