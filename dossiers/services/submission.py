"""The citizen's write path from nothing to a submitted dossier (DOMAIN.md §4 step 1).

``start_draft`` → ``save_draft`` / ``add_files`` / ``attach_personal_document`` / ``remove_attachment``
(``fill_draft`` does the first three in one transaction, for the draft page's POST) → ``submit``. ``submit`` is the one function that moves a dossier from draft to submitted: in one
transaction it checks everything again, takes the dossier's code, records the first public event and
writes the notifications to the applicant and the receiving desk. The draft's row is locked first, so
a double click (or two tabs) submits once: the second call finds the dossier already submitted and
returns it unchanged.
"""

from __future__ import annotations

import functools
from collections import Counter

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can_act_for
from dossiers import deadlines, private_files, uploads
from dossiers.citizen import notices
from dossiers.eform import validate_answers
from dossiers.models import Attachment, Delivery, Dossier, PersonalDocument, State
from dossiers.services.base import (
    ActionForbidden,
    DossierChanged,
    InvalidInput,
    WrongState,
    append_event,
    assign_code,
    lock,
    new_pin,
    require,
    save_dossier,
    snapshot_applicant,
)
from procedures.models import OnlineLevel, VersionStatus
from procedures.selectors import version_components


class SubmissionIncomplete(InvalidInput):
    """What is still missing before a draft can be submitted (each item a Vietnamese sentence)."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(" ".join(str(p) for p in self.problems))


# --- eligibility ---------------------------------------------------------------------------------
class Blocker(str):
    """One reason a dossier cannot be filed online: the sentence shown (in the active language) and a
    ``kind`` that callers test instead of the wording."""

    WITHDRAWN, OUTDATED, NOT_ONLINE, ASSURANCE = "withdrawn", "outdated", "not_online", "assurance"

    def __new__(cls, kind, message):
        blocker = super().__new__(cls, message)
        blocker.kind = kind
        return blocker


def submission_blockers(version, actor) -> list[Blocker]:
    """Why ``actor`` may not submit online for ``version`` (empty when they may)."""
    problems = []
    if version.status == VersionStatus.WITHDRAWN:
        problems.append(
            Blocker(Blocker.WITHDRAWN, _("Thủ tục này đã bị bãi bỏ, không tiếp nhận hồ sơ mới."))
        )
    elif version.status != VersionStatus.PUBLISHED:
        problems.append(
            Blocker(
                Blocker.OUTDATED,
                _(
                    "Phiên bản thủ tục này không còn hiệu lực. Vui lòng bắt đầu hồ sơ mới theo "
                    "phiên bản đang áp dụng."
                ),
            )
        )
    if not version.is_online or not version.channel_online:
        problems.append(
            Blocker(
                Blocker.NOT_ONLINE,
                _(
                    "Thủ tục này không cung cấp dịch vụ nộp hồ sơ trực tuyến; vui lòng nộp trực tiếp."
                ),
            )
        )
    required = getattr(version, "required_assurance", "") or ""
    if required and actor is not None and not actor.has_assurance(required):
        problems.append(
            Blocker(
                Blocker.ASSURANCE,
                _(
                    "Thủ tục này yêu cầu tài khoản đạt mức “%(level)s”. Tài khoản của bạn đang ở mức "
                    "“%(current)s”; vui lòng xác thực định danh điện tử trước khi nộp."
                )
                % {
                    "level": version.get_required_assurance_display(),
                    "current": actor.get_assurance_level_display(),
                },
            )
        )
    return problems


def fee_lines(version):
    """The fee lines charged online: unconditional lines with an amount."""
    return [fee for fee in version.fees.all() if fee.amount > 0 and not fee.condition]


def fees_total(version) -> int:
    return sum(fee.amount for fee in fee_lines(version))


def needs_online_payment(version) -> bool:
    """Full-process (level 4) procedures collect their fees online before submission."""
    return version.online_level == OnlineLevel.FULL and fees_total(version) > 0


def delivery_choices(version):
    """Online delivery of the result is part of full-process service; post and counter always."""
    choices = [(Delivery.COUNTER, Delivery.COUNTER.label), (Delivery.POST, Delivery.POST.label)]
    if version.online_level == OnlineLevel.FULL:
        choices.insert(0, (Delivery.ONLINE, Delivery.ONLINE.label))
    return choices


def _check_actor(dossier, actor):
    if actor is None:
        raise ActionForbidden()
    if actor.pk == dossier.applicant_id:
        return  # one's own dossier: no need to look up representations
    if not can_act_for(actor, dossier.applicant_id, dossier.procedure.code):
        raise ActionForbidden()


def _require_draft(dossier):
    if dossier.status != State.DRAFT:
        raise WrongState(_("Hồ sơ đã được nộp, không sửa được bản nháp nữa."))


# --- drafts --------------------------------------------------------------------------------------
def start_draft(version, actor, *, applicant=None, agency=None) -> Dossier:
    """A draft for ``version``, for ``applicant`` (default: the actor), prefilled from the account."""
    applicant = applicant or actor
    if not can_act_for(actor, applicant, version.procedure.code):
        raise ActionForbidden(_("Bạn không được ủy quyền nộp hồ sơ thay người này."))
    problems = [
        p
        for p in submission_blockers(version, actor)
        if version.status != VersionStatus.PUBLISHED or p.kind != Blocker.ASSURANCE
    ]
    if problems:
        raise InvalidInput(" ".join(problems))
    if applicant.is_organisation and not version.for_organisations:
        raise InvalidInput(_("Thủ tục này dành cho công dân, không dành cho tổ chức."))
    agencies = list(version.agencies.all())
    if agency is None:
        agency = agencies[0] if len(agencies) == 1 else None
        if agency is None and not agencies:
            agency = version.owner_agency
    if agency is None or (agencies and agency not in agencies):
        raise InvalidInput(_("Vui lòng chọn cơ quan tiếp nhận hồ sơ."))
    dossier = Dossier(procedure_version=version, agency=agency, submitted_by=actor)
    snapshot_applicant(dossier, applicant)
    choices = [c for c, _label in delivery_choices(version)]
    dossier.delivery = choices[0]
    with transaction.atomic():
        dossier.save()
        append_event(
            dossier,
            "draft_created",
            actor,
            on_behalf_of=applicant if applicant != actor else None,
            is_public=False,
        )
    return dossier


def save_draft(
    dossier,
    actor,
    *,
    answers=None,
    delivery=None,
    delivery_address=None,
    contact=None,
    expected_version=None,
) -> Dossier:
    """Store what the applicant filled in so far (validated by the form before it gets here)."""
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        _check_actor(dossier, actor)
        _require_draft(dossier)
        fields = _set_draft_fields(dossier, answers, delivery, delivery_address, contact)
        save_dossier(dossier, *fields)
    return dossier


def _set_draft_fields(dossier, answers, delivery, delivery_address, contact) -> list[str]:
    fields = []
    if answers is not None:
        dossier.form_data = answers
        fields.append("form_data")
    if delivery is not None:
        allowed = [c for c, _label in delivery_choices(dossier.procedure_version)]
        if delivery not in allowed:
            raise InvalidInput(_("Hình thức nhận kết quả không hợp lệ cho thủ tục này."))
        dossier.delivery = delivery
        fields.append("delivery")
    if delivery_address is not None:
        dossier.delivery_address = delivery_address.strip()
        fields.append("delivery_address")
    for name, value in (contact or {}).items():
        if name in ("applicant_phone", "applicant_email", "applicant_address"):
            setattr(dossier, name, (value or "").strip())
            fields.append(name)
    return fields


def fill_draft(
    dossier,
    actor,
    *,
    answers=None,
    delivery=None,
    delivery_address=None,
    contact=None,
    files_by_component=None,
    personal_documents=(),
    expected_version=None,
) -> Dossier:
    """The draft page's one POST: ``save_draft`` + ``add_files`` + ``attach_personal_document`` in
    one transaction, with one lock and one save of the row. All or nothing: refused files
    (``UploadRejected``) or a wrong choice leave the draft and the disk as they were.
    ``personal_documents``: (component_id, document_id) pairs from the personal data store."""
    with private_files.kept_on_success(), transaction.atomic():
        # The view has just loaded the dossier with its procedure and agency: lock the row alone.
        dossier = lock(dossier, expected_version, keep_related=True)
        _check_actor(dossier, actor)
        _require_draft(dossier)
        fields = _set_draft_fields(dossier, answers, delivery, delivery_address, contact)
        files_by_component = {k: v for k, v in (files_by_component or {}).items() if v}
        if files_by_component or personal_documents:
            components, counts = _components_and_counts(dossier)
            _add_checked_files(dossier, actor, components, counts, files_by_component)
            for component_id, document_id in personal_documents:
                _attach_personal(dossier, actor, components, component_id, document_id)
        save_dossier(dossier, *fields)
    return dossier


def _components(dossier):
    return {c.pk: c for c in version_components(dossier.procedure_version)}


def _components_and_counts(dossier) -> tuple[dict, dict]:
    """``_components`` and ``_attached_counts``, counted in Python from the attachments' component
    ids (two plain queries cost less to build than one with a counting subquery)."""
    current = Attachment.objects.filter(dossier_id=dossier.pk, replaced_at__isnull=True)
    counts = Counter(current.order_by().values_list("component_id", flat=True))
    return _components(dossier), dict(counts)


def _write_checked(dossier, actor, component, checked, *, supplement_request=None):
    """Write the checked files to the private storage; the unsaved rows, to insert together."""
    created = []
    for item in checked:
        attachment = Attachment(
            dossier=dossier,
            component=component,
            name=item.name,
            size=item.size,
            content_type=item.mime_type,
            sha256=item.sha256,
            uploaded_by=actor,
            source=Attachment.Source.UPLOAD,
            supplement_request=supplement_request,
        )
        private_files.store(attachment.file, f"tep.{item.extension}", item.file)
        created.append(attachment)
    return created


def _attached_counts(dossier) -> dict:
    from django.db.models import Count

    rows = (
        dossier.attachments.filter(replaced_at__isnull=True)
        .values("component_id")
        .annotate(n=Count("pk"))
    )
    return {row["component_id"]: row["n"] for row in rows}


def check_component_files(dossier, component, files, *, replacing=False, already=None):
    """Validate files for one component of this dossier (``uploads.check_files``)."""
    if replacing:
        already = 0
    elif already is None:
        already = _attached_counts(dossier).get(component.pk, 0)
    return uploads.check_files(
        files, component.accepted_type_list, component.max_size_bytes, already=already
    )


def add_files(dossier, actor, files_by_component: dict, expected_version=None) -> list[Attachment]:
    """Validate and store uploads for several components at once: all of them or none."""
    if not any(files_by_component.values()):
        return []
    with private_files.kept_on_success(), transaction.atomic():
        dossier = lock(dossier, expected_version)
        _check_actor(dossier, actor)
        _require_draft(dossier)
        files_by_component = {k: v for k, v in files_by_component.items() if v}
        created = _add_checked_files(
            dossier, actor, _components(dossier), _attached_counts(dossier), files_by_component
        )
        if created:
            save_dossier(dossier)
    return created


def _add_checked_files(dossier, actor, components, counts, files_by_component) -> list[Attachment]:
    """Check every file first (all or none), then store them and insert their rows at once."""
    errors, checked = {}, {}
    for component_id, files in files_by_component.items():
        component = components.get(int(component_id))
        if component is None:
            raise InvalidInput(_("Thành phần hồ sơ không thuộc thủ tục này."))
        try:
            checked[component] = check_component_files(
                dossier, component, files, already=counts.get(component.pk, 0)
            )
        except uploads.ValidationError as error:
            errors[component.pk] = error.messages
    if errors:
        raise UploadRejected(errors)
    created = []
    for component, items in checked.items():
        created += _write_checked(dossier, actor, component, items)
    return Attachment.objects.bulk_create(created)


class UploadRejected(InvalidInput):
    """Files refused, by component id: {component_id: [messages]}."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__(" ".join(m for msgs in errors.values() for m in msgs))


def attach_personal_document(dossier, actor, component_id, document_id, expected_version=None):
    """Reuse a document from the applicant's personal data store (Decree 45/2020: not asked twice)."""
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        _check_actor(dossier, actor)
        _require_draft(dossier)
        attachment = _attach_personal(
            dossier, actor, _components(dossier), component_id, document_id
        )
        save_dossier(dossier)
    return attachment


def _attach_personal(dossier, actor, components, component_id, document_id) -> Attachment:
    component = components.get(int(component_id))
    document = PersonalDocument.objects.filter(
        pk=document_id, owner_id=dossier.applicant_id
    ).first()
    if component is None or document is None:
        raise InvalidInput(_("Không tìm thấy giấy tờ trong kho dữ liệu của người nộp."))
    ext = uploads.type_of_document(document.name, document.content_type)
    if ext not in {uploads.canonical_type(t) for t in component.accepted_type_list}:
        raise InvalidInput(
            _("Giấy tờ “%(name)s” không đúng định dạng thành phần này chấp nhận (%(types)s).")
            % {"name": document.name, "types": component.accepted_types}
        )
    count = dossier.attachments.filter(component=component, replaced_at__isnull=True).count()
    if count >= uploads.max_files_per_component():
        raise InvalidInput(
            _("Mỗi thành phần hồ sơ được đính kèm tối đa %(max)s tệp.")
            % {"max": uploads.max_files_per_component()}
        )
    return Attachment.objects.create(
        dossier=dossier,
        component=component,
        file=document.file.name,  # the same stored bytes; neither side deletes shared files
        name=document.name,
        size=document.size,
        content_type=document.content_type,
        sha256=document.sha256,
        uploaded_by=actor,
        source=Attachment.Source.PERSONAL_STORE,
        personal_document=document,
    )


def remove_attachment(dossier, actor, attachment_id, expected_version=None) -> None:
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        _check_actor(dossier, actor)
        _require_draft(dossier)
        attachment = dossier.attachments.filter(pk=attachment_id).first()
        if attachment is None:
            raise InvalidInput(_("Không tìm thấy tệp đính kèm."))
        path = attachment.file.name
        shared = attachment.source != Attachment.Source.UPLOAD
        attachment.delete()
        save_dossier(dossier)
        if not shared:
            transaction.on_commit(lambda: attachment.file.storage.delete(path))


# --- submission ----------------------------------------------------------------------------------
def missing_for_submission(dossier, actor) -> list[str]:
    """Everything that stops this draft from being submitted, as Vietnamese sentences."""
    version = dossier.procedure_version
    problems = submission_blockers(version, actor)
    errors = validate_answers(version.form_schema, dossier.form_data)
    if errors:
        problems.append(
            _("Tờ khai điện tử còn %(count)s ô chưa điền hoặc chưa đúng.") % {"count": len(errors)}
        )
    # The components from the catalogue cache; one query for the ones a current file is attached to.
    attached = set(
        Attachment.objects.filter(dossier=dossier, replaced_at__isnull=True)
        .order_by()
        .values_list("component_id", flat=True)
    )
    for component in version_components(version):
        if component.is_mandatory and component.pk not in attached:
            problems.append(_("Chưa đính kèm “%(name)s”.") % {"name": component.name})
    if dossier.delivery == Delivery.POST and not dossier.delivery_address.strip():
        problems.append(_("Vui lòng nhập địa chỉ nhận kết quả qua bưu chính."))
    if dossier.delivery not in [c for c, _label in delivery_choices(version)]:
        problems.append(_("Hình thức nhận kết quả không hợp lệ cho thủ tục này."))
    if needs_online_payment(version) and not dossier.payments.filter(status="paid").exists():
        problems.append(_("Chưa nộp phí, lệ phí trực tuyến."))
    return problems


def desk_officers(agency):
    """The receiving officers (and leaders) of the agency: who must answer within 8 working hours."""
    from accounts.models import Membership

    return [
        m.user
        for m in Membership.objects.active()
        .with_role("receiving_officer")
        .filter(agency=agency)
        .select_related("user")
    ]


def submit(dossier, actor, expected_version=None) -> tuple[Dossier, str | None]:
    """Submit a draft. Returns (dossier, lookup PIN); the PIN is None when the dossier had already
    been submitted by an earlier click (nothing changes then).

    The dossier's code is taken last, just before commit: the agency's daily counter row stays
    locked from then until the commit, so concurrent submissions to the same agency wait for each
    other only for that short tail (docs/adr/0019-dossier-codes-and-lookup-pins-on-submission.md)."""
    with transaction.atomic():
        dossier = lock(dossier)
        _check_actor(dossier, actor)
        if dossier.status != State.DRAFT:
            if dossier.submitted_at is not None:
                return dossier, None  # a second click: the first one submitted it
            raise WrongState()
        if expected_version is not None and int(expected_version) != dossier.version:
            raise DossierChanged()
        problems = missing_for_submission(dossier, actor)
        if problems:
            raise SubmissionIncomplete(problems)
        now = timezone.now()
        require(dossier, "submit")()
        pin = new_pin(dossier)
        dossier.submitted_at = now
        dossier.intake_due_at = deadlines.intake_due(dossier.agency, now)
        dossier.handling_unit = dossier.agency
        on_behalf = dossier.applicant if dossier.applicant_id != actor.pk else None
        append_event(dossier, "submit", actor, from_state=State.DRAFT, on_behalf_of=on_behalf)
        _keep_in_personal_store(dossier)
        officers = desk_officers(dossier.agency)
        if dossier.applicant_id == actor.pk:
            dossier.applicant = actor  # the notification's recipient, without loading it again
        # Last: the code (locks the agency's counter row until commit), the row, the notifications.
        assign_code(dossier, now)
        save_dossier(
            dossier,
            "code",
            "status",
            "submitted_at",
            "intake_due_at",
            "handling_unit",
            "lookup_pin_hash",
        )
        # One outbox insert and, after commit, one message to the workers for both.
        notices.send(
            ("dossier_submitted", notices.applicant_message("dossier_submitted", dossier, at=now)),
            (
                "queue_new_dossier",
                notices.staff_message(
                    "queue_new_dossier", dossier, officers, due=dossier.intake_due_at
                ),
            ),
        )
    return dossier, pin


def _keep_in_personal_store(dossier):
    """Copy what the applicant uploaded into their personal data store, for later dossiers: each
    uploaded file whose checksum the store does not hold yet, once per checksum (the first in the
    attachments' order). One INSERT … SELECT: the rows never travel through Python."""
    if dossier.applicant_id is None:
        return
    created_at = PersonalDocument._meta.get_field("created_at")
    with connection.cursor() as cursor:
        cursor.execute(
            _personal_store_sql(),
            {
                "owner": dossier.applicant_id,
                "dossier": dossier.pk,
                "upload": Attachment.Source.UPLOAD.value,
                "now": created_at.get_db_prep_value(timezone.now(), connection),
            },
        )


@functools.cache
def _personal_store_sql() -> str:
    from procedures.models import DossierComponent

    quote = connection.ops.quote_name
    store = quote(PersonalDocument._meta.db_table)
    attachment = quote(Attachment._meta.db_table)
    component = quote(DossierComponent._meta.db_table)
    # The attachments' default order (component, upload time, id) picks the first of each checksum.
    return f"""
        INSERT INTO {store}
            (owner_id, file, name, size, content_type, sha256, source_dossier_id, is_result,
             created_at)
        SELECT %(owner)s, file, name, size, content_type, sha256, %(dossier)s, FALSE, %(now)s
        FROM (
            SELECT a.id, a.file, a.name, a.size, a.content_type, a.sha256, a.uploaded_at,
                   c."order" AS component_order,
                   ROW_NUMBER() OVER (
                       PARTITION BY a.sha256 ORDER BY c."order", a.uploaded_at, a.id
                   ) AS nth
            FROM {attachment} a LEFT OUTER JOIN {component} c ON c.id = a.component_id
            WHERE a.dossier_id = %(dossier)s AND a.source = %(upload)s
              AND NOT EXISTS (
                  SELECT 1 FROM {store} p WHERE p.owner_id = %(owner)s AND p.sha256 = a.sha256
              )
        ) uploads
        WHERE nth = 1
        ORDER BY component_order, uploaded_at, id
    """  # noqa: S608 - names from the models


def delete_draft(dossier, actor) -> None:
    """The applicant abandons a draft: the row, its attachments and their own files go."""
    with transaction.atomic():
        dossier = lock(dossier)
        _check_actor(dossier, actor)
        _require_draft(dossier)
        if dossier.payments.filter(status="paid").exists():
            raise WrongState(_("Bản nháp đã nộp phí, không xóa được; vui lòng nộp hồ sơ."))
        paths = list(
            dossier.attachments.filter(source=Attachment.Source.UPLOAD).values_list(
                "file", flat=True
            )
        )
        storage = Attachment._meta.get_field("file").storage
        dossier.payments.all().delete()
        dossier.delete()
        transaction.on_commit(lambda: [storage.delete(p) for p in paths])
