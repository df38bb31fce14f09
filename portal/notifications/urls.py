from django.urls import path

from portal.notifications import views

app_name = "notifications"

urlpatterns = [
    path("thong-bao/", views.inbox, name="inbox"),
    path("thong-bao/<int:pk>/mo/", views.open_notification, name="open"),
    path("thong-bao/da-doc/", views.mark_all_read, name="mark_all_read"),
    path("thong-bao/cai-dat/", views.preferences, name="preferences"),
]
