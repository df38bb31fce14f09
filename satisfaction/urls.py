"""Pages of the satisfaction app. Included at the site root by portal/urls.py; paths are Vietnamese slugs."""

app_name = "satisfaction"

urlpatterns = []
