import datetime as dt
from decimal import Decimal

import factory

from procedures.models import (
    Agency,
    DossierComponent,
    Fee,
    OnlineLevel,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    Sector,
    VersionStatus,
)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"000.{n:02d}.00.H{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Sở Thử nghiệm số {n}")
    level = Agency.Level.DEPARTMENT


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"LV{n:03d}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"1.{n + 100000:06d}")
    name = factory.Sequence(lambda n: f"Thủ tục thử nghiệm {n}")


class ProcedureVersionFactory(factory.django.DjangoModelFactory):
    """A draft by default; ``published=True`` gives a live version."""

    class Meta:
        model = ProcedureVersion
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(
            status=VersionStatus.PUBLISHED, effective_date=dt.date(2025, 7, 1)
        )

    procedure = factory.SubFactory(ProcedureFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda v: v.procedure.name)
    sector = factory.SubFactory(SectorFactory)
    owner_agency = factory.SubFactory(AgencyFactory)
    at_province_level = True
    processing_time = 5
    online_level = OnlineLevel.PARTIAL
    channel_online = True

    @factory.post_generation
    def agencies(self, create, extracted, **kwargs):
        if create:
            self.agencies.set(extracted if extracted is not None else [self.owner_agency])


class DossierComponentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DossierComponent

    version = factory.SubFactory(ProcedureVersionFactory)
    order = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"Giấy tờ số {n}")


class FeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fee

    version = factory.SubFactory(ProcedureVersionFactory)
    description = "Lệ phí cấp giấy chứng nhận"
    amount = 50000


class ProcessStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessStep

    version = factory.SubFactory(ProcedureVersionFactory)
    order = factory.Sequence(lambda n: n)
    name = "Tiếp nhận hồ sơ"
    unit_name = "Bộ phận Một cửa"
    role = ProcessStep.Role.RECEIVING_OFFICER
    budget_hours = Decimal("4")
