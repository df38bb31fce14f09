from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from portal import views

admin.site.site_header = settings.PORTAL_NAME
admin.site.site_title = settings.PORTAL_NAME

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("livez", views.livez, name="livez"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("quan-tri/", admin.site.urls),
    path("api/v1/", include("portal.api_urls")),
    path("", include("portal.notifications.urls")),
    path("", include("accounts.urls")),
    path("", include("procedures.urls")),
    path("", include("dossiers.urls")),
    path("", include("satisfaction.urls")),
]
