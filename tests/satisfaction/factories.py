"""Factories of the satisfaction app: returned dossiers ready to be rated, responses, complaints."""

import datetime as dt

import factory
from django.utils import timezone

from dossiers.models import State
from satisfaction.models import Complaint
from tests.accounts.factories import CitizenFactory
from tests.dossiers.factories import DossierFactory
from tests.procedures.factories import AgencyFactory


def returned_dossier(**kwargs):
    """A dossier whose result was returned yesterday (received a week ago, due in two days)."""
    now = timezone.now()
    defaults = {
        "status": State.RETURNED,
        "received_at": now - dt.timedelta(days=7),
        "due_at": now + dt.timedelta(days=2),
        "result_at": now - dt.timedelta(days=1, hours=2),
        "returned_at": now - dt.timedelta(days=1),
    }
    defaults.update(kwargs)
    return DossierFactory(**defaults)


ALL_FIVE = {"access": 5, "procedure": 5, "officer": 5, "result": 5, "feedback": 5}


class ComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complaint

    code = factory.Sequence(lambda n: f"PAKN-TEST-{n:05d}")
    kind = Complaint.Kind.COMPLAINT
    agency = factory.SubFactory(AgencyFactory)
    submitted_by = factory.SubFactory(CitizenFactory)
    subject = "Cán bộ hẹn nhiều lần"
    body = "Tôi phải đi lại ba lần mới nộp được hồ sơ."
    submitted_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
