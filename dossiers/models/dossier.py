"""The dossier (hồ sơ): what the applicant asks, where it is, who holds it, when it is due.

Every change of state goes through one service function in ``dossiers/services/`` (see base.py there);
the transition methods below only move the FSM field and are never called from views directly. The
``status`` field is protected: assigning it raises, so nothing can skip the services.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, FSMModelMixin, transition

from dossiers.models.states import (
    CLOSED_STATES,
    EXTENDABLE_STATES,
    OPEN_STATES,
    PAUSED_STATES,
    STOPPABLE_STATES,
    WITHDRAWABLE_STATES,
    Channel,
    Delivery,
    State,
    national_code,
)
from dossiers.queries import DossierQuerySet

# What the deadline scan reads (portal/deadlines/scan.py): running, and the clock not paused. Spelled
# out (sorted, as the scan filters) so that the partial indexes below match the scan's query.
SCAN_STATES = [
    "approved",
    "at_partner_agency",
    "awaiting_approval",
    "processing",
    "received",
    "withdrawal_requested",
]


class DossierCodeCounter(models.Model):
    """The daily sequence of dossier codes per agency. The row is locked (SELECT … FOR UPDATE) while a
    code is taken, so two submissions at the same instant never get the same number."""

    agency = models.ForeignKey("procedures.Agency", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("bộ đếm mã hồ sơ")
        verbose_name_plural = _("bộ đếm mã hồ sơ")
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="dossier_code_counter_day")
        ]

    def __str__(self):
        return f"{self.agency_id} {self.day}: {self.last}"


class Dossier(FSMModelMixin, models.Model):
    code = models.CharField(
        _("mã hồ sơ"), max_length=60, unique=True, null=True, blank=True, editable=False
    )
    procedure_version = models.ForeignKey(
        "procedures.ProcedureVersion",
        verbose_name=_("thủ tục (phiên bản)"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    agency = models.ForeignKey(
        "procedures.Agency",
        verbose_name=_("cơ quan tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="dossiers",
        db_index=False,  # dossier_agency_received and dossier_agency_status_due lead with it
    )
    # Who holds it now: the unit (a department, the one-stop desk) and, once assigned, the officer.
    handling_unit = models.ForeignKey(
        "procedures.Agency",
        verbose_name=_("đơn vị đang xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_dossiers",
        db_index=False,  # dossier_unit_status_due leads with it
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ đang xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_dossiers",
        db_index=False,  # dossier_assignee_due leads with it
    )
    # The civil servant who settled the dossier (the "công chức giải quyết" the citizen rates): the
    # specialist it was assigned to when the result was issued, or the officer who issued it. Set once
    # by ``services.processing.issue_result`` and kept when ``assignee`` is cleared on return, so
    # satisfaction can be counted per officer.
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ giải quyết"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="settled_dossiers",
    )
    # Inter-agency processing (liên thông): the agency that holds its part now.
    partner_agency = models.ForeignKey(
        "procedures.Agency",
        verbose_name=_("cơ quan phối hợp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partner_dossiers",
    )

    # The applicant (may have no account when registered at the counter) and who acted for them.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
        db_index=False,  # dossier_applicant_created leads with it
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nộp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submitted_dossiers",
        db_index=False,  # dossier_submitter_created leads with it
        help_text=_("Người đại diện, thành viên tổ chức hoặc cán bộ nhập hồ sơ tại quầy."),
    )
    applicant_name = models.CharField(_("họ tên / tên tổ chức"), max_length=255, blank=True)
    applicant_is_organisation = models.BooleanField(_("là tổ chức"), default=False)
    applicant_id_number = models.CharField(
        _("số định danh / mã số thuế"), max_length=20, blank=True
    )
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    applicant_phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)

    form_data = models.JSONField(_("tờ khai điện tử"), default=dict, blank=True)
    channel = models.CharField(
        _("hình thức nộp"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    inbound_tracking_number = models.CharField(
        _("số vận đơn hồ sơ gửi đến"), max_length=60, blank=True
    )
    paper_sets = models.PositiveSmallIntegerField(_("số bộ hồ sơ"), default=1)
    delivery = models.CharField(
        _("hình thức nhận kết quả"),
        max_length=10,
        choices=Delivery.choices,
        default=Delivery.ONLINE,
    )
    delivery_address = models.CharField(_("địa chỉ nhận kết quả"), max_length=500, blank=True)
    delivery_tracking_number = models.CharField(
        _("số vận đơn trả kết quả"), max_length=60, blank=True
    )

    status = FSMField(
        _("trạng thái"), max_length=30, choices=State.choices, default=State.DRAFT, protected=True
    )
    status_code = models.PositiveSmallIntegerField(
        _("mã trạng thái quốc gia"), null=True, blank=True, editable=False
    )

    # Time.
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    intake_due_at = models.DateTimeField(
        _("hạn trả lời tiếp nhận"),
        null=True,
        blank=True,
        help_text=_("8 giờ làm việc kể từ khi nộp trực tuyến (Nghị định 45/2020)."),
    )
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    due_at = models.DateTimeField(_("hẹn trả kết quả"), null=True, blank=True)
    due_explanation = models.JSONField(_("cách tính hạn"), default=dict, blank=True)
    original_due_at = models.DateTimeField(_("hẹn trả ban đầu"), null=True, blank=True)
    clock_paused_at = models.DateTimeField(_("tạm dừng tính thời gian từ"), null=True, blank=True)
    clock_pauses = models.JSONField(
        _("các lần tạm dừng"),
        default=list,
        blank=True,
        help_text=_("[{start, end, reason}] — thời gian công dân bổ sung hồ sơ hoặc nộp phí."),
    )
    extensions = models.JSONField(
        _("các lần gia hạn"), default=list, blank=True, help_text=_("[{at, by, reason, from, to}]")
    )
    extension_count = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    transferred_at = models.DateTimeField(_("chuyển xử lý lúc"), null=True, blank=True)
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)
    result_at = models.DateTimeField(_("có kết quả lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    due_soon_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Set by withdrawal requests and pauses: the state to go back to.
    resume_state = models.CharField(max_length=30, choices=State.choices, blank=True)
    outcome_note = models.TextField(
        _("lý do / ghi chú kết quả"),
        blank=True,
        help_text=_("Lý do từ chối, dừng xử lý, rút hồ sơ; nội dung kết quả."),
    )
    book_number = models.PositiveIntegerField(
        _("số thứ tự trong sổ theo dõi"), null=True, blank=True
    )

    lookup_pin_hash = models.CharField(max_length=128, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-created_at"]
        indexes = [
            # Queues: an agency's / unit's open dossiers by status, soonest due first.
            models.Index(fields=["agency", "status", "due_at"], name="dossier_agency_status_due"),
            models.Index(
                fields=["handling_unit", "status", "due_at"], name="dossier_unit_status_due"
            ),
            models.Index(fields=["assignee", "status", "due_at"], name="dossier_assignee_due"),
            models.Index(fields=["applicant", "-created_at"], name="dossier_applicant_created"),
            models.Index(fields=["submitted_by", "-created_at"], name="dossier_submitter_created"),
            # The receiving desk: new online dossiers, oldest first.
            models.Index(
                fields=["agency", "submitted_at"],
                condition=Q(status="submitted"),
                name="dossier_intake_queue",
            ),
            # The deadline scanner and "overdue" tabs: open dossiers by due date only.
            models.Index(
                fields=["due_at"],
                condition=Q(
                    status__in=[
                        "received",
                        "processing",
                        "supplement_in_processing",
                        "payment_requested",
                        "at_partner_agency",
                        "awaiting_approval",
                        "approved",
                        "withdrawal_requested",
                        "result_ready",
                    ]
                ),
                name="dossier_open_due",
            ),
            # The deadline scan's two questions (docs/adr/0009): running, clock not paused, not yet
            # told. A mark takes the dossier out, so a scan that finds nothing reads nothing, however
            # many dossiers are long overdue or already warned (EXPLAIN: 65 ms → 0.1 ms with 50,000
            # marked overdue; 140 ms → 0.5 ms with 50,000 warned inside the due-soon window).
            models.Index(
                fields=["due_at"],
                condition=Q(overdue_notified_at__isnull=True, status__in=SCAN_STATES),
                name="dossier_overdue_scan",
            ),
            models.Index(
                fields=["due_at"],
                condition=Q(due_soon_notified_at__isnull=True, status__in=SCAN_STATES),
                name="dossier_due_soon_scan",
            ),
            models.Index(fields=["agency", "received_at"], name="dossier_agency_received"),
            # The "closed" tab: most recently closed first. The agency columns ride along so the
            # tab's filter (received by, held by or shared with the officer's agencies) is checked
            # in an index-only scan, without visiting the rows of other agencies' dossiers.
            models.Index(
                fields=["-closed_at", "-id"],
                include=["agency", "handling_unit", "partner_agency"],
                condition=Q(status__in=sorted(CLOSED_STATES)),
                name="dossier_closed_recent",
            ),
            # The open tabs (unit, waiting, overdue, due soon): soonest due first over the open
            # dossiers only, with what the tabs filter on carried along, so a page of 100 is the
            # first 100 index entries that pass, read without visiting the table. The condition
            # is the same list the queues filter on (DossierQuerySet.open), which the planner needs.
            models.Index(
                fields=["due_at", "id"],
                include=["agency", "handling_unit", "partner_agency", "status"],
                condition=Q(status__in=sorted(OPEN_STATES)),
                name="dossier_open_queue",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(version__gte=1), name="dossier_version_positive"),
        ]

    def __str__(self):
        return self.code or _("Hồ sơ nháp #%(pk)s") % {"pk": self.pk}

    def save(self, *args, **kwargs):
        self.status_code = national_code(self.status)
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"status_code", "search_text"}
        super().save(*args, **kwargs)

    # --- derived -------------------------------------------------------------------------------------
    @property
    def state(self) -> State:
        return State(self.status)

    @property
    def national_code(self) -> int | None:
        return national_code(self.status)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATES

    @property
    def is_paused(self) -> bool:
        return self.status in PAUSED_STATES

    @property
    def is_overdue(self) -> bool:
        if self.due_at is None or self.status not in OPEN_STATES or self.is_paused:
            return False
        return (self.result_at or timezone.now()) > self.due_at

    @property
    def can_be_extended(self) -> bool:
        """Apology and new appointment (no state change): only while the statutory clock runs."""
        return self.status in EXTENDABLE_STATES

    @property
    def procedure(self):
        return self.procedure_version.procedure

    def pin_digest(self, pin: str) -> str:
        """A keyed hash (HMAC with SECRET_KEY) of the PIN: a leaked table does not reveal PINs without
        the key, and checking costs microseconds (the lookup form is rate-limited instead)."""
        return salted_hmac(
            "dossiers.lookup-pin", f"{self.pk}:{pin}", algorithm="sha256"
        ).hexdigest()

    def check_pin(self, pin: str) -> bool:
        return bool(self.lookup_pin_hash) and constant_time_compare(
            self.pin_digest((pin or "").strip()), self.lookup_pin_hash
        )

    def refresh_search_text(self):
        from procedures.search import normalize

        self.search_text = normalize(
            " ".join(filter(None, [self.code, self.applicant_name, self.applicant_id_number]))
        )

    # --- transitions (state only; side effects live in dossiers/services) ----------------------------
    @transition(field=status, source=State.DRAFT, target=State.SUBMITTED)
    def submit(self):
        """Online or postal submission by the applicant (citizen side: services/submission.py)."""

    @transition(field=status, source=State.DRAFT, target=State.RECEIVED)
    def register_at_counter(self):
        """A walk-in or postal dossier checked and received by the officer at once."""

    @transition(field=status, source=State.SUBMITTED, target=State.RECEIVED)
    def receive(self):
        pass

    @transition(field=status, source=State.SUBMITTED, target=State.SUPPLEMENT_AT_INTAKE)
    def request_intake_supplement(self):
        pass

    @transition(field=status, source=State.SUPPLEMENT_AT_INTAKE, target=State.SUBMITTED)
    def answer_intake_supplement(self):
        """The applicant sent what was missing: back to the receiving desk."""

    @transition(
        field=status, source=[State.SUBMITTED, State.SUPPLEMENT_AT_INTAKE], target=State.REFUSED
    )
    def refuse(self):
        pass

    @transition(field=status, source=State.RECEIVED, target=State.PROCESSING)
    def transfer(self):
        """From the one-stop desk to the competent unit."""

    @transition(field=status, source=State.PROCESSING, target=State.PROCESSING)
    def assign(self):
        pass

    @transition(field=status, source=State.PROCESSING, target=State.SUPPLEMENT_IN_PROCESSING)
    def request_processing_supplement(self):
        pass

    @transition(field=status, source=State.SUPPLEMENT_IN_PROCESSING, target=State.PROCESSING)
    def answer_processing_supplement(self):
        pass

    @transition(field=status, source=State.PROCESSING, target=State.PAYMENT_REQUESTED)
    def request_payment(self):
        pass

    @transition(field=status, source=State.PAYMENT_REQUESTED, target=State.PROCESSING)
    def confirm_payment(self):
        """A verified payment callback (citizen side: services/payments.py) or a counter receipt."""

    @transition(field=status, source=State.PROCESSING, target=State.AT_PARTNER_AGENCY)
    def forward_to_partner(self):
        pass

    @transition(field=status, source=State.AT_PARTNER_AGENCY, target=State.PROCESSING)
    def return_from_partner(self):
        pass

    @transition(field=status, source=State.PROCESSING, target=State.AWAITING_APPROVAL)
    def submit_for_approval(self):
        pass

    @transition(field=status, source=State.AWAITING_APPROVAL, target=State.APPROVED)
    def approve(self):
        pass

    @transition(field=status, source=State.AWAITING_APPROVAL, target=State.PROCESSING)
    def reject(self):
        """The leader sends the draft back to the specialist with reasons."""

    @transition(field=status, source=State.APPROVED, target=State.RESULT_READY)
    def issue_result(self):
        pass

    @transition(field=status, source=State.RESULT_READY, target=State.RETURNED)
    def return_result(self):
        pass

    @transition(field=status, source=sorted(STOPPABLE_STATES), target=State.STOPPED)
    def stop(self):
        pass

    @transition(field=status, source=sorted(WITHDRAWABLE_STATES), target=State.WITHDRAWAL_REQUESTED)
    def request_withdrawal(self):
        """The applicant asks to withdraw (citizen side: services/citizen.py)."""

    @transition(field=status, source=State.WITHDRAWAL_REQUESTED, target=State.WITHDRAWN)
    def accept_withdrawal(self):
        pass

    @transition(
        field=status,
        source=State.WITHDRAWAL_REQUESTED,
        target=RETURN_VALUE(*sorted(WITHDRAWABLE_STATES)),
    )
    def decline_withdrawal(self):
        """The withdrawal cannot be accepted (e.g. the result is already signed): back where it was."""
        return self.resume_state or State.PROCESSING
