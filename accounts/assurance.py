"""Identity assurance required by a procedure: whether a user meets it, and how to raise it."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from accounts.models import AssuranceLevel


@dataclass
class Shortfall:
    required: str
    current: str
    required_label: str
    current_label: str
    reason: str
    how_to_raise: list[str]


def shortfall(user, level) -> Shortfall | None:
    """None when ``user`` has at least ``level``; otherwise what is missing and the ways to get it."""
    level = AssuranceLevel(level or AssuranceLevel.UNVERIFIED)
    if user.has_assurance(level):
        return None
    ways = []
    if "oidc" in settings.ACCOUNTS_IDENTITY_PROVIDERS:
        ways.append(
            _(
                "Đăng nhập bằng %(provider)s: tài khoản định danh điện tử mức %(level)s sẽ được ghi "
                "nhận ngay cho tài khoản này."
            )
            % {"provider": settings.ACCOUNTS_OIDC_PROVIDER_NAME, "level": level.label}
        )
    ways.append(
        _(
            "Mang căn cước công dân tới Bộ phận Một cửa bất kỳ: cán bộ đối chiếu giấy tờ và nâng mức "
            "định danh cho tài khoản."
        )
    )
    if level == AssuranceLevel.LEVEL2:
        ways.append(
            _(
                "Kích hoạt tài khoản định danh điện tử mức 2 trên ứng dụng VNeID tại cơ quan công an."
            )
        )
    return Shortfall(
        required=level.value,
        current=user.assurance_level,
        required_label=str(level.label),
        current_label=str(AssuranceLevel(user.assurance_level).label),
        reason=_(
            "Thủ tục này yêu cầu tài khoản có %(required)s; tài khoản của bạn hiện ở mức: %(current)s."
        )
        % {"required": level.label, "current": AssuranceLevel(user.assurance_level).label},
        how_to_raise=ways,
    )
