import io

import pytest
from django.core.management import call_command

from procedures.models import Procedure, ProcedureVersion
from procedures.services import publishing_problems

pytestmark = pytest.mark.django_db


def test_bench_generator_publishes_valid_searchable_procedures_and_is_idempotent():
    call_command("generate_bench_catalogue", "--procedures", "30", stdout=io.StringIO())
    call_command("generate_bench_catalogue", "--procedures", "30", stdout=io.StringIO())
    assert Procedure.objects.filter(code__startswith="9.").count() == 30
    version = ProcedureVersion.objects.published().first()
    assert version.search_text.startswith("9.0")
    assert publishing_problems(version) == []
