"""Pages of the satisfaction app. Included at the site root by portal/urls.py; paths are Vietnamese slugs."""

from django.urls import path

from satisfaction.views import complaints, staff, statistics, surveys

app_name = "satisfaction"

urlpatterns = [
    # Surveys (/danh-gia/)
    path("danh-gia/moi/<str:token>/", surveys.survey_link, name="survey-link"),
    path("danh-gia/ho-so/<int:pk>/", surveys.survey_for_dossier, name="survey-dossier"),
    path("danh-gia/tai-quay/", surveys.counter_start, name="counter"),
    path("danh-gia/tai-quay/<int:pk>/", surveys.counter_survey, name="counter-survey"),
    path("danh-gia/ket-qua/", statistics.satisfaction_results, name="results"),
    path("danh-gia/phan-anh/", complaints.complaint_list, name="complaints"),
    path("danh-gia/phan-anh/gui/", complaints.complaint_new, name="complaint-new"),
    path("danh-gia/phan-anh/<str:code>/", complaints.complaint_detail, name="complaint-detail"),
    path(
        "danh-gia/phan-anh/<str:code>/cong-khai/",
        complaints.complaint_consent,
        name="complaint-consent",
    ),
    # Public statistics (/thong-ke/)
    path("thong-ke/", statistics.statistics, name="statistics"),
    path(
        "thong-ke/chi-so/<int:agency_id>/<str:month>/",
        statistics.index_detail,
        name="index-detail",
    ),
    # Staff (/can-bo/thong-ke/, /can-bo/danh-gia/, /can-bo/phan-anh/)
    path("can-bo/thong-ke/", staff.dashboard, name="staff-dashboard"),
    path("can-bo/thong-ke/ho-so/", staff.drill_down, name="staff-drill-down"),
    path(
        "can-bo/thong-ke/can-bo/<int:officer_id>/",
        staff.officer_responses,
        name="staff-officer-responses",
    ),
    path("can-bo/danh-gia/chua-hai-long/", staff.follow_up_list, name="staff-follow-ups"),
    path("can-bo/danh-gia/chua-hai-long/<int:pk>/", staff.follow_up, name="staff-follow-up"),
    path("can-bo/phan-anh/", staff.complaint_queue, name="staff-complaints"),
    path("can-bo/phan-anh/<int:pk>/", staff.complaint_answer, name="staff-complaint"),
]
