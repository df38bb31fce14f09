"""Writes of complaints and suggestions (phản ánh, kiến nghị): submit, answer, publish."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from satisfaction.models import Complaint
from satisfaction.services.messaging import absolute, send


class ComplaintError(Exception):
    def __init__(self, message: str, status: int = 400, field: str | None = None):
        super().__init__(message)
        self.message, self.status, self.field = message, status, field


def answer_due_at(agency, start):
    """The answer is due ``COMPLAINT_ANSWER_WORKING_DAYS`` working days after submission, counted on
    the agency's working calendar (portal/calendars)."""
    from portal.calendars.engine import Unit, calendar_for, due_at

    days = settings.COMPLAINT_ANSWER_WORKING_DAYS
    return due_at(calendar_for(agency), start, days, Unit.WORKING_DAYS).at


def _new_code(now) -> str:
    return f"PAKN-{now:%y%m%d}-{secrets.token_hex(3).upper()}"


def submit(
    user,
    *,
    kind: str,
    subject: str,
    body: str,
    dossier=None,
    procedure=None,
    agency=None,
    publish_consent: bool = False,
    now=None,
) -> Complaint:
    """A citizen's complaint about one of their dossiers, or about a service of an agency."""
    from dossiers.models import Dossier

    now = now or timezone.now()
    if not (user and user.is_authenticated):
        raise ComplaintError(_("Vui lòng đăng nhập để gửi phản ánh, kiến nghị."), status=403)
    if kind not in Complaint.Kind.values:
        raise ComplaintError(_("Loại phản ánh, kiến nghị không hợp lệ."), field="kind")
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject:
        raise ComplaintError(_("Vui lòng nhập tiêu đề."), field="subject")
    if len(body) < 10:
        raise ComplaintError(_("Vui lòng mô tả nội dung (ít nhất 10 ký tự)."), field="body")
    if dossier is not None:
        if not Dossier.objects.of_applicant(user).filter(pk=dossier.pk).exists():
            raise ComplaintError(
                _("Ông/Bà chỉ có thể phản ánh về hồ sơ của mình hoặc hồ sơ mình được ủy quyền."),
                status=403,
                field="dossier",
            )
        agency = dossier.agency
        procedure = dossier.procedure_version.procedure
    if agency is None:
        raise ComplaintError(
            _("Vui lòng chọn hồ sơ, hoặc cơ quan mà phản ánh, kiến nghị gửi đến."), field="agency"
        )
    due = answer_due_at(agency, now)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                complaint = Complaint.objects.create(
                    code=_new_code(now),
                    kind=kind,
                    dossier=dossier,
                    procedure=procedure,
                    agency=agency,
                    submitted_by=user,
                    subject=subject[:255],
                    body=body,
                    publish_consent=publish_consent,
                    submitted_at=now,
                    due_at=due,
                )
                _tell_agency(complaint)
                return complaint
        except IntegrityError:
            continue
    raise ComplaintError(_("Không tạo được mã phản ánh, vui lòng thử lại."), status=503)


def _tell_agency(complaint: Complaint) -> None:
    from accounts.models import Membership

    staff = [
        m.user
        for m in Membership.objects.active()
        .with_role("leader", "agency_admin")
        .filter(agency=complaint.agency)
        .select_related("user")
    ]
    if staff:
        send(
            "complaint_received",
            staff,
            key=f"complaint:{complaint.pk}:received",
            context={"code": complaint.code, "subject": complaint.subject, "due": complaint.due_at},
            link=absolute(reverse("satisfaction:staff-complaint", args=[complaint.pk])),
        )


@transaction.atomic
def answer(complaint: Complaint, officer, text: str, now=None) -> Complaint:
    now = now or timezone.now()
    text = (text or "").strip()
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.status != Complaint.Status.OPEN:
        raise ComplaintError(_("Phản ánh, kiến nghị này đã được trả lời."), status=409)
    if len(text) < 10:
        raise ComplaintError(
            _("Vui lòng nhập nội dung trả lời (ít nhất 10 ký tự)."), field="answer"
        )
    complaint.answer = text
    complaint.answered_at = now
    complaint.answered_by = officer
    complaint.status = Complaint.Status.ANSWERED
    if complaint.publish_consent:
        complaint.published_at = now
    complaint.save()
    send(
        "complaint_answered",
        complaint.submitted_by,
        key=f"complaint:{complaint.pk}:answered",
        context={"code": complaint.code, "subject": complaint.subject},
        link=absolute(reverse("satisfaction:complaint-detail", args=[complaint.code])),
    )
    return complaint


@transaction.atomic
def set_publish_consent(complaint: Complaint, user, consent: bool, now=None) -> Complaint:
    """The citizen agrees (or no longer agrees) to publish the answer."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.submitted_by_id != user.pk:
        raise ComplaintError(_("Chỉ người gửi mới được thay đổi việc công khai."), status=403)
    complaint.publish_consent = consent
    if consent and complaint.answered_at:
        complaint.published_at = complaint.published_at or (now or timezone.now())
    if not consent:
        complaint.published_at = None
    complaint.save(update_fields=["publish_consent", "published_at"])
    return complaint
