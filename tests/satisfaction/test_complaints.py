"""Complaints and suggestions: own dossiers only, a working-day deadline, answers published with consent."""

from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from portal.notifications.models import Notification
from satisfaction.models import Complaint
from satisfaction.services import complaints
from satisfaction.services.complaints import ComplaintError
from tests.accounts.factories import CitizenFactory, MembershipFactory
from tests.procedures.factories import AgencyFactory
from tests.satisfaction.factories import returned_dossier
from tests.satisfaction.helpers import sign_in_staff

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_a_complaint_about_ones_dossier_goes_to_its_agency_due_in_ten_working_days(travel):
    travel.to("2026-11-20 10:00")  # a Friday
    dossier = returned_dossier()
    MembershipFactory(agency=dossier.agency, role="leader")
    complaint = complaints.submit(
        dossier.applicant, kind="complaint", subject="Trả kết quả chậm", body="Hẹn ba lần vẫn chưa có.",
        dossier=dossier,
    )  # fmt: skip
    assert complaint.agency == dossier.agency
    assert complaint.procedure_id == dossier.procedure_version.procedure_id
    # 10 working days after Friday 20/11, on the working-day engine: Mon 23/11 is the 1st, Tue 24/11
    # is a day off (Ngày Văn hóa Việt Nam), weekends skipped: the 10th is Mon 07/12.
    assert complaint.due_at.astimezone(VN).date().isoformat() == "2026-12-07"
    assert Notification.objects.filter(event="complaint_received").exists()


def test_a_complaint_about_someone_elses_dossier_is_refused_and_nothing_saved(client):
    dossier = returned_dossier()
    stranger = CitizenFactory()
    with pytest.raises(ComplaintError) as error:
        complaints.submit(
            stranger, kind="complaint", subject="x", body="Nội dung đủ dài", dossier=dossier
        )
    assert error.value.status == 403
    client.force_login(stranger)
    response = client.post(
        reverse("satisfaction:complaint-new"),
        {"kind": "complaint", "dossier": dossier.pk, "subject": "Chậm", "body": "Nội dung đủ dài"},
    )
    assert response.status_code == 403 and "hồ sơ của mình" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_suggestion_about_a_service_of_an_agency(client):
    agency = AgencyFactory()
    client.force_login(CitizenFactory())
    response = client.post(
        reverse("satisfaction:complaint-new"),
        {
            "kind": "suggestion",
            "agency": agency.pk,
            "subject": "Thêm quầy",
            "body": "Nên mở thêm quầy buổi sáng thứ Bảy.",
        },
    )
    assert response.status_code == 302
    assert Complaint.objects.get().agency == agency


def test_the_answer_is_published_only_when_the_citizen_agrees(client):
    dossier = returned_dossier()
    complaint = complaints.submit(
        dossier.applicant, kind="complaint", subject="Chậm", body="Nội dung đủ dài", dossier=dossier
    )
    sign_in_staff(client, agency=dossier.agency, role="receiving_officer")
    answer = client.post(
        reverse("satisfaction:staff-complaint", args=[complaint.pk]),
        {"answer": "Cơ quan xin lỗi, đã chấn chỉnh bộ phận một cửa."},
    )
    assert answer.status_code == 302
    complaint.refresh_from_db()
    assert complaint.answered_on_time and complaint.published_at is None
    client.logout()
    detail = reverse("satisfaction:complaint-detail", args=[complaint.code])
    assert client.get(detail).status_code == 404
    client.force_login(dossier.applicant)
    client.post(reverse("satisfaction:complaint-consent", args=[complaint.code]), {"consent": "1"})
    client.logout()
    public = client.get(detail)
    assert public.status_code == 200 and "đã chấn chỉnh" in public.content.decode()
    assert dossier.code not in public.content.decode()
    assert complaint.subject in client.get(reverse("satisfaction:complaints")).content.decode()


def test_staff_of_another_agency_cannot_answer():
    dossier = returned_dossier()
    complaint = complaints.submit(
        dossier.applicant, kind="complaint", subject="Chậm", body="Nội dung đủ dài", dossier=dossier
    )
    complaints.answer(complaint, None, "Đã trả lời đầy đủ nội dung.")
    with pytest.raises(ComplaintError) as error:
        complaints.answer(complaint, None, "Lần thứ hai trả lời.")
    assert error.value.status == 409
