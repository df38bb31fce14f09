import pytest
from django.urls import reverse

from portal import health


@pytest.mark.django_db
def test_healthz_is_ok_when_database_broker_and_migrations_are_fine(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "broker", "migrations"}
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["migrations"]["pending"] == []
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_healthz_checks_the_real_broker_when_not_eager(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False

    body = client.get(reverse("healthz")).json()

    assert body["checks"]["broker"] == {**body["checks"]["broker"], "ok": True, "mode": "broker"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_broker_is_unreachable(client, settings, monkeypatch):
    from portal.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False
    assert response.json()["status"] == "error"


@pytest.mark.django_db
def test_healthz_answers_503_when_migrations_are_pending(client, monkeypatch):
    monkeypatch.setattr(
        health.MigrationExecutor,
        "migration_plan",
        lambda self, targets: [(type("M", (), {"app_label": "dossiers", "name": "0099_x"}), False)],
    )

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["checks"]["migrations"]["pending"] == ["dossiers.0099_x"]


def test_livez_answers_without_touching_the_database(client):
    # No django_db mark: any query here would fail the test.
    response = client.get(reverse("livez"))
    assert response.status_code == 200
    assert response.content == b"ok"
