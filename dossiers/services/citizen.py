"""What the applicant does to a submitted dossier: answer a supplement request, ask to withdraw.

Each function locks the dossier, checks that the actor may act for the applicant and that the state
allows it, applies the transition, moves the clock (DOMAIN.md §6: a supplement requested during
processing pauses the clock; answering resumes it), records the event and notifies the agency.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can_act_for
from dossiers import deadlines, private_files, uploads
from dossiers.citizen import notices
from dossiers.eform import no_markup
from dossiers.models import Attachment, State, SupplementRequest
from dossiers.services.base import (
    ActionForbidden,
    InvalidInput,
    WrongState,
    append_event,
    lock,
    require,
    resume_clock,
    save_dossier,
)
from dossiers.services.submission import (
    UploadRejected,
    _write_checked,
    check_component_files,
    desk_officers,
)

SUPPLEMENT_STATES = (State.SUPPLEMENT_AT_INTAKE, State.SUPPLEMENT_IN_PROCESSING)


def _handlers(dossier):
    """Who hears about the applicant's move: the officer holding the dossier, else the desk."""
    if dossier.assignee_id:
        return [dossier.assignee]
    return desk_officers(dossier.agency)


def _check_actor(dossier, actor):
    if actor is None:
        raise ActionForbidden()
    if actor.pk != dossier.applicant_id and not can_act_for(
        actor, dossier.applicant_id, dossier.procedure.code
    ):
        raise ActionForbidden()


def _clean_text(value: str, limit: int = 2000) -> str:
    value = (value or "").strip()
    try:
        no_markup(value)
    except uploads.ValidationError as error:
        raise InvalidInput(error.messages[0]) from error
    if len(value) > limit:
        raise InvalidInput(_("Nội dung quá dài (tối đa %(max)s ký tự).") % {"max": limit})
    return value


def open_supplement(dossier):
    return (
        dossier.supplement_requests.filter(status=SupplementRequest.Status.OPEN)
        .prefetch_related("items__component")
        .first()
    )


def answer_supplement(dossier, actor, *, files_by_component, note="", expected_version=None):
    """Send what a supplement request asked for; the files of a component replace the old ones.
    Every item with a component needs at least one new file; all files are checked, all or none."""
    note = _clean_text(note)
    with private_files.kept_on_success(), transaction.atomic():
        dossier = lock(dossier, expected_version)
        _check_actor(dossier, actor)
        if dossier.status not in SUPPLEMENT_STATES:
            raise WrongState(_("Hồ sơ hiện không có yêu cầu bổ sung đang chờ."))
        request = open_supplement(dossier)
        if request is None:
            raise WrongState(_("Hồ sơ hiện không có yêu cầu bổ sung đang chờ."))
        components = {
            item.component_id: item.component for item in request.items.all() if item.component_id
        }
        missing = [
            item.content
            for item in request.items.all()
            if item.component_id and not files_by_component.get(item.component_id)
        ]
        if missing:
            raise InvalidInput(
                _("Vui lòng đính kèm tệp cho: %(items)s.") % {"items": "; ".join(missing)}
            )
        if not components and not files_by_component and not note:
            raise InvalidInput(_("Vui lòng đính kèm tệp hoặc ghi nội dung bổ sung."))
        errors, checked = {}, {}
        for component_id, files in files_by_component.items():
            component = components.get(component_id)
            if component is None:
                component = dossier.procedure_version.components.filter(pk=component_id).first()
            if component is None:
                raise InvalidInput(_("Thành phần hồ sơ không thuộc thủ tục này."))
            if not files:
                continue
            try:
                checked[component] = check_component_files(
                    dossier, component, files, replacing=True
                )
            except uploads.ValidationError as error:
                errors[component.pk] = error.messages
        if errors:
            raise UploadRejected(errors)
        now = timezone.now()
        stored = []
        for component, items in checked.items():
            dossier.attachments.filter(component=component, replaced_at__isnull=True).update(
                replaced_at=now
            )
            stored += _write_checked(dossier, actor, component, items, supplement_request=request)
        Attachment.objects.bulk_create(stored)
        before = dossier.status
        fields = ["status"]
        if before == State.SUPPLEMENT_AT_INTAKE:
            require(dossier, "answer_intake_supplement")()
            # Back at the receiving desk: a fresh 8-working-hour answer is due.
            dossier.intake_due_at = deadlines.intake_due(dossier.agency, now)
            fields.append("intake_due_at")
        else:
            require(dossier, "answer_processing_supplement")()
            resume_clock(dossier, now)
            fields += ["clock_pauses", "clock_paused_at", "due_at", "due_explanation"]
        request.status = SupplementRequest.Status.ANSWERED
        request.answered_at = now
        request.answered_by = actor
        request.answer_note = note
        request.save(update_fields=["status", "answered_at", "answered_by", "answer_note"])
        save_dossier(dossier, *fields)
        append_event(
            dossier,
            "answer_supplement",
            actor,
            from_state=before,
            note=note,
            data={"request": request.pk, "round": request.round},
        )
        notices.to_staff("supplement_answered", dossier, _handlers(dossier))
    return dossier


def request_withdrawal(dossier, actor, *, reason, expected_version=None):
    """The applicant asks to withdraw before the result (DOMAIN.md §4 step 7), with a reason."""
    reason = _clean_text(reason, 1000)
    if not reason:
        raise InvalidInput(_("Vui lòng nêu lý do rút hồ sơ."))
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        _check_actor(dossier, actor)
        before = dossier.status
        require(dossier, "request_withdrawal")()
        dossier.resume_state = before
        dossier.outcome_note = reason
        save_dossier(dossier, "status", "resume_state", "outcome_note")
        append_event(dossier, "request_withdrawal", actor, from_state=before, note=reason)
        notices.to_staff("withdrawal_requested", dossier, _handlers(dossier), reason=reason)
    return dossier


__all__ = ["answer_supplement", "open_supplement", "request_withdrawal"]
