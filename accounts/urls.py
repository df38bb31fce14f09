"""Pages of the accounts app. Included at the site root by portal/urls.py; paths are Vietnamese slugs."""

from django.urls import path

from accounts.views import auth, profile, staff

app_name = "accounts"

urlpatterns = [
    path("tai-khoan/dang-nhap/", auth.sign_in, name="login"),
    path("tai-khoan/dang-xuat/", auth.sign_out, name="logout"),
    path("tai-khoan/dang-ky/", auth.register, name="register"),
    path("tai-khoan/dang-ky/xac-minh/<uuid:token>/", auth.register_verify, name="register-verify"),
    path("tai-khoan/dang-ky/gui-lai/<uuid:token>/", auth.register_resend, name="register-resend"),
    path("tai-khoan/quen-mat-khau/", auth.password_reset_request, name="password-reset-request"),
    path("tai-khoan/quen-mat-khau/<uuid:token>/", auth.password_reset, name="password-reset"),
    path("tai-khoan/xac-thuc-hai-buoc/", auth.two_factor_verify, name="two-factor"),
    path("tai-khoan/xac-thuc-hai-buoc/thiet-lap/", auth.two_factor_setup, name="two-factor-setup"),
    path("tai-khoan/oidc/bat-dau/", auth.OIDCStart.as_view(), name="oidc-start"),
    path("tai-khoan/oidc/callback/", auth.OIDCCallback.as_view(), name="oidc-callback"),
    path("tai-khoan/ho-so-ca-nhan/", profile.profile, name="profile"),
    path("tai-khoan/doi-mat-khau/", profile.password_change, name="password-change"),
    path("tai-khoan/lien-he/", profile.contact_change, name="contact-change"),
    path("tai-khoan/lien-he/xac-minh/<uuid:token>/", profile.contact_verify, name="contact-verify"),
    path("tai-khoan/lien-he/gui-lai/<uuid:token>/", profile.contact_resend, name="contact-resend"),
    path("tai-khoan/du-lieu-cua-toi/", profile.download_my_data, name="my-data"),
    path("tai-khoan/yeu-cau-xoa/", profile.request_deletion, name="delete"),
    path("tai-khoan/uy-quyen/", profile.grant_representation, name="representation-grant"),
    path(
        "tai-khoan/uy-quyen/<int:pk>/cham-dut/",
        profile.revoke_representation,
        name="representation-revoke",
    ),
    path("tai-khoan/to-chuc/dang-ky/", profile.register_organisation, name="org-register"),
    path("tai-khoan/thanh-vien/", profile.add_organisation_member, name="org-member-add"),
    path(
        "tai-khoan/thanh-vien/<int:pk>/go/",
        profile.remove_organisation_member,
        name="org-member-remove",
    ),
    path("tai-khoan/<int:pk>/", profile.account_detail, name="account"),
    path("can-bo/", staff.staff_home, name="staff-home"),
    path("can-bo/nhan-su/", staff.staff_list, name="staff-list"),
    path("can-bo/doi-chieu-dinh-danh/", staff.counter_verification, name="counter-verification"),
    path("can-bo/nhan-su/<int:pk>/ket-thuc/", staff.end_membership, name="staff-end"),
    path(
        "can-bo/nhan-su/<int:pk>/dat-lai-xac-thuc/",
        staff.reset_second_factor,
        name="staff-reset-2fa",
    ),
]
