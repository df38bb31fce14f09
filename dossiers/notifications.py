"""Notification events the dossiers app adds to the outbox's list (portal/notifications/events.py
holds the common ones), registered when the app is ready."""

from django.utils.translation import gettext_lazy as _

from portal.notifications.events import CITIZEN, STAFF, Event, register

register(Event(
    "dossier_stopped", CITIZEN, _("Dừng xử lý hồ sơ"),
    _("Hồ sơ %(code)s bị dừng xử lý"),
    _("Hồ sơ %(code)s (%(procedure)s) bị dừng xử lý. Lý do: %(reason)s. Thông báo đính kèm và có tại %(link)s"),
    _("DVC: Ho so %(code)s bi dung xu ly. Chi tiet: %(link)s"),
))  # fmt: skip
register(Event(
    "withdrawal_accepted", CITIZEN, _("Đã rút hồ sơ"),
    _("Hồ sơ %(code)s đã được rút"),
    _("Yêu cầu rút hồ sơ %(code)s (%(procedure)s) đã được chấp nhận. %(link)s"),
    _("DVC: Ho so %(code)s da duoc rut. %(link)s"),
))  # fmt: skip
register(Event(
    "withdrawal_declined", CITIZEN, _("Không chấp nhận rút hồ sơ"),
    _("Hồ sơ %(code)s: không chấp nhận rút hồ sơ"),
    _("Yêu cầu rút hồ sơ %(code)s không được chấp nhận. Lý do: %(reason)s. %(link)s"),
    _("DVC: Khong chap nhan rut ho so %(code)s. %(link)s"),
))  # fmt: skip
register(Event(
    "result_returned", CITIZEN, _("Đã trả kết quả"),
    _("Hồ sơ %(code)s đã trả kết quả"),
    _("Kết quả hồ sơ %(code)s (%(procedure)s) đã được trả (%(delivery)s). %(link)s"),
    _("DVC: Da tra ket qua ho so %(code)s. %(link)s"),
))  # fmt: skip
register(Event(
    "approval_rejected", STAFF, _("Lãnh đạo trả lại hồ sơ"),
    _("Hồ sơ %(code)s được trả lại để xử lý lại"),
    _("Lãnh đạo không phê duyệt hồ sơ %(code)s. Ý kiến: %(reason)s. %(link)s"),
    _("DVC: Ho so %(code)s bi tra lai: %(reason)s"),
))  # fmt: skip
