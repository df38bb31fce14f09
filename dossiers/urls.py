"""Pages of the dossiers app. Included at the site root by portal/urls.py; paths are Vietnamese slugs."""

app_name = "dossiers"

urlpatterns = []
