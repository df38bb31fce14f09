"""Raising a citizen's identity assurance at the one-stop-shop counter.

The receiving officer checks the original citizen ID card (its photo against the person, its data)
and records it: the account reaches ``settings.ACCOUNTS_COUNTER_ASSURANCE_LEVEL`` with the source
"counter", its name and date of birth become those of the card, the access is logged (Decree 13/2023)
and the citizen is told, naming the agency and the time. A card whose date of birth differs from the
account's declared one is refused: the account may belong to someone else who typed this number."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AccountKind, AssuranceLevel, AssuranceSource, Role, User
from accounts.services import privacy


class CounterError(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def counter_agencies(officer):
    """The agencies whose counter ``officer`` staffs (receiving officer there)."""
    return [m.agency for m in officer.active_memberships() if m.role == Role.RECEIVING_OFFICER]


def verify_identity_at_counter(
    officer, *, id_number, full_name, date_of_birth
) -> tuple[User, bool]:
    """(account, raised): ``raised`` is False when the account already had the level."""
    agencies = counter_agencies(officer)
    if not agencies and not officer.is_superuser:
        raise CounterError(
            _("Chỉ cán bộ tiếp nhận tại Bộ phận Một cửa được đối chiếu định danh."), 403
        )
    level = AssuranceLevel(settings.ACCOUNTS_COUNTER_ASSURANCE_LEVEL)
    with transaction.atomic():
        account = (
            User.objects.select_for_update()
            .filter(kind=AccountKind.CITIZEN, id_number=id_number, is_active=True)
            .first()
        )
        if account is None:
            raise CounterError(
                _(
                    "Không có tài khoản công dân với số định danh này. Công dân cần đăng ký tài "
                    "khoản trước (có thể đăng ký ngay tại quầy), sau đó đối chiếu lại."
                ),
                404,
            )
        if account.date_of_birth and account.date_of_birth != date_of_birth:
            raise CounterError(
                _(
                    "Ngày sinh trên thẻ khác ngày sinh đã khai của tài khoản này: không nâng mức định "
                    "danh. Tài khoản có thể không phải của người đến quầy; đề nghị công dân liên hệ "
                    "để kiểm tra."
                ),
                409,
            )
        privacy.log_access(officer, account, "Đối chiếu định danh tại quầy")
        if account.has_assurance(level):
            return account, False
        account.full_name = " ".join(full_name.split())
        account.date_of_birth = date_of_birth
        account.raise_assurance(level, AssuranceSource.COUNTER, save=False)
        account.save(
            update_fields=[
                "full_name",
                "date_of_birth",
                "assurance_level",
                "assurance_source",
                "assurance_verified_at",
            ]
        )
        _notify(account, agencies[0] if agencies else None, level)
    return account, True


def _notify(account, agency, level):
    from portal.notifications.services import notify

    now = timezone.now()
    notify(
        "identity_verified_at_counter",
        account,
        key=f"account:{account.pk}:counter-verified:{now.isoformat()}",
        context={"at": now, "agency": agency.name if agency else "", "level": level.label},
        link=settings.SITE_URL.rstrip("/") + reverse("accounts:profile"),
    )
