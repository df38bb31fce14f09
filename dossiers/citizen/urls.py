from django.urls import path

from dossiers.citizen import lookup, views
from dossiers.payments import views as payment_views

urlpatterns = [
    path("ho-so/", views.mine, name="mine"),
    path("ho-so/nop/<str:code>/", views.start, name="start"),
    path("ho-so/kho-du-lieu/", views.personal_store, name="personal-store"),
    path("ho-so/kho-du-lieu/<int:document_id>/", views.download_personal, name="personal-file"),
    path("ho-so/<int:pk>/", views.detail, name="detail"),
    path("ho-so/<int:pk>/sua/", views.edit, name="edit"),
    path("ho-so/<int:pk>/xem-lai/", views.review, name="review"),
    path("ho-so/<int:pk>/nop/", views.submit, name="submit"),
    path("ho-so/<int:pk>/xoa/", views.delete_draft, name="delete-draft"),
    path("ho-so/<int:pk>/tep/<int:attachment_id>/", views.download_attachment, name="attachment"),
    path(
        "ho-so/<int:pk>/tep/<int:attachment_id>/xoa/", views.remove_file, name="remove-attachment"
    ),
    path("ho-so/<int:pk>/van-ban/<int:document_id>/", views.download_document, name="document"),
    path("ho-so/<int:pk>/bo-sung/", views.answer_supplement, name="supplement"),
    path("ho-so/<int:pk>/rut/", views.withdraw, name="withdraw"),
    path("ho-so/<int:pk>/thanh-toan/phi/", payment_views.pay_fees, name="pay-fees"),
    path("ho-so/<int:pk>/thanh-toan/<int:payment_id>/", payment_views.pay, name="pay"),
    path(
        "ho-so/<int:pk>/thanh-toan/<int:payment_id>/bien-lai/",
        payment_views.receipt,
        name="receipt",
    ),
    path("tra-cuu/", lookup.lookup, name="lookup"),
]
