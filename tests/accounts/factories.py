import datetime as dt

import factory

from accounts import identifiers
from accounts.models import AccountKind, OrganisationMember, Representation, User
from tests.procedures.factories import AgencyFactory

_PROVINCES = sorted(identifiers.CCCD_PROVINCE_CODES)


def make_id_number(n: int, birth_year: int = 1990, female: bool = False) -> str:
    """A format-valid CCCD: province code, century/sex digit, two year digits, six serial digits."""
    century = (birth_year // 100) - 19
    return f"{_PROVINCES[n % len(_PROVINCES)]}{century * 2 + int(female)}{birth_year % 100:02d}{n % 1_000_000:06d}"


def make_tax_code(n: int) -> str:
    """A valid 10-digit tax code (skipping prefixes for which no check digit exists)."""
    for province in range(1, 100):
        first_nine = f"{province:02d}{n % 10_000_000:07d}"
        check = identifiers.tax_code_check_digit(first_nine)
        if check is not None:
            return f"{first_nine}{check}"
    raise AssertionError("unreachable")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Faker("name", locale="vi_VN")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", "Mat-khau-2026!")

    @factory.post_generation
    def _save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class CitizenFactory(UserFactory):
    kind = AccountKind.CITIZEN
    date_of_birth = factory.Sequence(lambda n: dt.date(1990, 1 + n % 12, 1 + n % 28))
    id_number = factory.Sequence(lambda n: make_id_number(n, 1990))
    phone = factory.Sequence(lambda n: f"09{n % 10**8:08d}")


class OrganisationFactory(UserFactory):
    kind = AccountKind.ORGANISATION
    username = factory.Sequence(lambda n: f"to-chuc-{n}")
    full_name = factory.Sequence(lambda n: f"Công ty TNHH Mẫu số {n}")
    tax_code = factory.Sequence(lambda n: make_tax_code(n))


class StaffFactory(UserFactory):
    kind = AccountKind.STAFF
    username = factory.Sequence(lambda n: f"canbo{n}")


class OrganisationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMember

    organisation = factory.SubFactory(OrganisationFactory)
    member = factory.SubFactory(CitizenFactory)
    role = OrganisationMember.Role.MEMBER


class RepresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representation

    principal = factory.SubFactory(CitizenFactory)
    agent = factory.SubFactory(CitizenFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.Membership"

    user = factory.SubFactory(StaffFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = "specialist"


def add_totp_device(user, key="3132333435363738393031323334353637383930"):
    """Give ``user`` a confirmed authenticator (the fixed RFC 6238 test key by default)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="authenticator", key=key, confirmed=True)


def current_totp(device) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
