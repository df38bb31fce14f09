import pytest

from procedures import demo
from procedures.models import Agency, ProcedureVersion, Sector
from procedures.services import publishing_problems

pytestmark = pytest.mark.django_db


def test_demo_catalogue_is_real_sized_and_every_version_would_pass_publishing():
    demo.seed(lambda *_: None)
    versions = list(ProcedureVersion.objects.published().prefetch_related("steps", "agencies"))
    assert len(versions) >= 60
    assert Sector.objects.count() >= 8
    assert {"province", "district", "commune"} <= {
        str(level) for v in versions for level in v.government_levels
    }
    assert Agency.objects.filter(level=Agency.Level.COMMUNE).count() == 40  # Huế after 2025
    for version in versions:
        assert publishing_problems(version) == [], version
    assert any(v.components.exclude(template="").exists() for v in versions[:5])
