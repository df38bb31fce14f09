"""Publishing lifecycle of procedure versions: draft → published → superseded / withdrawn.

A new draft can be prepared while the current version stays live; publishing it supersedes the live
one in the same transaction. Dossiers point at the version they were submitted under, so nothing here
touches them. Every change is written to ``CatalogueChange`` (who, when, what).
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procedures.eform import validate_form_schema
from procedures.models import (
    CatalogueChange,
    OnlineLevel,
    Procedure,
    ProcedureVersion,
    VersionStatus,
)
from procedures.models.catalogue import ProcessingTimeUnit
from procedures.permissions import can_publish


class CatalogueError(ValidationError):
    """A catalogue rule was broken; ``messages`` are in Vietnamese (English through gettext)."""


def record_change(actor, action, summary, *, procedure=None, version=None, details=None):
    if version is not None and procedure is None:
        procedure = version.procedure
    return CatalogueChange.objects.create(
        actor=actor if actor and actor.is_authenticated else None,
        action=action,
        summary=summary[:500],
        procedure=procedure,
        version=version,
        details=details or {},
    )


def _require_permission(user, version):
    if not can_publish(user, version.owner_agency):
        raise PermissionDenied(
            _("Chỉ quản trị của cơ quan quản lý thủ tục hoặc quản trị hệ thống được thực hiện.")
        )


def steps_problem(version, steps=None) -> str | None:
    """Why the internal process does not fit the legal processing time, or None when it fits."""
    steps = list(version.steps.all()) if steps is None else steps
    if not steps:
        return _("Chưa có quy trình nội bộ: cần ít nhất một bước xử lý.")
    total = sum((Decimal(step.budget_hours) for step in steps), Decimal(0))
    legal = version.processing_hours
    if version.processing_time_unit == ProcessingTimeUnit.SAME_DAY:
        if total > legal:
            return _(
                "Tổng thời gian các bước (%(total)s giờ) vượt quá thời hạn trong ngày (%(legal)s giờ làm việc)."
            ) % {"total": _hours(total), "legal": _hours(legal)}
        return None
    if total != legal:
        return _(
            "Tổng thời gian các bước quy trình nội bộ (%(total)s giờ làm việc) không bằng thời hạn giải quyết (%(legal)s giờ làm việc)."
        ) % {"total": _hours(total), "legal": _hours(legal)}
    return None


def _hours(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def publishing_problems(version) -> list[str]:
    """Everything that keeps ``version`` from being published, in Vietnamese."""
    problems = []
    if not version.name.strip():
        problems.append(_("Thiếu tên thủ tục."))
    if not version.government_levels:
        problems.append(_("Chưa chọn cấp thực hiện."))
    if not version.agencies.exists():
        problems.append(_("Chưa chọn cơ quan thực hiện."))
    if version.processing_time_unit != ProcessingTimeUnit.SAME_DAY and version.processing_time <= 0:
        problems.append(_("Thời hạn giải quyết phải lớn hơn 0."))
    if version.online_level != OnlineLevel.NOT_ONLINE and not version.channel_online:
        problems.append(_("Thủ tục trực tuyến phải có cách thức nộp trực tuyến."))
    problem = steps_problem(version)
    if problem:
        problems.append(problem)
    problems.extend(validate_form_schema(version.form_schema))
    return problems


@transaction.atomic
def publish(version, user, effective_date: dt.date | None = None):
    """Publish a draft: it becomes the live version; the previous live version is superseded."""
    version = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
    _require_permission(user, version)
    if version.status != VersionStatus.DRAFT:
        raise CatalogueError(_("Chỉ công bố được phiên bản đang ở trạng thái dự thảo."))
    problems = publishing_problems(version)
    if problems:
        raise CatalogueError(problems)
    previous = list(
        ProcedureVersion.objects.select_for_update()
        .filter(procedure=version.procedure_id, status=VersionStatus.PUBLISHED)
        .exclude(pk=version.pk)
    )
    for old in previous:
        old.status = VersionStatus.SUPERSEDED
        old.save(update_fields=["status", "updated_at"])
        record_change(
            user,
            "supersede",
            _("Phiên bản %(n)s được thay thế bởi phiên bản %(m)s.")
            % {"n": old.number, "m": version.number},
            version=old,
        )
    version.status = VersionStatus.PUBLISHED
    version.effective_date = effective_date or version.effective_date or timezone.localdate()
    version.published_at = timezone.now()
    version.published_by = user
    version.save()
    Procedure.objects.filter(pk=version.procedure_id).update(name=version.name)
    record_change(
        user,
        "publish",
        _("Công bố phiên bản %(n)s, hiệu lực từ %(date)s.")
        % {"n": version.number, "date": version.effective_date.strftime("%d/%m/%Y")},
        version=version,
    )
    return version


@transaction.atomic
def withdraw(version, user, reason: str):
    """Withdraw (bãi bỏ) the live version: no new submissions; running dossiers go on."""
    version = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
    _require_permission(user, version)
    if version.status != VersionStatus.PUBLISHED:
        raise CatalogueError(_("Chỉ bãi bỏ được phiên bản đang công bố."))
    reason = (reason or "").strip()
    if not reason:
        raise CatalogueError(_("Cần nêu lý do bãi bỏ."))
    version.status = VersionStatus.WITHDRAWN
    version.withdrawn_at = timezone.now()
    version.withdrawal_reason = reason
    version.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
    record_change(
        user,
        "withdraw",
        _("Bãi bỏ phiên bản %(n)s: %(reason)s") % {"n": version.number, "reason": reason},
        version=version,
    )
    return version


@transaction.atomic
def new_version(procedure, user):
    """Prepare a new draft copied from the latest version (components, fees, steps, agencies)."""
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    versions = list(procedure.versions.order_by("-number"))
    if not versions:
        raise CatalogueError(_("Thủ tục chưa có phiên bản nào để sao chép."))
    source = versions[0]
    _require_permission(user, source)
    if any(v.status == VersionStatus.DRAFT for v in versions):
        raise CatalogueError(_("Thủ tục đã có một phiên bản dự thảo; hãy sửa phiên bản đó."))
    components = list(source.components.all())
    fees = list(source.fees.all())
    steps = list(source.steps.all())
    agencies = list(source.agencies.all())

    draft = source
    draft.pk = None
    draft.id = None
    draft._state.adding = True
    draft.number = source.number + 1
    draft.status = VersionStatus.DRAFT
    draft.effective_date = None
    draft.published_at = None
    draft.published_by = None
    draft.withdrawn_at = None
    draft.withdrawal_reason = ""
    draft.save()
    draft.agencies.set(agencies)
    for rows in (components, fees, steps):
        for row in rows:
            row.pk = None
            row.id = None
            row._state.adding = True
            row.version = draft
            row.save()
    record_change(
        user,
        "new_version",
        _("Tạo phiên bản dự thảo %(n)s.") % {"n": draft.number},
        version=draft,
    )
    return draft
