"""The satisfaction app's notification events, registered with the portal's outbox at start-up."""

from django.utils.translation import gettext_lazy as _

from portal.notifications.events import CITIZEN, LEADER, STAFF, Event, register

register(Event(
    "survey_dissatisfied", LEADER, _("Đánh giá chưa hài lòng"),
    _("Hồ sơ %(code)s được đánh giá chưa hài lòng"),
    _("Người dân đánh giá chưa hài lòng việc giải quyết hồ sơ %(code)s: %(problem)s. Xem và xử lý: %(link)s"),
    _("DVC: Ho so %(code)s duoc danh gia chua hai long. Xem: %(link)s"),
))  # fmt: skip
register(Event(
    "complaint_received", STAFF, _("Phản ánh, kiến nghị mới"),
    _("Phản ánh, kiến nghị %(code)s: %(subject)s"),
    _("Cơ quan nhận được phản ánh, kiến nghị %(code)s (%(subject)s), hạn trả lời %(due)s. Xem: %(link)s"),
    _("DVC: Phan anh %(code)s, han tra loi %(due)s. Xem: %(link)s"),
))  # fmt: skip
register(Event(
    "complaint_answered", CITIZEN, _("Phản ánh, kiến nghị đã được trả lời"),
    _("Phản ánh, kiến nghị %(code)s đã được trả lời"),
    _("Phản ánh, kiến nghị %(code)s (%(subject)s) của Ông/Bà đã được trả lời. Xem: %(link)s"),
    _("DVC: Phan anh %(code)s da duoc tra loi. Xem: %(link)s"),
))  # fmt: skip
