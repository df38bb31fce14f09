"""The permission matrix: each role × each action × own agency / other agency / own account /
someone else's. Dossier actions are added by the dossiers app (tests/dossiers/)."""

import pytest

from accounts.models import Membership, Role
from tests.accounts.factories import (
    AgencyFactory,
    CitizenFactory,
    MembershipFactory,
    OrganisationMemberFactory,
    RepresentationFactory,
    UserFactory,
    add_totp_device,
)
from tests.accounts.helpers import sign_in

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "citizen",
    "organisation_member",
    "representative",
    "receiving_officer",
    "specialist",
    "leader",
    "agency_admin",
    "system_admin",
]
STAFF_ROLES = {"receiving_officer", "specialist", "leader", "agency_admin"}


@pytest.fixture
def world():
    province = AgencyFactory(name="UBND tỉnh", level="province")
    own = AgencyFactory(name="Sở Tư pháp", parent=province)
    own_unit = AgencyFactory(name="Phòng Hộ tịch", parent=own)
    other = AgencyFactory(name="Sở Xây dựng", parent=province)
    w = {"own": own, "own_unit": own_unit, "other": other}
    w["citizen"] = CitizenFactory()
    w["other_citizen"] = CitizenFactory()
    w["organisation_member"] = OrganisationMemberFactory().member
    w["representative"] = RepresentationFactory(principal=w["citizen"]).agent
    for role in STAFF_ROLES:
        w[role] = MembershipFactory(agency=own, role=role).user
    w["unit_specialist"] = MembershipFactory(agency=own_unit, role=Role.SPECIALIST)
    w["other_specialist"] = MembershipFactory(agency=other, role=Role.SPECIALIST)
    w["system_admin"] = UserFactory(is_superuser=True, is_staff=True)
    return w


def expected(table, actor):
    for key, value in table.items():
        if actor in key.split():
            return value
    return table["*"]


# (action, method, url(world), table actor -> status)
MATRIX = [
    ("own profile", "get", lambda w: "/tai-khoan/ho-so-ca-nhan/", {"anonymous": 302, "*": 200}),
    (
        "someone else's account page",
        "get",
        lambda w: f"/tai-khoan/{w['other_citizen'].pk}/",
        {"anonymous": 302, "system_admin": 200, "*": 404},
    ),
    (
        "account page of the person one represents",
        "get",
        lambda w: f"/tai-khoan/{w['citizen'].pk}/",
        {"anonymous": 302, "representative system_admin": 200, "citizen": 302, "*": 404},
    ),
    (
        "staff of own agency's unit",
        "get",
        lambda w: f"/tai-khoan/{w['unit_specialist'].user.pk}/",
        {"anonymous": 302, "agency_admin system_admin": 200, "*": 404},
    ),
    (
        "staff of another agency",
        "get",
        lambda w: f"/tai-khoan/{w['other_specialist'].user.pk}/",
        {"anonymous": 302, "system_admin": 200, "*": 404},
    ),
    (
        "staff area",
        "get",
        lambda w: "/can-bo/",
        {
            "anonymous": 302,
            "citizen organisation_member representative": 403,
            "*": 200,
        },
    ),
    (
        "staff administration",
        "get",
        lambda w: "/can-bo/nhan-su/",
        {"anonymous": 302, "agency_admin system_admin": 200, "*": 403},
    ),
    (
        "counter identity check",
        "get",
        lambda w: "/can-bo/doi-chieu-dinh-danh/",
        {"anonymous": 302, "receiving_officer system_admin": 200, "*": 403},
    ),
    (
        "reset the second factor of staff of another agency",
        "post",
        lambda w: f"/can-bo/nhan-su/{w['other_specialist'].pk}/dat-lai-xac-thuc/",
        {"anonymous": 302, "system_admin": 302, "agency_admin": 404, "*": 403},
    ),
    (
        "reset the second factor of staff of own agency's unit",
        "post",
        lambda w: f"/can-bo/nhan-su/{w['unit_specialist'].pk}/dat-lai-xac-thuc/",
        {"anonymous": 302, "agency_admin system_admin": 302, "*": 403},
    ),
    (
        "end a membership in own agency's unit",
        "post",
        lambda w: f"/can-bo/nhan-su/{w['unit_specialist'].pk}/ket-thuc/",
        {"anonymous": 302, "agency_admin system_admin": 302, "*": 403},
    ),
    (
        "end a membership in another agency",
        "post",
        lambda w: f"/can-bo/nhan-su/{w['other_specialist'].pk}/ket-thuc/",
        {"anonymous": 302, "system_admin": 302, "agency_admin": 404, "*": 403},
    ),
]


@pytest.mark.parametrize("actor", ACTORS)
def test_permission_matrix(client, world, actor):
    """One world per actor; every action in order (the two that end memberships come last)."""
    if actor != "anonymous":
        sign_in(client, world[actor])
    mismatches = []
    for action, method, url, table in MATRIX:
        status = getattr(client, method)(url(world)).status_code
        if status != expected(table, actor):
            mismatches.append(f"{action}: got {status}, expected {expected(table, actor)}")
    assert mismatches == []


@pytest.mark.parametrize("actor", ACTORS)
def test_permission_matrix_add_membership(client, world, actor):
    """Agency admins add staff to their own agency and its units only; system admins anywhere."""
    if actor != "anonymous":
        sign_in(client, world[actor])
    for target in ["own_unit", "other"]:
        newcomer = CitizenFactory()
        response = client.post(
            "/can-bo/nhan-su/",
            {
                "user_identifier": newcomer.email,
                "agency": world[target].pk,
                "role": Role.SPECIALIST,
            },
        )
        created = Membership.objects.filter(user=newcomer).exists()
        allowed = actor == "system_admin" or (actor == "agency_admin" and target == "own_unit")
        assert created == allowed, target
        if allowed:
            expected_status = 302
        elif actor == "agency_admin":
            expected_status = 400  # another agency is not among the choices
        elif actor == "anonymous":
            expected_status = 302
        else:
            expected_status = 403
        assert response.status_code == expected_status, target


def test_staff_administration_lists_only_the_admins_own_agency(client, world):
    sign_in(client, world["agency_admin"])
    body = client.get("/can-bo/nhan-su/").content.decode()
    assert str(world["unit_specialist"].user) in body
    assert str(world["other_specialist"].user) not in body


def test_visible_agencies_reach_descendant_units_only(world, django_assert_max_num_queries):
    from accounts.permissions import visible_agencies

    with django_assert_max_num_queries(1):
        names = set(visible_agencies(world["specialist"]).values_list("name", flat=True))
    assert names == {"Sở Tư pháp", "Phòng Hộ tịch"}
    assert set(visible_agencies(world["unit_specialist"].user).values_list("name", flat=True)) == {
        "Phòng Hộ tịch"
    }
    assert not visible_agencies(world["citizen"]).exists()
    assert visible_agencies(world["system_admin"]).count() == 4
    assert not visible_agencies(world["specialist"], Role.LEADER).exists()


def test_roles_reach_down_the_tree_but_not_up(world):
    from accounts.permissions import has_role

    leader = world["leader"]
    assert leader.roles_in(world["own"]) == {Role.LEADER}
    assert has_role(leader, world["own_unit"], Role.LEADER)
    assert not has_role(leader, world["own_unit"], Role.LEADER, inherited=False)
    assert not has_role(leader, world["other"], Role.LEADER)
    unit_staff = world["unit_specialist"].user
    assert not has_role(unit_staff, world["own"], Role.SPECIALIST)


def test_an_ended_membership_gives_no_role(world):
    from django.utils import timezone

    from accounts.permissions import has_role, visible_agencies

    membership = Membership.objects.get(user=world["leader"])
    membership.ended_at = timezone.now()
    membership.save()
    leader = type(world["leader"]).objects.get(pk=world["leader"].pk)
    assert not has_role(leader, world["own"], Role.LEADER)
    assert not visible_agencies(leader).exists()


def test_an_agency_admin_resets_a_lost_authenticator_but_not_their_own(client, world):
    from accounts.services.two_factor import has_second_factor

    officer = world["unit_specialist"].user
    add_totp_device(officer)
    sign_in(client, world["agency_admin"])
    client.post(f"/can-bo/nhan-su/{world['unit_specialist'].pk}/dat-lai-xac-thuc/")
    assert not has_second_factor(officer)
    own = Membership.objects.get(user=world["agency_admin"])
    assert client.post(f"/can-bo/nhan-su/{own.pk}/dat-lai-xac-thuc/").status_code == 404
    assert has_second_factor(world["agency_admin"])
