from django.urls import path

from dossiers.payments import views

urlpatterns = [
    path("thanh-toan/sandbox/<str:token>/", views.sandbox_gateway, name="sandbox-gateway"),
]
