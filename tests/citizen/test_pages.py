import pytest
from django.conf import settings
from django.urls import reverse

from dossiers.models import Attachment, Dossier, DossierEvent, State, SupplementRequest
from dossiers.services import payments, submission
from tests.accounts.factories import CitizenFactory
from tests.citizen.conftest import EXE, PDF, paid, pay_fees, pdf, stored_files
from tests.dossiers.factories import (
    AttachmentFactory,
    DossierEventFactory,
    DossierFactory,
    SupplementItemFactory,
    SupplementRequestFactory,
)


@pytest.fixture
def signed_in(client, citizen):
    client.force_login(citizen)
    return client


def edit_data(dossier, **extra):
    data = {
        "version": dossier.version,
        "tk-ho_ten_cha": "Nguyễn Văn An",
        "tk-ngay_sinh": "20/11/2026",
        "tk-ghi_chu": "",
        "delivery": "online",
        "delivery_address": "",
        "applicant_phone": "0912345678",
        "applicant_email": "an@example.vn",
        "applicant_address": "Hà Nội",
        "action": "save",
    }
    data.update(extra)
    return data


def test_the_start_page_needs_a_signed_in_account(client, version):
    response = client.get(reverse("dossiers:start", args=[version.procedure.code]))
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


def test_the_catalogue_button_leads_to_the_start_page(client, version):
    page = client.get(reverse("procedures:detail", args=[version.procedure.code]))
    assert reverse("dossiers:start", args=[version.procedure.code]) in page.content.decode()


def test_a_citizen_starts_fills_and_reviews_a_draft(signed_in, version, citizen):
    response = signed_in.post(reverse("dossiers:start", args=[version.procedure.code]), {
        "applicant": citizen.pk, "agency": version.owner_agency.pk,
    })  # fmt: skip
    dossier = Dossier.objects.get(applicant=citizen)
    assert response["Location"] == reverse("dossiers:edit", args=[dossier.pk])
    page = signed_in.get(response["Location"])
    assert page.status_code == 200
    assert "Nguyễn Văn An" in page.content.decode()  # prefilled from the account
    components = list(version.components.all())
    data = edit_data(dossier, action="review")
    data[f"tp-{components[0].pk}"] = [pdf("Tờ khai.pdf"), pdf("trang-2.pdf")]
    data[f"tp-{components[1].pk}"] = pdf("../../chung-sinh.pdf")
    response = signed_in.post(reverse("dossiers:edit", args=[dossier.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("dossiers:review", args=[dossier.pk])
    names = sorted(Attachment.objects.values_list("name", flat=True))
    assert names == ["Tờ khai.pdf", "chung-sinh.pdf", "trang-2.pdf"]
    review = signed_in.get(response["Location"]).content.decode()
    assert "20/11/2026" in review and "Chưa nộp phí" in review


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (("virus.pdf", EXE), "chạy được"),
        (("rong.pdf", b""), "0 byte"),
        (("anh.pdf", b"plain text, not a pdf"), "không phải định dạng"),
        (("lon.pdf", PDF + b"0" * (1024 * 1024 + 1)), "vượt mức tối đa"),
    ],
)
def test_bad_files_get_a_clear_message_and_nothing_is_saved(
    signed_in, version, citizen, private_media, upload, message
):
    dossier = submission.start_draft(version, citizen)
    optional = version.components.get(is_mandatory=False)  # 1 MB limit
    data = edit_data(dossier, **{"tk-ho_ten_cha": "Đã đổi"})
    data[f"tp-{optional.pk}"] = pdf(*upload)
    response = signed_in.post(reverse("dossiers:edit", args=[dossier.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.form_data == {}  # the answers of the same post were not saved either
    assert not Attachment.objects.exists() and stored_files(private_media) == []


def test_too_many_files_are_refused(signed_in, version, citizen, settings):
    settings.DOSSIER_MAX_FILES_PER_COMPONENT = 2
    dossier = submission.start_draft(version, citizen)
    component = version.components.first()
    data = edit_data(dossier)
    data[f"tp-{component.pk}"] = [pdf(f"{i}.pdf") for i in range(3)]
    response = signed_in.post(reverse("dossiers:edit", args=[dossier.pk]), data)
    assert response.status_code == 400 and "tối đa 2 tệp" in response.content.decode()


def test_wrong_typed_fields_and_markup_are_refused_in_vietnamese(signed_in, version, citizen):
    dossier = submission.start_draft(version, citizen)
    data = edit_data(
        dossier, **{"tk-ngay_sinh": "31/02/2026", "tk-ho_ten_cha": "<script>alert(1)</script>"}
    )
    response = signed_in.post(reverse("dossiers:edit", args=[dossier.pk]), data)
    text = response.content.decode()
    assert response.status_code == 400
    assert "Không được nhập mã HTML" in text and "<script>alert(1)" not in text
    dossier.refresh_from_db()
    assert dossier.form_data == {}


def test_submitting_from_the_review_page(signed_in, ready_draft, citizen):
    paid(ready_draft, citizen)
    url = reverse("dossiers:submit", args=[ready_draft.pk])
    response = signed_in.post(url)
    again = signed_in.post(url)  # the double click
    assert response.status_code == 302 and again.status_code == 302
    dossier = Dossier.objects.get(pk=ready_draft.pk)
    assert dossier.status == State.SUBMITTED
    page = signed_in.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert dossier.code in page and "Mã tra cứu (PIN)" in page
    assert DossierEvent.objects.filter(dossier=dossier, action="submit").count() == 1


def test_an_online_submission_stays_within_its_queries(
    signed_in, partial_version, citizen, desk, settings, django_assert_max_num_queries
):
    """The submission benchmark's two requests (docs/benchmarks.md, citizen): the draft page's POST
    with its files, then the submit POST, session and user included. They took 10 + 26 queries: the
    submission now writes its two notifications with one insert (no savepoints), reads the calendar
    with one query, copies the uploads to the personal store with one statement, checks access
    without loading the whole row twice, reads the components from the catalogue cache (on and
    warm, as in production) and leaves the PIN for the next page in the cache, not the session
    (whose save was an UPDATE in a transaction of its own): 9 + 15."""
    from portal.notifications.models import Notification
    from procedures.selectors import version_components

    settings.CATALOGUE_CACHE_SECONDS = 300
    version_components(partial_version)
    dossier = submission.start_draft(partial_version, citizen)
    component = partial_version.components.get()
    data = {"version": dossier.version, "delivery": "counter", "action": "review"}
    data[f"tp-{component.pk}"] = [pdf("don.pdf"), pdf("phu-luc.pdf", PDF + b"% 2\n")]
    with django_assert_max_num_queries(9):
        response = signed_in.post(reverse("dossiers:edit", args=[dossier.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    with django_assert_max_num_queries(15):
        response = signed_in.post(reverse("dossiers:submit", args=[dossier.pk]))
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == State.SUBMITTED and dossier.attachments.count() == 2
    events = set(Notification.objects.values_list("event", flat=True))
    assert events == {"dossier_submitted", "queue_new_dossier"}
    page = signed_in.get(response["Location"]).content.decode()
    assert "Mã tra cứu (PIN)" in page  # shown once, on the page the submission leads to
    again = signed_in.get(response["Location"]).content.decode()
    assert "Mã tra cứu (PIN)" not in again


def test_submitting_an_incomplete_draft_shows_what_is_missing(signed_in, version, citizen):
    dossier = submission.start_draft(version, citizen)
    response = signed_in.post(reverse("dossiers:submit", args=[dossier.pk]))
    assert response.status_code == 400
    assert "Chưa đính kèm" in response.content.decode()


def test_a_higher_assurance_level_blocks_the_start_with_the_reason(signed_in, version):
    version.required_assurance = "level2"
    version.save()
    url = reverse("dossiers:start", args=[version.procedure.code])
    assert "Định danh mức 2" in signed_in.get(url).content.decode()
    assert signed_in.post(url, {}).status_code == 403
    # The same in English: the reason is told apart by its kind, not by its Vietnamese wording.
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = signed_in.post(url, {})
    assert response.status_code == 403
    assert "level 2" in response.content.decode()
    assert not Dossier.objects.exists()


def test_an_assurance_shortfall_does_not_stop_a_draft_but_closing_the_procedure_does(
    version, citizen
):
    from django.utils import translation

    version.required_assurance = "level2"
    version.save()
    with translation.override("en"):
        # A draft may be prepared while the account's level is raised; submitting needs the level.
        assert submission.start_draft(version, citizen).status == "draft"
        kinds = [b.kind for b in submission.submission_blockers(version, citizen)]
    assert kinds == [submission.Blocker.ASSURANCE]


def test_a_withdrawn_procedure_explains_why_no_draft(signed_in, version):
    version.status = "withdrawn"
    version.save()
    response = signed_in.post(reverse("dossiers:start", args=[version.procedure.code]), {})
    assert response.status_code == 400 and "bãi bỏ" in response.content.decode()
    assert not Dossier.objects.exists()


def test_someone_elses_dossier_id_in_the_url_is_not_found(client, citizen):
    other = DossierFactory(code="X-1")
    attachment = AttachmentFactory(dossier=other)
    client.force_login(citizen)
    for url in (
        reverse("dossiers:detail", args=[other.pk]),
        reverse("dossiers:edit", args=[other.pk]),
        reverse("dossiers:attachment", args=[other.pk, attachment.pk]),
        reverse("dossiers:withdraw", args=[other.pk]),
        reverse("dossiers:supplement", args=[other.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("dossiers:submit", args=[other.pk])).status_code == 404


def test_attachments_download_only_through_the_checked_view(signed_in, ready_draft):
    attachment = ready_draft.attachments.first()
    response = signed_in.get(reverse("dossiers:attachment", args=[ready_draft.pk, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_my_dossiers_list_filters_and_shows_what_is_expected(
    signed_in, citizen, django_assert_max_num_queries
):
    DossierFactory.create_batch(3, applicant=citizen, status=State.PROCESSING, code=None)
    for i, dossier in enumerate(Dossier.objects.all()):
        Dossier.objects.filter(pk=dossier.pk).update(code=f"C-{i}")
    DossierFactory(applicant=citizen, status=State.SUPPLEMENT_AT_INTAKE, code="S-1")
    DossierFactory(code="OTHER-1")  # someone else's
    with django_assert_max_num_queries(10):
        response = signed_in.get(reverse("dossiers:mine"))
    text = response.content.decode()
    assert "S-1" in text and "C-0" in text and "OTHER-1" not in text
    assert "Bổ sung giấy tờ theo yêu cầu" in text
    filtered = signed_in.get(reverse("dossiers:mine"), {"loc": "can-bo-sung"}).content.decode()
    assert "S-1" in filtered and "C-0" not in filtered


def test_a_dossier_page_stays_within_ten_queries(signed_in, citizen, django_assert_max_num_queries):
    dossier = DossierFactory(applicant=citizen, status=State.SUPPLEMENT_AT_INTAKE, code="D-1")
    for _ in range(5):
        DossierEventFactory(dossier=dossier)
        AttachmentFactory(dossier=dossier)
    request = SupplementRequestFactory(dossier=dossier)
    SupplementItemFactory.create_batch(3, request=request)
    with django_assert_max_num_queries(10):
        response = signed_in.get(reverse("dossiers:detail", args=[dossier.pk]))
    assert response.status_code == 200
    assert "Bản chụp bị mờ" in response.content.decode()


def test_answering_a_supplement_replaces_the_files_and_returns_to_the_desk(
    signed_in, citizen, version
):
    component = version.components.first()
    dossier = DossierFactory(
        applicant=citizen,
        procedure_version=version,
        agency=version.owner_agency,
        status=State.SUPPLEMENT_AT_INTAKE,
        code="B-1",
    )
    old = AttachmentFactory(dossier=dossier, component=component)
    request = SupplementRequestFactory(dossier=dossier)
    SupplementItemFactory(request=request, component=component)
    url = reverse("dossiers:supplement", args=[dossier.pk])
    page = signed_in.get(url).content.decode()
    assert "Bản chụp bị mờ, không đọc được" in page
    missing = signed_in.post(url, {"version": dossier.version, "note": ""})
    assert missing.status_code == 400
    response = signed_in.post(
        url,
        {"version": dossier.version, "note": "Đã chụp lại", f"tp-{component.pk}": pdf("moi.pdf")},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    request.refresh_from_db()
    old.refresh_from_db()
    assert dossier.status == State.SUBMITTED
    assert request.status == SupplementRequest.Status.ANSWERED and request.answered_by == citizen
    assert old.replaced_at is not None
    assert dossier.attachments.filter(replaced_at=None, supplement_request=request).count() == 1
    assert DossierEvent.objects.filter(dossier=dossier, action="answer_supplement").exists()


def test_withdrawal_is_recorded_with_its_reason(signed_in, citizen):
    dossier = DossierFactory(applicant=citizen, status=State.PROCESSING, code="W-1")
    url = reverse("dossiers:withdraw", args=[dossier.pk])
    assert signed_in.post(url, {"version": dossier.version, "reason": ""}).status_code == 400
    response = signed_in.post(url, {"version": dossier.version, "reason": "Không còn nhu cầu"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == State.WITHDRAWAL_REQUESTED
    assert dossier.resume_state == State.PROCESSING and dossier.outcome_note == "Không còn nhu cầu"
    event = DossierEvent.objects.get(dossier=dossier, action="request_withdrawal")
    assert event.note == "Không còn nhu cầu"


def test_a_stale_form_does_not_apply_twice(signed_in, citizen):
    dossier = DossierFactory(applicant=citizen, status=State.PROCESSING, code="W-2")
    url = reverse("dossiers:withdraw", args=[dossier.pk])
    response = signed_in.post(url, {"version": dossier.version + 5, "reason": "Lý do"})
    assert response.status_code == 409


def test_the_result_is_shown_with_the_postal_tracking_number(signed_in, citizen):
    dossier = DossierFactory(
        applicant=citizen,
        status=State.RETURNED,
        code="R-1",
        delivery="post",
        delivery_address="Số 5 Phố Huế",
        delivery_tracking_number="EB123456789VN",
    )
    page = signed_in.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "EB123456789VN" in page


def test_the_personal_store_lists_only_my_documents(signed_in, ready_draft, citizen):
    _payment, params = pay_fees(ready_draft, citizen)
    payments.handle_callback("sandbox", params)
    submission.submit(ready_draft, citizen)
    page = signed_in.get(reverse("dossiers:personal-store")).content.decode()
    assert "giay-to.pdf" in page
    other = CitizenFactory()
    signed_in.force_login(other)
    from dossiers.models import PersonalDocument

    document = PersonalDocument.objects.get(owner=citizen)
    assert signed_in.get(reverse("dossiers:personal-file", args=[document.pk])).status_code == 404


def test_a_procedure_never_published_has_no_start_page(signed_in, agency):
    from tests.procedures.factories import ProcedureVersionFactory

    draft = ProcedureVersionFactory(owner_agency=agency)  # a draft version only
    response = signed_in.get(reverse("dossiers:start", args=[draft.procedure.code]))
    assert response.status_code == 404


def test_a_returned_dossier_with_its_rating_stays_within_ten_queries(
    signed_in, citizen, django_assert_max_num_queries
):
    from django.apps import apps

    from satisfaction import defaults
    from satisfaction.services import surveys
    from tests.satisfaction.factories import ALL_FIVE, returned_dossier

    defaults.install(apps)
    dossier = returned_dossier(applicant=citizen, code="R-2")
    for _ in range(3):
        DossierEventFactory(dossier=dossier)
        AttachmentFactory(dossier=dossier)
    SupplementItemFactory.create_batch(2, request=SupplementRequestFactory(dossier=dossier))
    surveys.submit_response(
        dossier, surveys.Ratings(dict(ALL_FIVE)), channel="link", respondent=citizen
    )
    with django_assert_max_num_queries(10):
        response = signed_in.get(reverse("dossiers:detail", args=[dossier.pk]))
    assert "đã đánh giá hồ sơ này" in response.content.decode()  # the rating given is shown


def test_my_dossiers_rows_link_to_each_dossiers_page(signed_in, citizen):
    draft = DossierFactory(applicant=citizen, status=State.DRAFT)
    sent = DossierFactory(applicant=citizen, status=State.RECEIVED, code="K-1")
    text = signed_in.get(reverse("dossiers:mine")).content.decode()
    assert f'href="{reverse("dossiers:edit", args=[draft.pk])}"' in text
    assert f'href="{reverse("dossiers:detail", args=[sent.pk])}"' in text
    assert "Đã tiếp nhận" in text or sent.get_status_display() in text


def test_the_pin_waits_in_the_cache_under_a_digest_of_the_session_key(rf, db):
    """The session's key is a bearer secret: the cache's key names (readable to anyone who can list
    Redis) hold only its digest."""
    from django.contrib.sessions.backends.db import SessionStore

    from dossiers.citizen.views import _pin_key

    request = rf.get("/")
    request.session = SessionStore()
    assert _pin_key(request, 7) is None  # no session yet: nothing to key on
    request.session.create()
    key = _pin_key(request, 7)
    assert key.startswith("dossiers:pin:") and key.endswith(":7")
    assert request.session.session_key not in key


def test_the_pin_is_shown_once_even_when_the_cache_is_down(
    signed_in, ready_draft, citizen, monkeypatch
):
    """The submission commits before the PIN is put aside: with the cache (Redis) unreachable the
    citizen is not shown a 500 for a submitted dossier, and the PIN waits in the session instead."""
    from dossiers.citizen import views

    class Unreachable:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("Redis is down")

            return fail

    paid(ready_draft, citizen)
    monkeypatch.setattr(views, "cache", Unreachable())
    response = signed_in.post(reverse("dossiers:submit", args=[ready_draft.pk]))
    assert response.status_code == 302
    assert Dossier.objects.get(pk=ready_draft.pk).status == State.SUBMITTED
    page = signed_in.get(response["Location"])
    assert page.status_code == 200 and "Mã tra cứu (PIN)" in page.content.decode()
    again = signed_in.get(response["Location"])
    assert "Mã tra cứu (PIN)" not in again.content.decode()
