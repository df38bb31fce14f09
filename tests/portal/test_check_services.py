import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone


@pytest.mark.django_db
def test_check_services_passes_when_postgresql_and_redis_answer(capsys):
    call_command("check_services")
    assert "sẵn sàng" in capsys.readouterr().out


@pytest.mark.django_db
def test_check_services_stops_with_the_command_to_start_redis(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"

    with pytest.raises(CommandError) as error:
        call_command("check_services")

    assert "Không kết nối được Redis" in str(error.value)
    assert "redis-server --daemonize yes" in str(error.value)


def test_travel_fixture_moves_the_clock_in_ha_noi_time(travel):
    travel.to("2026-02-16 15:01")

    now = timezone.localtime()
    assert (now.date(), now.hour, now.minute) == (dt.date(2026, 2, 16), 15, 1)
