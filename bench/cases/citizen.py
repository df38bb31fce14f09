"""The citizen's pages among a million dossiers, and submission with three 200 KB attachments
(issue 5: ≤ 10 SQL queries per page whatever the number of items, p95 ≤ 100 ms server-side; a
submission p95 ≤ 300 ms at 20 submissions per second)."""

import concurrent.futures
import statistics
import threading
import time

from bench.harness import HttpCase, Measurement

PREPARE = [
    ["generate_bench_dossiers", "--open", "1000000"],
    ["prepare_bench_citizen", "--dossiers", "300"],
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
]

SUBMISSIONS_PER_SECOND = 20
SECONDS = 10
TARGET_MS = 300


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


PDF_200KB = b"%PDF-1.4\n" + b"0" * (200 * 1024 - 20) + b"\n%%EOF\n"


def _submit_once(user, version, components):
    """One submission as the browser does it: the draft page with the e-form and three 200 KB files
    (one POST), then the submit button (one POST). Returns the server-side time in ms."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from dossiers.services import submission

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    dossier = submission.start_draft(version, user)
    data = {
        "version": dossier.version,
        "tk-ho_ten": "Công Dân Đo Hiệu Năng",
        "tk-ly_do": "Đo hiệu năng",
        "delivery": "counter",
        "action": "review",
    }
    for component in components:
        data[f"tp-{component.pk}"] = SimpleUploadedFile(
            "giay-to.pdf", PDF_200KB, content_type="application/pdf"
        )
    began = time.perf_counter()
    edit = client.post(f"/ho-so/{dossier.pk}/sua/", data)
    submitted = client.post(f"/ho-so/{dossier.pk}/nop/")
    elapsed = (time.perf_counter() - began) * 1000
    assert edit.status_code == 302 and submitted.status_code == 302, (edit.status_code,)
    return elapsed


def measure(env):
    from django.db import connection

    from portal.celery import app

    # As in production: notifications are queued for the workers, not sent inside the request.
    app.conf.task_always_eager = False

    from dossiers.models import Dossier
    from procedures.models import ProcedureVersion

    results = []
    user = _citizen()
    from django.test import Client

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

    version = ProcedureVersion.objects.get(procedure__code="9.999001")
    components = list(version.components.all())
    _submit_once(user, version, components)  # warm
    total = SUBMISSIONS_PER_SECOND * SECONDS
    timings, lock = [], threading.Lock()

    def job(_):
        try:
            elapsed = _submit_once(user, version, components)
            with lock:
                timings.append(elapsed)
        finally:
            connection.close()

    began = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        futures = []
        for i in range(total):
            # Paced arrivals: one submission every 50 ms, whatever the previous ones are doing.
            delay = began + i / SUBMISSIONS_PER_SECOND - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            futures.append(pool.submit(job, i))
        for future in futures:
            future.result()
    wall = time.perf_counter() - began
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    results.append(
        Measurement(
            name="submission with three 200 KB attachments, p95",
            value=round(p95, 1),
            unit="ms",
            detail=(
                f"{total} submissions paced at {SUBMISSIONS_PER_SECOND}/s ({total / wall:.1f}/s "
                f"achieved), 8 threads in one process through Django's full stack (draft page POST "
                f"with the files + submit POST); median {statistics.median(timings):.0f} ms"
            ),
            target=f"≤ {TARGET_MS} ms at {SUBMISSIONS_PER_SECOND}/s",
            met=p95 <= TARGET_MS,
        )
    )
    return results
