"""Reads of dossiers that carry their own permission filter (STYLE.md: Open Zaak's query.py).

``Dossier.objects.visible_to(user)`` is the only way a list of dossiers is built for a person; the
queues below narrow it. Everything is filtered in SQL (memberships and acting-for ids become
subqueries / IN lists), never by loading rows and checking them one by one.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class QueueTab:
    INTAKE = "tiep-nhan"  # the receiving desk: new online dossiers
    MINE = "cua-toi"  # việc của tôi: assigned to me
    UNIT = "don-vi"  # my units' open dossiers
    APPROVAL = "cho-duyet"  # waiting for a leader
    RETURN = "tra-ket-qua"  # results ready to hand back
    WAITING = "cho-cong-dan"  # waiting for the applicant (supplement, payment, withdrawal)
    OVERDUE = "qua-han"
    DUE_SOON = "sap-den-han"
    CLOSED = "da-xong"

    ALL = (INTAKE, MINE, UNIT, APPROVAL, RETURN, WAITING, DUE_SOON, OVERDUE, CLOSED)


class DossierQuerySet(models.QuerySet):
    def submitted(self):
        return self.exclude(status="draft")

    def open(self):
        from dossiers.models.states import OPEN_STATES

        return self.filter(status__in=sorted(OPEN_STATES))

    def closed(self):
        from dossiers.models.states import CLOSED_STATES

        return self.filter(status__in=sorted(CLOSED_STATES))

    def overdue(self, now=None):
        from dossiers.models.states import PAUSED_STATES, RUNNING_STATES

        now = now or timezone.now()
        return self.filter(status__in=sorted(RUNNING_STATES - PAUSED_STATES), due_at__lt=now)

    def due_soon(self, hours=16, now=None):
        from dossiers.models.states import PAUSED_STATES, RUNNING_STATES

        now = now or timezone.now()
        return self.filter(
            status__in=sorted(RUNNING_STATES - PAUSED_STATES),
            due_at__gte=now,
            due_at__lt=now + timezone.timedelta(hours=hours * 3),
        )

    def of_applicant(self, user):
        """Dossiers the user may follow as an applicant: their own, those of the organisations and
        people they act for, and those they submitted for someone (drafts included)."""
        from accounts.permissions import acting_for_ids

        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(Q(applicant__in=acting_for_ids(user)) | Q(submitted_by=user))

    def for_staff(self, user, *roles):
        """Dossiers (never drafts) received by, held by, or shared with an agency where the user works."""
        from dossiers.access import staff_q

        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        return self.submitted().filter(staff_q(user, *roles))

    def visible_to(self, user):
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.is_superuser:
            return self.all()
        from accounts.permissions import acting_for_ids
        from dossiers.access import staff_q

        applicant = Q(applicant__in=acting_for_ids(user)) | Q(submitted_by=user)
        staff = ~Q(status="draft") & staff_q(user)
        return self.filter(applicant | staff)

    def queue_for(self, user, tab=QueueTab.UNIT, now=None):
        """One tab of the staff queues. Ordering: the receiving desk oldest first (the 8-working-hour
        answer), everything else soonest due first."""
        from dossiers.access import Role, agency_ids, in_agencies
        from dossiers.models.states import State

        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        base = self.for_staff(user)
        receiving = agency_ids(user, Role.RECEIVING_OFFICER, Role.LEADER)
        leading = agency_ids(user, Role.LEADER)
        if tab == QueueTab.INTAKE:
            return self.filter(in_agencies("agency", receiving), status=State.SUBMITTED).order_by(
                "submitted_at", "pk"
            )
        if tab == QueueTab.MINE:
            qs = self.open().filter(assignee=user)
        elif tab == QueueTab.APPROVAL:
            qs = self.filter(
                in_agencies("agency", leading) | in_agencies("handling_unit", leading),
                status=State.AWAITING_APPROVAL,
            )
        elif tab == QueueTab.RETURN:
            qs = self.filter(
                in_agencies("agency", receiving),
                status__in=[State.RESULT_READY, State.WITHDRAWAL_REQUESTED],
            )
        elif tab == QueueTab.WAITING:
            qs = base.filter(
                status__in=[
                    State.SUPPLEMENT_AT_INTAKE,
                    State.SUPPLEMENT_IN_PROCESSING,
                    State.PAYMENT_REQUESTED,
                ]
            )
        elif tab == QueueTab.OVERDUE:
            qs = base.overdue(now)
        elif tab == QueueTab.DUE_SOON:
            qs = base.due_soon(now=now)
        elif tab == QueueTab.CLOSED:
            # Closed states hold no drafts: the filter is the closed states and the agencies only,
            # which the dossier_closed_recent index answers by itself, most recent first.
            from dossiers.access import staff_q

            return self.closed().filter(staff_q(user)).order_by("-closed_at", "-pk")
        else:
            qs = base.open().exclude(status=State.SUBMITTED)
        return qs.order_by(models.F("due_at").asc(nulls_last=True), "pk")
