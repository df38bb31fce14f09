"""A citizen's app files a dossier through the API exactly as the pages do: the same services, the same
checks on files and answers, the same refusals, in the API's error shape and the caller's language."""

import pytest
from django.test import override_settings
from django.utils import timezone

from dossiers.models import Attachment, Dossier, Payment, State
from dossiers.services import payments as payment_services
from dossiers.services import processing as p
from dossiers.services import submission
from procedures.models import OnlineLevel
from tests.accounts.factories import CitizenFactory
from tests.api.factories import CitizenAppFactory, bearer, issue_token
from tests.citizen.conftest import ANSWERS, EXE, PDF, paid, pdf, stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def app_of(api):
    def sign_in(user):
        token = issue_token(CitizenAppFactory(), ["dossiers:own", "catalogue:read"], user=user)
        api.credentials(**bearer(token))
        return api

    return sign_in


def pay_through_sandbox(payment):
    """What the provider does after the payer paid: its signed server-to-server callback."""
    from dossiers.payments import registry

    payment.refresh_from_db()
    params = registry.get("sandbox").sign(
        {
            "sb_reference": payment.provider_reference,
            "sb_amount": str(payment.amount),
            "sb_status": "success",
            "sb_transaction": "SB-API-1",
        }
    )
    payment_services.handle_callback("sandbox", params)


def test_an_app_files_a_dossier_from_draft_to_submission(app_of, version, citizen, private_media):
    client = app_of(citizen)
    created = client.post("/api/v1/my/drafts/", {"procedure_code": version.procedure.code})
    assert created.status_code == 201, created.content
    draft = created.json()
    url = f"/api/v1/my/drafts/{draft['id']}/"
    assert draft["state"] == "draft" and draft["applicant_name"] == citizen.full_name
    assert draft["delivery_choices"][0]["value"] == "online"
    first, second, _optional = (c["id"] for c in draft["components"])

    saved = client.patch(
        url,
        {"form_data": ANSWERS, "delivery": "online", "expected_version": draft["version"]},
        format="json",
    )
    assert saved.status_code == 200, saved.content
    for component in (first, second):
        uploaded = client.post(
            url + "attachments/", {"component": component, "files": [pdf()]}, format="multipart"
        )
        assert uploaded.status_code == 201, uploaded.content
    unpaid = client.post(url + "submit/", {}, format="json")
    assert unpaid.status_code == 400
    assert unpaid.json()["code"] == "incomplete"
    assert unpaid.json()["problems"] == ["Chưa nộp phí, lệ phí trực tuyến."]

    started = client.post(url + "fee-payment/", {}, format="json")
    assert started.status_code == 200, started.content
    assert "/thanh-toan/sandbox/" in started.json()["redirect_url"]
    assert started.json()["payment"]["status"] == "pending"
    pay_through_sandbox(Payment.objects.get(pk=started.json()["payment"]["id"]))
    submitted = client.post(url + "submit/", {}, format="json")
    again = client.post(url + "submit/", {}, format="json")

    assert submitted.status_code == 201, submitted.content
    body = submitted.json()
    assert body["state"] == "submitted" and body["status_code"] == 1
    assert body["code"] and len(body["lookup_pin"]) == 6
    assert again.status_code == 200 and again.json()["code"] == body["code"]
    assert again.json()["lookup_pin"] is None
    assert Dossier.objects.filter(applicant=citizen).count() == 1
    dossier = Dossier.objects.get(code=body["code"])
    assert dossier.form_data["ho_ten_cha"] == ANSWERS["ho_ten_cha"]
    attachments = [f for f in stored_files(private_media) if "dossiers" in f.parts]
    assert len(attachments) == 2  # the two uploads (the payment receipt is an issued document)
    assert client.get(url).status_code == 404  # no longer a draft
    assert client.get(f"/api/v1/my/dossiers/{body['code']}/").json()["state"] == "submitted"


def test_a_draft_answer_of_the_wrong_type_or_an_unknown_field_is_refused(app_of, version, citizen):
    dossier = submission.start_draft(version, citizen)
    client = app_of(citizen)

    response = client.patch(
        f"/api/v1/my/drafts/{dossier.pk}/",
        {"form_data": {"ngay_sinh": "hôm qua", "khong_co": "x"}, "delivery": "bay"},
        format="json",
    )

    assert response.status_code == 400
    fields = response.json()["fields"]
    assert set(fields) == {"form_data.ngay_sinh", "form_data.khong_co", "delivery"}
    dossier.refresh_from_db()
    assert dossier.form_data == {} and dossier.version == 1


def test_a_patch_keeps_the_answers_it_does_not_name(app_of, version, citizen):
    dossier = submission.start_draft(version, citizen)
    submission.save_draft(dossier, citizen, answers=ANSWERS)
    client = app_of(citizen)

    client.patch(
        f"/api/v1/my/drafts/{dossier.pk}/", {"form_data": {"ghi_chu": "Sinh đôi"}}, format="json"
    )

    dossier.refresh_from_db()
    assert dossier.form_data["ho_ten_cha"] == ANSWERS["ho_ten_cha"]
    assert dossier.form_data["ghi_chu"] == "Sinh đôi"


def test_an_executable_renamed_pdf_is_refused_and_nothing_is_kept(
    app_of, version, citizen, private_media
):
    dossier = submission.start_draft(version, citizen)
    component = version.components.first()
    client = app_of(citizen)

    response = client.post(
        f"/api/v1/my/drafts/{dossier.pk}/attachments/?lang=en",
        {"component": component.pk, "files": [pdf(), pdf("gian-lan.pdf", EXE)]},
        format="multipart",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "file_rejected" and body["fields"]["files"]
    assert response["Content-Language"] == "en"
    assert not Attachment.objects.filter(dossier=dossier).exists()
    assert stored_files(private_media) == []


def test_too_many_files_for_a_component_are_refused(app_of, version, citizen, settings):
    settings.DOSSIER_MAX_FILES_PER_COMPONENT = 1
    dossier = submission.start_draft(version, citizen)
    component = version.components.first()
    client = app_of(citizen)

    response = client.post(
        f"/api/v1/my/drafts/{dossier.pk}/attachments/",
        {"component": component.pk, "files": [pdf(), pdf()]},
        format="multipart",
    )

    assert response.status_code == 400 and response.json()["code"] == "file_rejected"


def test_files_are_stored_privately_under_a_clean_name_and_can_be_removed(
    app_of, version, citizen, private_media, django_capture_on_commit_callbacks
):
    dossier = submission.start_draft(version, citizen)
    component = version.components.first()
    client = app_of(citizen)
    url = f"/api/v1/my/drafts/{dossier.pk}/attachments/"

    created = client.post(
        url, {"component": component.pk, "files": [pdf("../../tờ khai.pdf")]}, format="multipart"
    )
    attachment = Attachment.objects.get(dossier=dossier)
    download = client.get(f"{url}{attachment.pk}/")
    with django_capture_on_commit_callbacks(execute=True):
        removed = client.delete(f"{url}{attachment.pk}/")

    assert created.status_code == 201
    assert "/" not in attachment.name and attachment.name.endswith(".pdf")
    assert str(private_media) in attachment.file.path
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert removed.status_code == 204
    assert not Attachment.objects.filter(dossier=dossier).exists()
    assert stored_files(private_media) == []


def test_another_citizen_gets_404_on_every_draft_endpoint(app_of, ready_draft, citizen):
    client = app_of(CitizenFactory())
    url = f"/api/v1/my/drafts/{ready_draft.pk}/"
    attachment = ready_draft.attachments.first()

    answers = [
        client.get(url),
        client.patch(url, {"form_data": {}}, format="json"),
        client.delete(url),
        client.post(url + "attachments/", {"component": 1, "files": [pdf()]}),
        client.get(f"{url}attachments/{attachment.pk}/"),
        client.delete(f"{url}attachments/{attachment.pk}/"),
        client.post(url + "submit/", {}, format="json"),
        client.post(url + "fee-payment/", {}, format="json"),
    ]

    assert [a.status_code for a in answers] == [404] * len(answers)
    assert {a.json()["code"] for a in answers} == {"not_found"}
    assert Dossier.objects.filter(pk=ready_draft.pk, status=State.DRAFT).exists()


def test_a_stale_version_is_refused_with_409(app_of, ready_draft, citizen):
    client = app_of(citizen)

    response = client.patch(
        f"/api/v1/my/drafts/{ready_draft.pk}/",
        {"delivery": "counter", "expected_version": ready_draft.version - 1},
        format="json",
    )

    assert response.status_code == 409 and response.json()["code"] == "dossier_changed"


def test_a_procedure_needing_a_higher_assurance_level_is_refused_with_the_reason(
    app_of, version, citizen
):
    version.required_assurance = "level2"
    version.save()
    client = app_of(citizen)

    response = client.post(
        "/api/v1/my/drafts/?lang=en", {"procedure_code": version.procedure.code}, format="json"
    )

    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "assurance_level_required"
    assert "identity" in body["message"].lower()
    assert not Dossier.objects.exists()


def test_a_draft_whose_procedure_needs_a_higher_level_is_not_submitted(
    app_of, ready_draft, version, citizen
):
    version.required_assurance = "level2"
    version.save()

    response = app_of(citizen).post(f"/api/v1/my/drafts/{ready_draft.pk}/submit/", {})

    assert response.status_code == 403
    assert response.json()["code"] == "assurance_level_required"
    ready_draft.refresh_from_db()
    assert ready_draft.status == State.DRAFT


def test_a_procedure_not_offered_online_is_refused_with_the_reason(app_of, version, citizen):
    version.online_level = OnlineLevel.NOT_ONLINE
    version.save()

    response = app_of(citizen).post(
        "/api/v1/my/drafts/", {"procedure_code": version.procedure.code}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "not_accepting_online"
    assert "trực tuyến" in response.json()["message"]


def test_an_unknown_procedure_is_a_field_error(app_of, citizen):
    response = app_of(citizen).post("/api/v1/my/drafts/", {"procedure_code": "KHONG-CO"})

    assert response.status_code == 400
    assert "procedure_code" in response.json()["fields"]


def test_a_draft_can_be_abandoned(
    app_of, ready_draft, citizen, private_media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = app_of(citizen).delete(f"/api/v1/my/drafts/{ready_draft.pk}/")

    assert response.status_code == 204
    assert not Dossier.objects.filter(pk=ready_draft.pk).exists()
    assert stored_files(private_media) == []


def _submitted(partial_version, citizen):
    dossier = submission.start_draft(partial_version, citizen)
    component = partial_version.components.get()
    submission.add_files(dossier, citizen, {component.pk: [pdf()]})
    dossier, _pin = submission.submit(dossier, citizen)
    return dossier, component


def test_answering_a_supplement_request_sends_the_dossier_back_to_the_desk(
    app_of, partial_version, citizen, desk, fast_pdf
):
    dossier, component = _submitted(partial_version, citizen)
    p.request_intake_supplement(
        dossier,
        desk,
        [{"content": "Đơn có chữ ký", "reason": "Thiếu chữ ký", "component_id": component.pk}],
    )
    client = app_of(citizen)
    detail = client.get(f"/api/v1/my/dossiers/{dossier.code}/").json()
    assert detail["state"] == "supplement_at_intake"
    assert detail["open_supplement"]["items"][0]["component_id"] == component.pk
    url = f"/api/v1/my/dossiers/{dossier.code}/supplement/"

    missing = client.post(url, {"note": "Đã ký"}, format="multipart")
    answered = client.post(
        url,
        {"components": [component.pk], "files": [pdf("don-da-ky.pdf")], "note": "Đã ký"},
        format="multipart",
    )
    twice = client.post(url, {"components": [component.pk], "files": [pdf()]}, format="multipart")

    assert missing.status_code == 400 and missing.json()["code"] == "invalid"
    assert answered.status_code == 200, answered.content
    assert answered.json()["state"] == "submitted" and answered.json()["open_supplement"] is None
    current = [a for a in answered.json()["attachments"] if not a["replaced"]]
    assert [a["name"] for a in current] == ["don-da-ky.pdf"]
    assert twice.status_code == 409 and twice.json()["code"] == "wrong_state"


def test_a_withdrawal_request_needs_a_reason_and_moves_the_dossier(
    app_of, partial_version, citizen, desk, fast_pdf
):
    dossier, _component = _submitted(partial_version, citizen)
    p.receive(dossier, desk)
    client = app_of(citizen)
    url = f"/api/v1/my/dossiers/{dossier.code}/withdrawal/"

    empty = client.post(url, {"reason": ""}, format="json")
    markup = client.post(url, {"reason": "<script>x</script>"}, format="json")
    done = client.post(url, {"reason": "Không còn nhu cầu"}, format="json")
    again = client.post(url, {"reason": "Không còn nhu cầu"}, format="json")

    assert empty.status_code == 400 and "reason" in empty.json()["fields"]
    assert markup.status_code == 400 and "reason" in markup.json()["fields"]
    assert done.status_code == 200 and done.json()["state"] == "withdrawal_requested"
    assert again.status_code == 409 and again.json()["code"] == "wrong_state"


def test_paying_an_amount_the_agency_asked_for_returns_the_providers_page(
    app_of, partial_version, citizen, desk, fast_pdf
):
    dossier, _component = _submitted(partial_version, citizen)
    p.receive(dossier, desk)
    dossier.refresh_from_db()
    Dossier.objects.filter(pk=dossier.pk).update(status=State.PROCESSING, assignee=desk)
    payment = Payment.objects.create(
        dossier=dossier,
        amount=120000,
        purpose=Payment.Purpose.OBLIGATION,
        description="Thuế trước bạ",
    )
    client = app_of(citizen)
    url = f"/api/v1/my/dossiers/{dossier.code}/payments/{payment.pk}/start/"

    not_yet = client.post(url, {}, format="json")
    Dossier.objects.filter(pk=dossier.pk).update(status=State.PAYMENT_REQUESTED)
    started = client.post(url, {}, format="json")
    unknown = client.post(url, {"provider": "khong-co"}, format="json")
    stranger = app_of(CitizenFactory()).post(url, {}, format="json")

    assert not_yet.status_code == 409 and not_yet.json()["code"] == "wrong_state"
    assert started.status_code == 200, started.content
    assert "/thanh-toan/sandbox/" in started.json()["redirect_url"]
    assert started.json()["payment"]["status"] == "pending"
    assert unknown.status_code == 400 and "provider" in unknown.json()["fields"]
    assert stranger.status_code == 404


def test_the_result_and_own_files_are_downloadable_by_the_applicant_only(
    app_of, partial_version, citizen, desk, fast_pdf
):
    dossier, _component = _submitted(partial_version, citizen)
    p.receive(dossier, desk)
    attachment = dossier.attachments.get()
    client = app_of(citizen)
    detail = client.get(f"/api/v1/my/dossiers/{dossier.code}/").json()

    own = client.get(detail["attachments"][0]["download_url"])
    receipt = client.get(detail["documents"][0]["download_url"])
    other = app_of(CitizenFactory()).get(
        f"/api/v1/my/dossiers/{dossier.code}/attachments/{attachment.pk}/"
    )

    assert own.status_code == 200 and b"".join(own.streaming_content) == PDF
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    assert other.status_code == 404


@override_settings(CELERY_TASK_ALWAYS_EAGER=True)
def test_the_submission_is_in_the_applicants_list_with_its_code(app_of, ready_draft, citizen):
    paid(ready_draft, citizen)
    client = app_of(citizen)

    submitted = client.post(f"/api/v1/my/drafts/{ready_draft.pk}/submit/", {}, format="json")
    listing = client.get("/api/v1/my/dossiers/").json()["results"]
    drafts = client.get("/api/v1/my/drafts/").json()

    assert submitted.status_code == 201, submitted.content
    ready_draft.refresh_from_db()
    assert [d["code"] for d in listing] == [ready_draft.code]
    assert drafts == []
    assert ready_draft.submitted_at <= timezone.now()


def test_a_draft_is_read_in_a_bounded_number_of_queries(
    app_of, ready_draft, citizen, django_assert_max_num_queries
):
    """The draft's answer reads its fee lines once (prefetched; the total, the online payment and
    what is missing all use them) and its components from the catalogue cache."""
    client = app_of(citizen)
    with django_assert_max_num_queries(13) as captured:
        response = client.get(f"/api/v1/my/drafts/{ready_draft.pk}/")
    assert response.status_code == 200
    assert sum('"procedures_fee"' in q["sql"] for q in captured.captured_queries) == 1
