"""The receiving officer raises a citizen's identity assurance at the counter after checking the
original ID card: card data recorded, access logged, the citizen told; mismatches change nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.models import PersonalDataAccess, Role
from portal.notifications.models import Notification
from tests.accounts.factories import CitizenFactory, MembershipFactory
from tests.accounts.helpers import sign_in

pytestmark = pytest.mark.django_db
URL = reverse("accounts:counter-verification")


@pytest.fixture
def officer(client):
    user = MembershipFactory(role=Role.RECEIVING_OFFICER).user
    sign_in(client, user)
    return user


def _form(citizen, **overrides):
    data = {
        "id_number": citizen.id_number,
        "full_name": "Nguyễn Thị  Lan",
        "date_of_birth": citizen.date_of_birth.isoformat(),
        "card_checked": "on",
    }
    data.update(overrides)
    return data


def test_the_officer_checks_the_card_and_the_account_reaches_the_counter_level(client, officer):
    citizen = CitizenFactory(assurance_level="unverified", full_name="nguyen thi lan")

    response = client.post(URL, _form(citizen))

    assert response.status_code == 200
    assert "Đã ghi nhận" in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.assurance_level == "level2" and citizen.assurance_source == "counter"
    assert citizen.assurance_verified_at is not None
    assert citizen.full_name == "Nguyễn Thị Lan"  # as on the card
    assert PersonalDataAccess.objects.filter(viewer=officer, subject=citizen).exists()
    notice = Notification.objects.get(
        event="identity_verified_at_counter", recipient=citizen, channel="in_app"
    )
    assert officer.memberships.get().agency.name in notice.texts["vi"]["body"]
    # Once is enough: a second check changes nothing and says so.
    response = client.post(URL, _form(citizen))
    assert response.status_code == 200 and "không cần thay đổi" in response.content.decode()
    assert Notification.objects.filter(event="identity_verified_at_counter").count() == len(
        {n.channel for n in Notification.objects.filter(event="identity_verified_at_counter")}
    )


@pytest.mark.parametrize(
    ("overrides", "status", "message"),
    [
        ({"card_checked": ""}, 400, "Hãy xác nhận đã đối chiếu"),
        ({"id_number": "12345"}, 400, "12 chữ số"),
        ({"date_of_birth": "1985-01-01"}, 400, "không khớp"),  # the number encodes 1990
        ({"date_of_birth": "1990-12-31"}, 409, "Ngày sinh trên thẻ khác"),
        ({"id_number": "001090999999"}, 404, "Không có tài khoản công dân"),
    ],
)
def test_mismatches_are_refused_and_nothing_changes(client, officer, overrides, status, message):
    citizen = CitizenFactory(assurance_level="unverified", date_of_birth=dt.date(1990, 3, 4))

    response = client.post(URL, _form(citizen, **overrides))

    assert response.status_code == status
    assert message in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.assurance_level == "unverified"
    assert not Notification.objects.filter(event="identity_verified_at_counter").exists()
