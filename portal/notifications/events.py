"""Every event the portal notifies about, with its texts (DOMAIN.md §9).

Texts are Vietnamese msgids with named placeholders; the English lives in the .po file. ``notify``
renders each event in both languages and stores both on the row, so the bell shows the reader's
language and email/SMS go out in the recipient's. Placeholders are filled from the caller's context
(datetimes and dates are formatted dd/mm/yyyy); a missing one renders empty and is logged, so a
notification never rolls back the change that caused it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from portal.notifications.models import Channel

CITIZEN, STAFF, LEADER = "citizen", "staff", "leader"
ALL_CHANNELS = (Channel.EMAIL, Channel.SMS, Channel.IN_APP)


@dataclass(frozen=True)
class Event:
    code: str
    audience: str
    label: str
    subject: str
    body: str
    sms: str
    channels: tuple = ALL_CHANNELS


EVENTS: dict[str, Event] = {}


def register(event: Event) -> Event:
    EVENTS[event.code] = event
    return event


def get(code: str) -> Event:
    try:
        return EVENTS[code]
    except KeyError:
        raise LookupError(f"unknown notification event {code!r}") from None


# --- to citizens ---------------------------------------------------------------------------------------
register(Event(
    "dossier_submitted", CITIZEN, _("Đã nộp hồ sơ"),
    _("Hồ sơ %(code)s đã được gửi"),
    _("Hồ sơ %(code)s (%(procedure)s) đã được gửi lúc %(at)s. Bộ phận Một cửa sẽ kiểm tra và trả lời trong 8 giờ làm việc. Theo dõi hồ sơ: %(link)s"),
    _("DVC: Ho so %(code)s da duoc gui luc %(at)s. Tra cuu: %(link)s"),
))  # fmt: skip
register(Event(
    "dossier_received", CITIZEN, _("Đã tiếp nhận hồ sơ"),
    _("Hồ sơ %(code)s đã được tiếp nhận"),
    _("Hồ sơ %(code)s (%(procedure)s) đã được tiếp nhận lúc %(at)s. Ngày hẹn trả kết quả: %(due)s. Giấy tiếp nhận và hẹn trả kết quả đính kèm trong thư và có tại %(link)s"),
    _("DVC: Ho so %(code)s da duoc tiep nhan. Hen tra ket qua: %(due)s. Tra cuu: %(link)s"),
))  # fmt: skip
register(Event(
    "supplement_requested", CITIZEN, _("Yêu cầu bổ sung hồ sơ"),
    _("Hồ sơ %(code)s cần bổ sung"),
    _("Hồ sơ %(code)s cần bổ sung, hoàn thiện: %(reason)s. Vui lòng bổ sung tại %(link)s"),
    _("DVC: Ho so %(code)s can bo sung. Chi tiet: %(link)s"),
))  # fmt: skip
register(Event(
    "dossier_refused", CITIZEN, _("Từ chối tiếp nhận hồ sơ"),
    _("Hồ sơ %(code)s không được tiếp nhận"),
    _("Hồ sơ %(code)s không được tiếp nhận giải quyết. Lý do: %(reason)s. Chi tiết: %(link)s"),
    _("DVC: Ho so %(code)s khong duoc tiep nhan. Chi tiet: %(link)s"),
))  # fmt: skip
register(Event(
    "payment_due", CITIZEN, _("Yêu cầu thực hiện nghĩa vụ tài chính"),
    _("Hồ sơ %(code)s: cần nộp %(amount)s"),
    _("Để tiếp tục giải quyết hồ sơ %(code)s, vui lòng nộp %(amount)s tại %(link)s"),
    _("DVC: Ho so %(code)s can nop %(amount)s. Thanh toan: %(link)s"),
))  # fmt: skip
register(Event(
    "apology_new_date", CITIZEN, _("Xin lỗi và hẹn lại ngày trả kết quả"),
    _("Hồ sơ %(code)s: hẹn lại ngày trả kết quả"),
    _("Cơ quan giải quyết xin lỗi vì hồ sơ %(code)s chưa có kết quả đúng hẹn %(due)s. Lý do: %(reason)s. Ngày hẹn mới: %(new_due)s. Chi tiết: %(link)s"),
    _("DVC: Xin loi, ho so %(code)s tre hen. Hen moi: %(new_due)s. Chi tiet: %(link)s"),
))  # fmt: skip
register(Event(
    "result_ready", CITIZEN, _("Đã có kết quả"),
    _("Hồ sơ %(code)s đã có kết quả"),
    _("Hồ sơ %(code)s (%(procedure)s) đã có kết quả. Nhận kết quả tại %(link)s"),
    _("DVC: Ho so %(code)s da co ket qua. Nhan tai: %(link)s"),
))  # fmt: skip
register(Event(
    "survey_invitation", CITIZEN, _("Mời đánh giá mức độ hài lòng"),
    _("Mời ông/bà đánh giá việc giải quyết hồ sơ %(code)s"),
    _("Xin ông/bà dành một phút đánh giá việc giải quyết hồ sơ %(code)s: %(link)s"),
    _("DVC: Moi danh gia ho so %(code)s: %(link)s"),
))  # fmt: skip

# --- to staff ------------------------------------------------------------------------------------------
register(Event(
    "queue_new_dossier", STAFF, _("Hồ sơ mới trong hàng đợi"),
    _("Hồ sơ mới %(code)s chờ xử lý"),
    _("Hồ sơ %(code)s (%(procedure)s) đã vào hàng đợi của ông/bà, hạn xử lý bước: %(due)s. %(link)s"),
    _("DVC: Ho so moi %(code)s, han: %(due)s"),
))  # fmt: skip
register(Event(
    "step_due_soon", STAFF, _("Bước xử lý sắp đến hạn"),
    _("Hồ sơ %(code)s: bước \"%(step)s\" sắp đến hạn"),
    _("Bước \"%(step)s\" của hồ sơ %(code)s đến hạn lúc %(due)s (còn %(remaining)s giờ làm việc). %(link)s"),
    _("DVC: Ho so %(code)s sap den han %(due)s"),
))  # fmt: skip
register(Event(
    "step_overdue", STAFF, _("Bước xử lý quá hạn"),
    _("Hồ sơ %(code)s: bước \"%(step)s\" đã quá hạn"),
    _("Bước \"%(step)s\" của hồ sơ %(code)s đã quá hạn từ %(due)s. Nếu không kịp trả kết quả, hãy lập phiếu xin lỗi và hẹn lại ngày trả. %(link)s"),
    _("DVC: Ho so %(code)s qua han tu %(due)s"),
))  # fmt: skip

# --- to leaders ----------------------------------------------------------------------------------------
register(Event(
    "overdue_escalation", LEADER, _("Hồ sơ quá hạn cần chỉ đạo"),
    _("%(count)s hồ sơ quá hạn tại %(unit)s"),
    _("%(unit)s có %(count)s hồ sơ quá hạn cần chỉ đạo xử lý, trong đó %(code)s quá hạn từ %(due)s. %(link)s"),
    _("DVC: %(unit)s co %(count)s ho so qua han"),
))  # fmt: skip
register(Event(
    "step_overdue_escalation", LEADER, _("Bước xử lý quá hạn cần chỉ đạo"),
    _("%(count)s bước xử lý quá hạn tại %(unit)s"),
    _("%(unit)s có %(count)s bước xử lý hồ sơ vừa quá hạn, trong đó bước \"%(step)s\" của hồ sơ %(code)s quá hạn từ %(due)s. %(link)s"),
    _("DVC: %(unit)s co %(count)s buoc xu ly qua han"),
))  # fmt: skip
register(Event(
    "daily_digest", LEADER, _("Tổng hợp hằng ngày"),
    _("Tổng hợp ngày %(date)s: %(unit)s"),
    _("Ngày %(date)s, %(unit)s: %(received)s hồ sơ tiếp nhận, %(done)s đã giải quyết, %(due_soon)s sắp đến hạn, %(overdue)s quá hạn. %(link)s"),
    _("DVC %(date)s %(unit)s: %(received)s moi, %(overdue)s qua han"),
    channels=(Channel.EMAIL, Channel.IN_APP),
))  # fmt: skip
