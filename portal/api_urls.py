"""The REST API, version 1, under /api/v1/. Each app adds its routes here."""

app_name = "api"

urlpatterns = []
