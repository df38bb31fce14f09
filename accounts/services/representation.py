"""Representation (ủy quyền) and organisation members: granting and revoking, one function each."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.backends import resolve_identifier
from accounts.models import AccountKind, OrganisationMember, Representation, User


class RepresentationError(Exception):
    pass


def _end_of_day(day: dt.date):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


@transaction.atomic
def grant_representation(
    principal, agent_identifier, *, scope, procedure_codes, valid_until, note=""
) -> Representation:
    agent = resolve_identifier(agent_identifier)
    if agent is None or not agent.is_active or agent.kind != AccountKind.CITIZEN:
        raise RepresentationError(
            _(
                "Không tìm thấy tài khoản công dân với thông tin này. Người được ủy quyền cần có tài khoản."
            )
        )
    if agent.pk == principal.pk:
        raise RepresentationError(_("Không thể tự ủy quyền cho chính mình."))
    if valid_until <= timezone.localdate():
        raise RepresentationError(_("Ngày hết hiệu lực phải sau ngày hôm nay."))
    return Representation.objects.create(
        principal=principal,
        agent=agent,
        scope=scope,
        procedure_codes=procedure_codes if scope == Representation.Scope.PROCEDURES else [],
        valid_until=_end_of_day(valid_until),
        note=note,
    )


@transaction.atomic
def revoke_representation(representation, by) -> Representation:
    """The principal (or the agent, renouncing) ends a representation at once."""
    if by.pk not in (representation.principal_id, representation.agent_id):
        raise PermissionError
    if representation.revoked_at is None:
        representation.revoked_at = timezone.now()
        representation.save(update_fields=["revoked_at"])
    return representation


def _can_manage_members(user, organisation) -> bool:
    if user.pk == organisation.pk:
        return True
    return (
        OrganisationMember.objects.active()
        .filter(
            organisation=organisation,
            member=user,
            role__in=[
                OrganisationMember.Role.LEGAL_REPRESENTATIVE,
                OrganisationMember.Role.MANAGER,
            ],
        )
        .exists()
    )


@transaction.atomic
def add_organisation_member(organisation, member_identifier, role, by) -> OrganisationMember:
    if not _can_manage_members(by, organisation):
        raise PermissionError
    member = resolve_identifier(member_identifier)
    if member is None or member.kind != AccountKind.CITIZEN or not member.is_active:
        raise RepresentationError(_("Không tìm thấy tài khoản công dân với thông tin này."))
    existing = OrganisationMember.objects.filter(
        organisation=organisation, member=member, revoked_at__isnull=True
    ).first()
    if existing:
        existing.role = role
        existing.save(update_fields=["role"])
        return existing
    return OrganisationMember.objects.create(organisation=organisation, member=member, role=role)


@transaction.atomic
def remove_organisation_member(membership, by) -> OrganisationMember:
    if not _can_manage_members(by, membership.organisation) and by.pk != membership.member_id:
        raise PermissionError
    if membership.revoked_at is None:
        membership.revoked_at = timezone.now()
        membership.save(update_fields=["revoked_at"])
    return membership


@transaction.atomic
def register_organisation(by, *, name, tax_code, email="", address="") -> User:
    """A citizen registers their organisation and becomes its legal representative. The organisation
    account has no password of its own: its members act for it. Its identity stays unverified until
    checked (at the counter, or against the business register)."""
    from django.db import IntegrityError

    if by.kind != AccountKind.CITIZEN:
        raise RepresentationError(_("Chỉ tài khoản công dân mới đăng ký được tổ chức."))
    organisation = User(
        username=f"mst{tax_code}",
        kind=AccountKind.ORGANISATION,
        full_name=name.strip(),
        tax_code=tax_code,
        email=email,
        address=address,
        consent_given_at=timezone.now(),
        consent_version=by.consent_version,
    )
    organisation.set_unusable_password()
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as error:
        raise RepresentationError(_("Mã số thuế này đã có tài khoản tổ chức.")) from error
    OrganisationMember.objects.create(
        organisation=organisation,
        member=by,
        role=OrganisationMember.Role.LEGAL_REPRESENTATIVE,
    )
    return organisation


def can_manage_members(user, organisation) -> bool:
    return _can_manage_members(user, organisation)
