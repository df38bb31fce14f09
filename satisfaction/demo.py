"""Demo data of the satisfaction app (idempotent): the national survey form and the index scheme;
ratings for the demo dossiers whose result was returned (deterministic, from the dossier id); and a
first compilation of the statistics so /thong-ke/ has figures on a fresh `make run`."""

from django.apps import apps

from satisfaction import defaults

DEMO_RATINGS = [
    {"access": 5, "procedure": 5, "officer": 5, "result": 5, "feedback": 5},
    {"access": 4, "procedure": 4, "officer": 5, "result": 5, "feedback": 4},
    {"access": 3, "procedure": 4, "officer": 4, "result": 4, "feedback": 3},
    {"access": 5, "procedure": 2, "officer": 4, "result": 3, "feedback": 3},
]


def seed(log):
    for name in defaults.install(apps):
        log(f"  + {name}")
    _rate_returned_dossiers(log)
    from satisfaction.models import FactRefresh

    if not FactRefresh.objects.exists():
        from satisfaction.refresh import refresh

        record = refresh()
        if record:
            log(f"  + số liệu thống kê ({record.duration_ms} ms)")


def _rate_returned_dossiers(log):
    from dossiers.models import Dossier
    from satisfaction.services.surveys import Ratings, SurveyError, submit_response

    rated = 0
    for dossier in Dossier.objects.filter(status="returned", survey_response__isnull=True).order_by(
        "pk"
    )[:200]:
        values = DEMO_RATINGS[dossier.pk % len(DEMO_RATINGS)]
        problem = (
            "Thành phần hồ sơ chưa rõ, phải bổ sung hai lần." if min(values.values()) <= 2 else ""
        )
        try:
            submit_response(dossier, Ratings(dict(values), problem=problem), channel="link")
        except SurveyError:
            continue
        rated += 1
    if rated:
        log(f"  + {rated} phiếu đánh giá")
