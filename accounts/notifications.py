"""Notification events of the accounts app (security notices), registered when the app is ready."""

from django.utils.translation import gettext_lazy as _

from portal.notifications.events import CITIZEN, Event, register
from portal.notifications.models import Channel

# A security notice goes by email and SMS as well as the bell: if someone else changed the password, the
# owner learns it where the intruder cannot hide it.
register(Event(
    "password_changed", CITIZEN, _("Mật khẩu đã thay đổi"),
    _("Mật khẩu tài khoản Cổng Dịch vụ công đã được thay đổi"),
    _("Mật khẩu tài khoản của bạn đã được thay đổi lúc %(at)s (%(how)s). Nếu không phải bạn thực hiện, hãy đặt lại mật khẩu ngay tại %(link)s và liên hệ Bộ phận Một cửa."),
    _("DVC: Mat khau tai khoan da thay doi luc %(at)s. Neu khong phai ban, hay dat lai mat khau: %(link)s"),
    channels=(Channel.EMAIL, Channel.SMS, Channel.IN_APP),
))  # fmt: skip
register(Event(
    "contact_changed", CITIZEN, _("Địa chỉ liên hệ đã thay đổi"),
    _("Địa chỉ liên hệ của tài khoản Cổng Dịch vụ công đã thay đổi"),
    _("Địa chỉ %(what)s của tài khoản đã được thay đổi và xác minh lúc %(at)s. Nếu không phải bạn thực hiện, hãy đặt lại mật khẩu ngay tại %(link)s và liên hệ Bộ phận Một cửa."),
    _("DVC: %(what)s cua tai khoan da thay doi luc %(at)s. Neu khong phai ban: %(link)s"),
    channels=(Channel.EMAIL, Channel.SMS, Channel.IN_APP),
))  # fmt: skip
register(Event(
    "identity_verified_at_counter", CITIZEN, _("Đã nâng mức định danh tại quầy"),
    _("Tài khoản đã được nâng mức định danh"),
    _("Tài khoản của bạn đã được đối chiếu căn cước tại %(agency)s lúc %(at)s và đạt %(level)s. Nếu bạn không đến quầy, hãy liên hệ ngay Bộ phận Một cửa. %(link)s"),
    _("DVC: Tai khoan da duoc doi chieu can cuoc tai quay luc %(at)s. Neu khong phai ban, hay lien he Bo phan Mot cua."),
))  # fmt: skip
