"""Pages of the procedures app. Included at the site root by portal/urls.py; paths are Vietnamese slugs."""

app_name = "procedures"

urlpatterns = []
