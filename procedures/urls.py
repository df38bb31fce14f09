"""Pages of the procedures app. Included at the site root by portal/urls.py; paths are Vietnamese slugs."""

from django.urls import path

from procedures.views import public

app_name = "procedures"

urlpatterns = [
    path("thu-tuc/", public.catalogue, name="catalogue"),
    path("thu-tuc/xem-truoc/<int:pk>/", public.procedure_preview, name="preview"),
    path("thu-tuc/<str:code>/", public.procedure_detail, name="detail"),
    path("thu-tuc/<str:code>/mau/<int:pk>/", public.component_template, name="template"),
    path("co-quan/", public.agency_list, name="agencies"),
    path("co-quan/<str:code>/", public.agency_detail, name="agency"),
]
