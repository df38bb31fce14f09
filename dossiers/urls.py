"""Pages of the dossiers app. Included at the site root by portal/urls.py; paths are Vietnamese slugs."""

from django.urls import path

from dossiers.citizen.urls import urlpatterns as citizen_urls
from dossiers.payments.urls import urlpatterns as payment_urls
from dossiers.staff import views as staff

app_name = "dossiers"

urlpatterns = [
    # Staff (/can-bo/): queues, the dossier page and its actions, counter intake, registers.
    path("can-bo/ho-so/", staff.queue, name="staff-queue"),
    path("can-bo/ho-so/<int:pk>/", staff.dossier_detail, name="staff-dossier"),
    path(
        "can-bo/ho-so/<int:pk>/thao-tac/<slug:action>/", staff.dossier_action, name="staff-action"
    ),
    path("can-bo/ho-so/<int:pk>/ghi-chu/", staff.add_note, name="staff-note"),
    path("can-bo/ho-so/<int:pk>/phieu-kiem-soat/", staff.control_slip, name="staff-control-slip"),
    path(
        "can-bo/ho-so/<int:pk>/tep/<int:att>/", staff.download_attachment, name="staff-attachment"
    ),
    path(
        "can-bo/ho-so/<int:pk>/van-ban/<int:doc>/", staff.download_document, name="staff-document"
    ),
    path("can-bo/tiep-nhan-truc-tiep/", staff.counter_intake, name="staff-counter"),
    path("can-bo/so-theo-doi/", staff.tracking_book, name="staff-tracking-book"),
    path("can-bo/lanh-dao/", staff.leader_overview, name="staff-leader"),
    # Citizens (/ho-so/, /tra-cuu/) and payments (/thanh-toan/): dossiers/citizen, dossiers/payments.
    *citizen_urls,
    *payment_urls,
]
