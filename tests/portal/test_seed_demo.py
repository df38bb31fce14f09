import pytest
from django.apps import apps
from django.core.management import call_command


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"accounts", "procedures", "dossiers", "satisfaction", "portal"}
    }


@pytest.mark.django_db
def test_seed_demo_loads_data_and_a_second_run_changes_nothing():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = row_counts()
    from accounts.models import User

    stamps = dict(User.objects.values_list("username", "password"))

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert row_counts() == first
    assert first["accounts.User"] >= 1
    assert dict(User.objects.values_list("username", "password")) == stamps


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_in_production(settings):
    from django.core.management.base import CommandError

    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")
