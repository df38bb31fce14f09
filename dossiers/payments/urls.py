from django.urls import path

from dossiers.payments import views

urlpatterns = [
    path("thanh-toan/sandbox/<str:token>/", views.sandbox_gateway, name="sandbox-gateway"),
    path("thanh-toan/<slug:provider>/thong-bao/", views.callback, name="payment-callback"),
    path("thanh-toan/<slug:provider>/ket-qua/", views.payment_return, name="payment-return"),
]
