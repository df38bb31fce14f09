import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from procedures.models import CatalogueChange, VersionStatus
from tests.procedures.conftest import ready_draft

pytestmark = pytest.mark.django_db


def test_admin_pages_render_for_a_system_admin(client, admin_user):
    version = ready_draft()
    client.force_login(admin_user)
    for url in [
        reverse("admin:procedures_procedureversion_changelist"),
        reverse("admin:procedures_procedureversion_change", args=[version.pk]),
        reverse("admin:procedures_procedureversion_add"),
        reverse("admin:procedures_agency_changelist"),
        reverse("admin:procedures_import"),
        reverse("procedures:preview", args=[version.pk]),
    ]:
        assert client.get(url).status_code == 200, url
    export = client.get(reverse("admin:procedures_export") + "?format=csv")
    assert export["Content-Type"].startswith("text/csv")


def test_publish_action_asks_for_confirmation_first(client, admin_user):
    version = ready_draft()
    client.force_login(admin_user)
    url = reverse("admin:procedures_procedureversion_changelist")
    data = {"action": "publish_action", ACTION_CHECKBOX_NAME: [version.pk]}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Xác nhận" in response.content.decode()
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT

    client.post(url, {**data, "confirmed": "yes", "effective_date": "2026-01-01"})
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED
    assert str(version.effective_date) == "2026-01-01"


def test_published_versions_are_read_only_in_admin_and_edits_of_drafts_are_logged(
    client, admin_user
):
    version = ready_draft()
    client.force_login(admin_user)
    url = reverse("admin:procedures_procedureversion_change", args=[version.pk])
    page = client.get(url).content.decode()
    assert 'name="name"' in page
    version.status = VersionStatus.PUBLISHED
    version.save()
    page = client.get(url).content.decode()
    assert 'name="name"' not in page
    assert not CatalogueChange.objects.filter(action="edit").exists()
