"""Staff pages: queues, the dossier page, actions with their errors, counter intake, registers."""

import pytest
from django.urls import reverse

from dossiers.models import Dossier, IssuedDocument, State
from tests.dossiers.helpers import dossier_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_pdf")]


def test_staff_pages_need_a_verified_staff_account(client, world):
    url = reverse("dossiers:staff-queue")
    assert client.get(url).status_code == 302  # to sign-in
    client.force_login(world.citizen)
    assert client.get(url).status_code == 403
    client.force_login(world.receiver)  # staff without a second factor
    assert client.get(url).status_code == 403


def test_receiving_desk_lists_new_online_dossiers_oldest_first_with_time_left(world, login_staff):
    import datetime as dt

    from django.utils import timezone

    now = timezone.now()
    old = dossier_in(
        world,
        State.SUBMITTED,
        submitted_at=now - dt.timedelta(hours=5),
        intake_due_at=now + dt.timedelta(hours=3),
    )
    new = dossier_in(
        world,
        State.SUBMITTED,
        submitted_at=now - dt.timedelta(hours=1),
        intake_due_at=now + dt.timedelta(hours=7),
    )
    dossier_in(world, State.PROCESSING)
    client = login_staff(world.receiver)
    response = client.get(reverse("dossiers:staff-queue"), {"tab": "tiep-nhan"})
    assert response.status_code == 200
    rows = [r["dossier"] for r in response.context["rows"]]
    assert rows == [old, new]
    assert response.context["counts"]["tiep-nhan"] == 2
    assert "giờ làm việc" in response.content.decode()


def test_queue_page_query_count_does_not_grow_with_page_size(
    world, login_staff, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(30):
        dossier_in(world, State.PROCESSING)
    client = login_staff(world.leader)
    url = reverse("dossiers:staff-queue")
    client.get(url, {"tab": "don-vi"})  # warms the procedure filter's cache
    counts = {}
    for size in (25, 100):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, {"tab": "don-vi", "n": size})
        counts[size] = len(ctx.captured_queries)
        assert len(response.context["rows"]) == min(size, 30)
    assert counts[25] == counts[100] <= 12, counts


def test_queue_search_by_code_name_or_id_number(world, login_staff):
    a = dossier_in(
        world, State.PROCESSING, applicant_name="Nguyễn Văn Tìm", applicant_id_number="001090012345"
    )
    b = dossier_in(world, State.PROCESSING, applicant_name="Trần Thị Khác")
    client = login_staff(world.leader)
    url = reverse("dossiers:staff-queue")
    for q in ("nguyen van tim", "001090012345", a.code):
        rows = [r["dossier"] for r in client.get(url, {"tab": "don-vi", "q": q}).context["rows"]]
        assert rows == [a], q
    rows = [r["dossier"] for r in client.get(url, {"tab": "don-vi"}).context["rows"]]
    assert set(rows) == {a, b}


def test_staff_of_another_agency_get_404_on_the_dossier_page(world, login_staff):
    dossier = dossier_in(world, State.SUBMITTED)
    client = login_staff(world.stranger)
    assert client.get(reverse("dossiers:staff-dossier", args=[dossier.pk])).status_code == 404
    response = client.post(
        reverse("dossiers:staff-action", args=[dossier.pk, "tiep-nhan"]),
        {"tiep-nhan-version": dossier.version},
    )
    assert response.status_code == 404
    dossier.refresh_from_db()
    assert dossier.status == State.SUBMITTED


def test_dossier_page_shows_only_the_actions_the_role_allows(world, login_staff):
    dossier = dossier_in(world, State.SUBMITTED)
    page = login_staff(world.receiver).get(reverse("dossiers:staff-dossier", args=[dossier.pk]))
    slugs = [a.slug for a, _ in page.context["action_forms"]]
    assert slugs == ["tiep-nhan", "yeu-cau-bo-sung", "tu-choi"]
    page = login_staff(world.admin).get(reverse("dossiers:staff-dossier", args=[dossier.pk]))
    assert page.status_code == 200  # staff of the agency may read
    assert page.context["action_forms"] == []
    # A unit sees what was handed to it, not the one-stop desk's intake.
    page = login_staff(world.specialist).get(reverse("dossiers:staff-dossier", args=[dossier.pk]))
    assert page.status_code == 404


def test_receive_from_the_page_issues_the_receipt(world, login_staff):
    dossier = dossier_in(world, State.SUBMITTED)
    client = login_staff(world.receiver)
    response = client.post(
        reverse("dossiers:staff-action", args=[dossier.pk, "tiep-nhan"]),
        {"tiep-nhan-version": dossier.version},
    )
    assert response.status_code == 302
    receipt = IssuedDocument.objects.get(dossier=dossier, kind="receipt")
    pdf = client.get(reverse("dossiers:staff-document", args=[dossier.pk, receipt.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_a_stale_form_gets_409_and_changes_nothing(world, login_staff):
    dossier = dossier_in(world, State.SUBMITTED)
    client = login_staff(world.receiver)
    url = reverse("dossiers:staff-action", args=[dossier.pk, "tiep-nhan"])
    assert client.post(url, {"tiep-nhan-version": 1}).status_code == 302
    response = client.post(
        reverse("dossiers:staff-action", args=[dossier.pk, "tu-choi"]),
        {"tu-choi-version": 1, "tu-choi-reasons": "Sai"},
    )
    assert response.status_code == 409
    assert "vừa được người khác cập nhật" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == State.RECEIVED


def test_action_in_the_wrong_state_gets_409(world, login_staff):
    dossier = dossier_in(world, State.PROCESSING)
    response = login_staff(world.director).post(
        reverse("dossiers:staff-action", args=[dossier.pk, "tiep-nhan"]),
        {"tiep-nhan-version": dossier.version},
    )
    assert response.status_code == 409


def test_action_the_role_does_not_allow_gets_403(world, login_staff):
    dossier = dossier_in(world, State.AWAITING_APPROVAL)
    response = login_staff(world.specialist).post(
        reverse("dossiers:staff-action", args=[dossier.pk, "phe-duyet"]),
        {"phe-duyet-version": dossier.version},
    )
    assert response.status_code == 403
    dossier.refresh_from_db()
    assert dossier.status == State.AWAITING_APPROVAL


def test_refusal_without_reasons_gets_400_with_an_error_summary(world, login_staff):
    dossier = dossier_in(world, State.SUBMITTED)
    response = login_staff(world.receiver).post(
        reverse("dossiers:staff-action", args=[dossier.pk, "tu-choi"]),
        {"tu-choi-version": dossier.version, "tu-choi-reasons": ""},
    )
    assert response.status_code == 400
    assert "Phải nêu rõ lý do" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == State.SUBMITTED


def test_result_without_a_file_gets_400(world, login_staff):
    dossier = dossier_in(world, State.APPROVED)
    response = login_staff(world.specialist).post(
        reverse("dossiers:staff-action", args=[dossier.pk, "ban-hanh-ket-qua"]),
        {"ban-hanh-ket-qua-version": dossier.version},
    )
    assert response.status_code == 400
    dossier.refresh_from_db()
    assert dossier.status == State.APPROVED


def test_supplement_form_lists_items_with_reasons(world, login_staff):
    dossier = dossier_in(world, State.SUBMITTED)
    response = login_staff(world.receiver).post(
        reverse("dossiers:staff-action", args=[dossier.pk, "yeu-cau-bo-sung"]),
        {
            "yeu-cau-bo-sung-version": dossier.version,
            "yeu-cau-bo-sung-component_1": world.component.pk,
            "yeu-cau-bo-sung-reason_1": "Thiếu chữ ký",
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    request = dossier.supplement_requests.get()
    item = request.items.get()
    assert (item.content, item.reason, item.component) == (
        world.component.name,
        "Thiếu chữ ký",
        world.component,
    )


def test_leader_approves_from_the_overview(world, login_staff):
    dossier = dossier_in(world, State.AWAITING_APPROVAL)
    client = login_staff(world.leader)
    page = client.get(reverse("dossiers:staff-leader"))
    assert dossier in list(page.context["waiting"])
    response = client.post(
        reverse("dossiers:staff-action", args=[dossier.pk, "phe-duyet"]),
        {"phe-duyet-version": dossier.version},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == State.APPROVED


def test_counter_intake_form_registers_a_walk_in_dossier(world, login_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login_staff(world.receiver)
    url = reverse("dossiers:staff-counter")
    assert client.get(url).status_code == 200
    page = client.get(url, {"thu_tuc": world.version.pk})
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "thu_tuc": world.version.pk,
            "agency": world.agency.pk,
            "applicant_name": "Bùi Văn Quầy",
            "applicant_id_number": "001090000999",
            "channel": "counter",
            "paper_sets": 1,
            "delivery": "counter",
            f"scan_{world.component.pk}": SimpleUploadedFile(
                "to-khai.pdf", b"%PDF-1.4\nx\n", content_type="application/pdf"
            ),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    dossier = Dossier.objects.get(applicant_name="Bùi Văn Quầy")
    assert dossier.status == State.RECEIVED
    assert dossier.issued_documents.filter(kind="receipt").exists()


def test_counter_intake_without_a_name_gets_400(world, login_staff):
    client = login_staff(world.receiver)
    response = client.post(
        reverse("dossiers:staff-counter"),
        {
            "thu_tuc": world.version.pk,
            "agency": world.agency.pk,
            "channel": "counter",
            "paper_sets": 1,
            "delivery": "counter",
        },
    )
    assert response.status_code == 400
    assert not Dossier.objects.exists()


def test_specialist_cannot_open_the_counter_intake(world, login_staff):
    assert login_staff(world.specialist).get(reverse("dossiers:staff-counter")).status_code == 403


def test_tracking_book_and_control_slip_are_pdfs(world, login_staff):
    dossier = dossier_in(world, State.PROCESSING)
    client = login_staff(world.receiver)
    response = client.post(
        reverse("dossiers:staff-tracking-book"),
        {"agency": world.agency.pk, "start": "2020-01-01", "end": "2030-12-31"},
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    response = client.post(reverse("dossiers:staff-control-slip", args=[dossier.pk]))
    assert response.status_code == 302
    assert dossier.issued_documents.filter(kind="control_slip", is_public=False).exists()


def test_notes_between_officers(world, login_staff):
    dossier = dossier_in(world, State.PROCESSING)
    client = login_staff(world.specialist)
    response = client.post(
        reverse("dossiers:staff-note", args=[dossier.pk]), {"body": "Cần xác minh"}
    )
    assert response.status_code == 302
    assert dossier.notes.get().author == world.specialist
    assert (
        client.post(reverse("dossiers:staff-note", args=[dossier.pk]), {"body": ""}).status_code
        == 400
    )


def test_closed_tab_lists_the_most_recently_closed_first_with_a_capped_count(
    world, login_staff, monkeypatch, django_assert_max_num_queries
):
    import datetime as dt

    from django.utils import timezone

    from dossiers.staff import views

    now = timezone.now()
    closed = [
        dossier_in(world, State.RETURNED, closed_at=now - dt.timedelta(days=n)) for n in range(5)
    ]
    dossier_in(world, State.REFUSED, agency=world.other_agency, closed_at=now)  # not theirs
    dossier_in(world, State.PROCESSING)  # not closed
    client = login_staff(world.receiver)
    url = reverse("dossiers:staff-queue")
    response = client.get(url, {"tab": "da-xong"})
    assert [r["dossier"] for r in response.context["rows"]] == closed
    assert response.context["page"].paginator.count == 5
    assert response.context["more_than"] is None

    monkeypatch.setattr(views, "CLOSED_COUNT_CAP", 3)
    with django_assert_max_num_queries(12):
        response = client.get(url, {"tab": "da-xong", "n": 25})
    assert response.context["page"].paginator.count == 3
    assert [r["dossier"] for r in response.context["rows"]] == closed[:3]
    assert "Hơn 3 hồ sơ" in response.content.decode()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_queue_time_left_cell_reads_as_the_hours_template(language):
    """The queue builds its time-left cell in Python (dossiers.staff.views.HoursCell): same text,
    rounding and markup as templates/dossiers/staff/_hours.html, which the dossier page includes."""
    from django.template.defaultfilters import floatformat
    from django.template.loader import render_to_string
    from django.utils import translation

    from dossiers.staff.views import HoursCell, _one_decimal

    seconds = [*range(-40_000, 40_000, 37), 180, -180, 900, -900, 3780, 1_000_000, -1_000_000]
    with translation.override(language):
        cell = HoursCell()
        for s in seconds:
            hours = s / 3600
            assert _one_decimal(hours, cell.separator) == floatformat(hours, 1), s
        for hours in (None, *(s / 3600 for s in seconds[::40])):
            expected = render_to_string("dossiers/staff/_hours.html", {"hours": hours}).strip()
            assert cell(hours) == expected, hours


def test_queue_rows_escape_what_people_typed(world, login_staff):
    dossier = dossier_in(world, State.PROCESSING, applicant_name='Lê <b>"Ba"</b> & Co')
    client = login_staff(world.leader)
    page = client.get(reverse("dossiers:staff-queue"), {"tab": "don-vi"}).content.decode()
    assert "Lê &lt;b&gt;&quot;Ba&quot;&lt;/b&gt; &amp; Co" in page
    assert "<b>" not in page
    assert f'href="{reverse("dossiers:staff-dossier", args=[dossier.pk])}"' in page
    assert dossier.code in page


def test_queue_pages_never_cut_off_dossiers_that_arrived_after_the_tab_counts(
    world, login_staff, settings
):
    """Tab counts are cached (a few seconds in production): a page in the middle takes the tab's
    count, the last page by that count counts again, so a dossier that arrived since is listed."""
    from django.core.cache import cache

    settings.DOSSIER_QUEUE_COUNTS_CACHE_SECONDS = 60
    cache.clear()
    first = [dossier_in(world, State.PROCESSING) for _ in range(30)]
    client = login_staff(world.leader)
    url = reverse("dossiers:staff-queue")
    page = client.get(url, {"tab": "don-vi"}).context["page"]
    assert (page.paginator.count, page.paginator.num_pages) == (30, 2)
    later = [dossier_in(world, State.PROCESSING) for _ in range(25)]

    middle = client.get(url, {"tab": "don-vi", "trang": 1}).context
    assert len(middle["rows"]) == 25
    last = client.get(url, {"tab": "don-vi", "trang": 2}).context
    assert last["page"].paginator.count == 55
    beyond = client.get(url, {"tab": "don-vi", "trang": 99}).context
    assert beyond["page"].number == 3
    listed = set()
    for number in (1, 2, 3):
        rows = client.get(url, {"tab": "don-vi", "trang": number}).context["rows"]
        listed |= {r["dossier"].pk for r in rows}
    assert listed == {d.pk for d in first + later}
    assert client.get(url, {"tab": "don-vi", "trang": "x"}).context["page"].number == 1
    cache.clear()


def test_filtered_queue_counts_its_matches_with_the_page(world, login_staff):
    for i in range(27):
        dossier_in(world, State.PROCESSING, applicant_name=f"Nguyễn Văn Lọc {i}")
    dossier_in(world, State.PROCESSING, applicant_name="Trần Thị Khác")
    client = login_staff(world.leader)
    url = reverse("dossiers:staff-queue")
    for number, rows in ((1, 25), (2, 2), (9, 2)):
        response = client.get(url, {"tab": "don-vi", "q": "nguyen van loc", "trang": number})
        assert response.context["page"].paginator.count == 27
        assert len(response.context["rows"]) == rows
    response = client.get(url, {"tab": "don-vi", "q": "khong co ai", "trang": 3})
    assert response.context["page"].paginator.count == 0
    assert response.context["rows"] == []


@pytest.mark.parametrize("extra", [{}, {"q": "nguyen"}])
def test_a_page_number_past_any_list_shows_the_last_page(world, login_staff, extra):
    """A crafted page number beyond a bigint OFFSET never reaches SQL (it was a 500): the last page
    is shown, as Paginator.get_page does."""
    dossier_in(world, State.PROCESSING, applicant_name="Nguyễn Văn A")
    client = login_staff(world.leader)
    response = client.get(
        reverse("dossiers:staff-queue"),
        {"tab": "don-vi", "trang": "99999999999999999999", **extra},
    )
    assert response.status_code == 200
    assert response.context["page"].number == 1
