import threading

import pytest
from django.db import connection

from dossiers.models import Attachment, Dossier, DossierEvent, PersonalDocument, State
from dossiers.services import submission
from dossiers.services.base import ActionForbidden, InvalidInput
from procedures.models import OnlineLevel, VersionStatus
from tests.accounts.factories import CitizenFactory
from tests.citizen.conftest import ANSWERS, paid, pdf, stored_files


def test_a_draft_is_prefilled_from_the_account_for_the_current_version(version, citizen):
    dossier = submission.start_draft(version, citizen)
    assert dossier.status == State.DRAFT and dossier.code is None
    assert dossier.procedure_version == version and dossier.agency == version.owner_agency
    assert dossier.applicant == citizen and dossier.submitted_by == citizen
    assert dossier.applicant_name == "Nguyễn Văn An"
    assert dossier.applicant_id_number == citizen.id_number
    assert dossier.applicant_address == "Số 5 Phố Huế, Hà Nội"


def test_submitting_gives_a_code_the_submitted_status_and_the_first_event(ready_draft, citizen):
    paid(ready_draft, citizen)
    dossier, pin = submission.submit(ready_draft, citizen)
    assert dossier.status == State.SUBMITTED and dossier.status_code == 1
    assert dossier.code.startswith("000.00.12.H26-") and dossier.code.endswith("-0001")
    assert dossier.submitted_at and dossier.intake_due_at > dossier.submitted_at
    assert pin and dossier.check_pin(pin)
    event = DossierEvent.objects.get(dossier=dossier, action="submit")
    assert event.to_state == State.SUBMITTED and event.status_code == 1 and event.is_public


def test_double_submit_creates_one_dossier_not_two(ready_draft, citizen):
    paid(ready_draft, citizen)
    first, _pin = submission.submit(ready_draft, citizen)
    second, again = submission.submit(ready_draft, citizen)
    assert first.pk == second.pk and first.code == second.code
    assert again is None
    assert DossierEvent.objects.filter(dossier=first, action="submit").count() == 1
    assert Dossier.objects.exclude(status=State.DRAFT).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_distinct_codes(version):
    drafts = []
    for _ in range(4):
        citizen = CitizenFactory()
        dossier = submission.start_draft(version, citizen)
        submission.save_draft(dossier, citizen, answers=ANSWERS)
        components = list(version.components.all())
        submission.add_files(dossier, citizen, {c.pk: [pdf()] for c in components[:2]})
        paid(dossier, citizen)
        drafts.append((dossier, citizen))
    barrier = threading.Barrier(len(drafts))
    errors = []

    def run(dossier, citizen):
        try:
            barrier.wait()
            submission.submit(dossier, citizen)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    codes = list(Dossier.objects.exclude(code=None).values_list("code", flat=True))
    assert len(codes) == 4 and len(set(codes)) == 4


def test_what_is_missing_is_listed_before_submission(version, citizen):
    dossier = submission.start_draft(version, citizen)
    with pytest.raises(submission.SubmissionIncomplete) as error:
        submission.submit(dossier, citizen)
    text = " ".join(error.value.problems)
    assert "Tờ khai điện tử" in text
    assert "Tờ khai đăng ký khai sinh" in text and "Giấy chứng sinh" in text
    assert "phí" in text
    dossier.refresh_from_db()
    assert dossier.status == State.DRAFT and dossier.code is None
    assert not DossierEvent.objects.filter(dossier=dossier, action="submit").exists()


def test_a_withdrawn_procedure_takes_no_new_draft_nor_submission(ready_draft, version, citizen):
    paid(ready_draft, citizen)
    version.status = VersionStatus.WITHDRAWN
    version.save()
    with pytest.raises(InvalidInput, match="bãi bỏ"):
        submission.start_draft(version, citizen)
    with pytest.raises(submission.SubmissionIncomplete, match="bãi bỏ"):
        submission.submit(ready_draft, citizen)


def test_a_procedure_not_online_cannot_be_started(version, citizen):
    version.online_level = OnlineLevel.NOT_ONLINE
    version.save()
    with pytest.raises(InvalidInput, match="trực tuyến"):
        submission.start_draft(version, citizen)


def test_a_higher_assurance_level_is_required_to_submit(ready_draft, version, citizen):
    paid(ready_draft, citizen)
    version.required_assurance = "level2"
    version.save()
    with pytest.raises(submission.SubmissionIncomplete, match="Định danh mức 2"):
        submission.submit(ready_draft, citizen)


def test_nobody_else_may_start_or_touch_a_draft_for_someone(version, citizen):
    stranger = CitizenFactory()
    with pytest.raises(ActionForbidden):
        submission.start_draft(version, stranger, applicant=citizen)
    dossier = submission.start_draft(version, citizen)
    with pytest.raises(ActionForbidden):
        submission.save_draft(dossier, stranger, answers={})


def test_a_representative_submits_for_the_principal(version, citizen):
    from accounts.models import Representation

    agent = CitizenFactory()
    Representation.objects.create(principal=citizen, agent=agent)
    dossier = submission.start_draft(version, agent, applicant=citizen)
    assert dossier.applicant == citizen and dossier.submitted_by == agent


def test_rejected_files_leave_nothing_saved(version, citizen, private_media):
    from tests.citizen.conftest import EXE

    dossier = submission.start_draft(version, citizen)
    components = list(version.components.all())
    with pytest.raises(submission.UploadRejected) as error:
        submission.add_files(
            dossier,
            citizen,
            {components[0].pk: [pdf()], components[1].pk: [pdf("virus.pdf", EXE)]},
        )
    assert components[1].pk in error.value.errors
    assert Attachment.objects.count() == 0
    assert stored_files(private_media) == []


def test_uploads_are_stored_privately_with_checksum_and_clean_name(ready_draft, private_media):
    attachment = ready_draft.attachments.first()
    assert attachment.sha256 and attachment.size > 0
    assert attachment.name == "giay-to.pdf"
    assert attachment.file.path.startswith(str(private_media))
    assert "giay-to" not in attachment.file.name  # random name on disk


def test_uploads_go_to_the_personal_store_and_can_be_reused(ready_draft, version, citizen):
    paid(ready_draft, citizen)
    submission.submit(ready_draft, citizen)
    stored = PersonalDocument.objects.filter(owner=citizen)
    assert stored.count() == 1  # both uploads had the same bytes: kept once
    draft = submission.start_draft(version, citizen)
    component = version.components.first()
    attachment = submission.attach_personal_document(draft, citizen, component.pk, stored[0].pk)
    assert attachment.source == Attachment.Source.PERSONAL_STORE
    assert attachment.file.name == stored[0].file.name


def test_someone_elses_personal_document_cannot_be_attached(ready_draft, version, citizen):
    paid(ready_draft, citizen)
    submission.submit(ready_draft, citizen)
    other = CitizenFactory()
    draft = submission.start_draft(version, other)
    document = PersonalDocument.objects.get(owner=citizen)
    with pytest.raises(InvalidInput):
        submission.attach_personal_document(
            draft, other, version.components.first().pk, document.pk
        )


def test_partial_online_procedures_submit_without_online_payment(partial_version, citizen):
    dossier = submission.start_draft(partial_version, citizen)
    submission.add_files(dossier, citizen, {partial_version.components.first().pk: [pdf()]})
    assert dossier.delivery != "online"
    dossier, _pin = submission.submit(dossier, citizen)
    assert dossier.status == State.SUBMITTED


def test_post_delivery_needs_an_address(partial_version, citizen):
    dossier = submission.start_draft(partial_version, citizen)
    submission.add_files(dossier, citizen, {partial_version.components.first().pk: [pdf()]})
    submission.save_draft(dossier, citizen, delivery="post", delivery_address="")
    with pytest.raises(submission.SubmissionIncomplete, match="bưu chính"):
        submission.submit(dossier, citizen)
    with pytest.raises(InvalidInput):
        submission.save_draft(dossier, citizen, delivery="online")


def test_deleting_a_draft_removes_its_files(
    version, citizen, private_media, django_capture_on_commit_callbacks
):
    dossier = submission.start_draft(version, citizen)
    submission.add_files(dossier, citizen, {version.components.first().pk: [pdf()]})
    assert stored_files(private_media)
    with django_capture_on_commit_callbacks(execute=True):
        submission.delete_draft(dossier, citizen)
    assert not Dossier.objects.filter(pk=dossier.pk).exists()
    assert stored_files(private_media) == []


def test_submission_notifies_the_applicant_and_the_receiving_desk(
    ready_draft, citizen, desk, travel
):
    from portal.notifications.models import Notification

    assert desk.memberships.get().agency == ready_draft.agency
    paid(ready_draft, citizen)
    dossier, _pin = submission.submit(ready_draft, citizen)
    to_citizen = Notification.objects.filter(recipient=citizen, event="dossier_submitted")
    to_desk = Notification.objects.filter(recipient=desk, event="queue_new_dossier")
    assert to_citizen.exists() and to_desk.exists()
    assert dossier.code in to_citizen.first().texts["vi"]["subject"]
    assert Notification.objects.filter(recipient=citizen, event="payment_confirmed").count() == 0


def test_the_personal_store_keeps_each_new_file_once_the_first_in_order(version, citizen):
    """One statement copies the uploads (_keep_in_personal_store): a checksum the store already holds
    is not copied again, and of two uploads with the same bytes the first (component order) is kept."""
    known = submission.start_draft(version, citizen)
    submission.save_draft(known, citizen, answers=ANSWERS)
    first, second = list(version.components.all())[:2]
    submission.add_files(known, citizen, {first.pk: [pdf("cu.pdf")], second.pk: [pdf("cu-2.pdf")]})
    paid(known, citizen)
    submission.submit(known, citizen)
    assert list(PersonalDocument.objects.values_list("name", flat=True)) == ["cu.pdf"]

    dossier = submission.start_draft(version, citizen)
    submission.save_draft(dossier, citizen, answers=ANSWERS)
    other = b"%PDF-1.4\n% another document\n%%EOF\n"
    submission.add_files(
        dossier,
        citizen,
        {
            second.pk: [pdf("sau.pdf", other)],
            first.pk: [pdf("truoc.pdf", other), pdf("cu-lai.pdf")],
        },
    )
    paid(dossier, citizen)
    dossier, _pin = submission.submit(dossier, citizen)
    new = PersonalDocument.objects.filter(source_dossier=dossier)
    assert [(d.name, d.owner_id, d.is_result) for d in new] == [("truoc.pdf", citizen.pk, False)]
    kept = new.get()
    attachment = dossier.attachments.get(name="truoc.pdf")
    assert (kept.file.name, kept.size, kept.sha256, kept.content_type) == (
        attachment.file.name,
        attachment.size,
        attachment.sha256,
        attachment.content_type,
    )
    assert kept.created_at is not None


def test_the_desk_is_sent_to_the_staff_page_of_the_new_dossier(partial_version, citizen, desk):
    from django.urls import reverse

    from portal.notifications.models import Notification

    dossier = submission.start_draft(partial_version, citizen)
    submission.add_files(dossier, citizen, {partial_version.components.get().pk: [pdf()]})
    dossier, _pin = submission.submit(dossier, citizen)
    to_desk = Notification.objects.filter(recipient=desk, event="queue_new_dossier").first()
    assert to_desk.link.endswith(reverse("dossiers:staff-dossier", args=[dossier.pk]))
    to_citizen = Notification.objects.filter(recipient=citizen, event="dossier_submitted").first()
    assert to_citizen.link.endswith(reverse("dossiers:detail", args=[dossier.pk]))
