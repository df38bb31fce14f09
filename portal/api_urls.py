"""The REST API, version 1, under /api/v1/. Each app adds its routes here."""

from django.urls import path

from procedures.api import views as procedures_api

app_name = "api"

urlpatterns = [
    path("procedures/", procedures_api.ProcedureList.as_view(), name="procedure-list"),
    path(
        "procedures/<str:code>/", procedures_api.ProcedureDetail.as_view(), name="procedure-detail"
    ),
    path("agencies/", procedures_api.AgencyList.as_view(), name="agency-list"),
    path("sectors/", procedures_api.SectorList.as_view(), name="sector-list"),
]
