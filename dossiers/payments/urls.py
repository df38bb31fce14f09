from django.urls import path

from dossiers.payments import views

# The provider endpoints come first: a sandbox token never looks like "thong-bao" or "ket-qua".
urlpatterns = [
    path("thanh-toan/<slug:provider>/thong-bao/", views.callback, name="payment-callback"),
    path("thanh-toan/<slug:provider>/ket-qua/", views.payment_return, name="payment-return"),
    path("thanh-toan/sandbox/<str:token>/", views.sandbox_gateway, name="sandbox-gateway"),
]
