"""The citizen's pages among a million dossiers, and submission with three 200 KB attachments
(issue 5: ≤ 10 SQL queries per page whatever the number of items, p95 ≤ 100 ms server-side; a
submission p95 ≤ 300 ms at 20 submissions per second).

Submissions are driven against gunicorn like the pages: separate client processes, arrivals paced at
20 per second (open loop), each item a distinct fresh draft prepared beforehand (``prepare_bench_citizen
--drafts``) of one of 40 bench citizens, filled and submitted as the browser does it: the draft page's
multipart POST with the e-form, the delivery choice and three 200 KB PDF files, then the submit POST.
``measure`` adds in-process figures for the same two requests: CPU time and SQL queries per submission.
"""

import os
import statistics
import time

from bench.harness import HttpCase, Measurement

SUBMISSIONS_PER_SECOND = 20
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
WARMUP_SUBMISSIONS = 6
TARGET_MS = 300
# The pool of fresh drafts covers the paced run, its warm-up and the in-process measurement.
IN_PROCESS_SUBMISSIONS = 20
DRAFTS = int(SUBMISSIONS_PER_SECOND * SECONDS) + WARMUP_SUBMISSIONS + IN_PROCESS_SUBMISSIONS + 20

PREPARE = [
    ["generate_bench_dossiers", "--open", "1000000"],
    ["prepare_bench_citizen", "--dossiers", "300", "--drafts", str(DRAFTS)],
]

HTTP_CASES = [
    HttpCase(
        name="Hồ sơ của tôi (300 dossiers of the citizen, pages and filters)",
        paths=["/ho-so/", "/ho-so/?loc=dang-xu-ly", "/ho-so/?trang=7", "/ho-so/?loc=da-xong"],
        headers_from="citizen_headers",
        target="p95 ≤ 100 ms server-side, ≤ 10 queries",
        target_p95_ms=100,
    ),
    HttpCase(
        name="dossier page (log, steps, documents, payments, supplements)",
        paths_from="dossier_paths",
        headers_from="citizen_headers",
        target="p95 ≤ 100 ms server-side, ≤ 10 queries",
        target_p95_ms=100,
    ),
    HttpCase(
        name="submission: draft POST with three 200 KB PDFs + submit POST",
        items_from="submission_items",
        rate=SUBMISSIONS_PER_SECOND,
        warmup_items=WARMUP_SUBMISSIONS,
        concurrency=10,
        target=f"p95 ≤ {TARGET_MS} ms server- and client-side at {SUBMISSIONS_PER_SECOND}/s",
        target_p95_ms=TARGET_MS,
    ),
]


def _citizen():
    from accounts.models import User

    return User.objects.get(username="bench.congdan")


def _session_key(user):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils.module_loading import import_string

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The first configured backend that can load a user (django-axes' comes first and cannot).
    session[BACKEND_SESSION_KEY] = next(
        path
        for path in settings.AUTHENTICATION_BACKENDS
        if hasattr(import_string(path), "get_user")
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def citizen_headers():
    from django.test.utils import override_settings

    from bench.run import SERVER_ENV

    # The session is signed, and the user's hash salted, with the server's (production) secret key.
    with override_settings(SECRET_KEY=SERVER_ENV["SECRET_KEY"]):
        key = _session_key(_citizen())
    # The server runs with production settings (cookie "__Host-sessionid"); send both names.
    return {"Cookie": f"sessionid={key}; __Host-sessionid={key}"}


def dossier_paths():
    from dossiers.models import Dossier

    ids = Dossier.objects.filter(code__startswith="BENCHCD-").values_list("pk", flat=True)[:50]
    return [f"/ho-so/{pk}/" for pk in ids]


def _queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)


# --- submissions --------------------------------------------------------------------------------
CSRF = "benchcsrf0123456789abcdefghijklm"  # a 32-character CSRF secret, sent as cookie and field
FILE_SIZE = 200 * 1024


def _version():
    from procedures.models import ProcedureVersion

    return ProcedureVersion.objects.get(procedure__code="9.999001")


def _fields(dossier):
    return {
        "csrfmiddlewaretoken": CSRF,
        "version": str(dossier.version),
        "tk-ho_ten": "Người Nộp Đo Hiệu Năng",
        "tk-ly_do": "Đo hiệu năng nộp hồ sơ trực tuyến",
        "delivery": "counter",
        "action": "review",
    }


def submission_items():
    """One item per fresh draft: its multipart draft POST with three files, then its submit POST."""
    from django.test.utils import override_settings

    from bench.run import SERVER_ENV
    from dossiers.management.commands.prepare_bench_citizen import fresh_drafts

    version = _version()
    components = list(version.components.order_by("order", "pk"))
    wanted = int(SUBMISSIONS_PER_SECOND * SECONDS) + WARMUP_SUBMISSIONS
    drafts = list(fresh_drafts(version).select_related("applicant")[:wanted])
    if len(drafts) < wanted:
        raise SystemExit(f"{len(drafts)} fresh bench drafts, {wanted} needed: run PREPARE again")
    sessions = {}
    with override_settings(SECRET_KEY=SERVER_ENV["SECRET_KEY"]):
        for draft in drafts:
            if draft.applicant_id not in sessions:
                sessions[draft.applicant_id] = _session_key(draft.applicant)
    items = []
    for draft in drafts:
        key = sessions[draft.applicant_id]
        headers = {
            "Cookie": (
                f"sessionid={key}; __Host-sessionid={key}; "
                f"csrftoken={CSRF}; __Host-csrftoken={CSRF}"
            )
        }
        files = [
            {
                "field": f"tp-{component.pk}",
                "name": f"giay-to-{k + 1}.pdf",
                "content_type": "application/pdf",
                "size": FILE_SIZE,
            }
            for k, component in enumerate(components)
        ]
        items.append(
            [
                {
                    "method": "POST",
                    "path": f"/ho-so/{draft.pk}/sua/",
                    "headers": headers,
                    "fields": _fields(draft),
                    "files": files,
                    "expect_status": 302,
                },
                {
                    "method": "POST",
                    "path": f"/ho-so/{draft.pk}/nop/",
                    "headers": headers,
                    "fields": {"csrfmiddlewaretoken": CSRF},
                    "expect_status": 302,
                },
            ]
        )
    return items


def _submission_requests(draft, components):
    """The two requests' (path, body, content type), encoded beforehand as a browser sends them."""
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    from bench.load import file_bytes

    data = dict(_fields(draft))
    data.pop("csrfmiddlewaretoken")
    for k, component in enumerate(components):
        content = file_bytes(
            {"size": FILE_SIZE, "content_type": "application/pdf"}, f"{draft.pk}-{k}"
        )
        data[f"tp-{component.pk}"] = _NamedBytes(f"giay-to-{k + 1}.pdf", content)
    return [
        (f"/ho-so/{draft.pk}/sua/", encode_multipart(BOUNDARY, data), MULTIPART_CONTENT),
        (f"/ho-so/{draft.pk}/nop/", b"", "application/x-www-form-urlencoded"),
    ]


class _NamedBytes:
    """A file for django.test.client.encode_multipart (it reads .name and .read())."""

    content_type = "application/pdf"

    def __init__(self, name, content):
        self.name, self.content = name, content

    def read(self):
        return self.content


def in_process_submissions(count):
    """CPU time (this process: Django, the templates, the files; not PostgreSQL's) and SQL queries of
    ``count`` submissions, one after the other, through Django's full stack."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from dossiers.management.commands.prepare_bench_citizen import fresh_drafts

    version = _version()
    components = list(version.components.order_by("order", "pk"))
    drafts = list(fresh_drafts(version).select_related("applicant").order_by("-pk")[: count + 1])
    cpu, wall, queries = [], [], []
    client = Client(HTTP_HOST="127.0.0.1")  # one handler, as in a server process
    for n, draft in enumerate(drafts):
        client.force_login(draft.applicant)
        requests = _submission_requests(draft, components)
        with CaptureQueriesContext(connection) as captured:
            began_cpu, began = time.process_time(), time.perf_counter()
            for path, body, content_type in requests:
                response = client.generic("POST", path, body, content_type)
                assert response.status_code == 302, (path, response.status_code)
            spent_cpu, spent = time.process_time() - began_cpu, time.perf_counter() - began
        if n == 0:
            continue  # warm-up: imports, template and connection caches
        cpu.append(spent_cpu * 1000)
        wall.append(spent * 1000)
        queries.append(len(captured))
    return cpu, wall, queries


def measure(env):
    from django.test import Client

    from dossiers.models import Dossier
    from portal.celery import app

    # As in production: notifications are queued for the workers, not sent inside the request.
    app.conf.task_always_eager = False

    results = []
    user = _citizen()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    worst_list = max(_queries(client, p) for p in ["/ho-so/", "/ho-so/?trang=7"])
    sample = Dossier.objects.filter(code__startswith="BENCHCD-").values_list("pk", flat=True)[:20]
    worst_page = max(_queries(client, f"/ho-so/{pk}/") for pk in sample)
    for name, value in (("Hồ sơ của tôi", worst_list), ("dossier page", worst_page)):
        results.append(
            Measurement(
                name=f"SQL queries, {name} (worst of the sampled pages)",
                value=value,
                unit="queries",
                detail="session, user and notification bell included",
                target="≤ 10",
                met=value <= 10,
            )
        )

    cpu, wall, queries = in_process_submissions(IN_PROCESS_SUBMISSIONS)
    detail = (
        f"{len(cpu)} submissions one after the other in one process (draft POST with three "
        f"200 KB PDFs + submit POST, Django test client, bodies encoded beforehand); "
        f"median wall {statistics.median(wall):.1f} ms"
    )
    results += [
        Measurement(
            name="submission, CPU time in Django per submission (median)",
            value=round(statistics.median(cpu), 1),
            unit="ms",
            detail=detail + "; PostgreSQL's own time not included",
        ),
        Measurement(
            name="submission, SQL queries per submission",
            value=max(queries),
            unit="queries",
            detail="both requests, session and user included (worst of the sample)",
        ),
    ]
    return results
