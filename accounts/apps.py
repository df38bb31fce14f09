from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Tài khoản")

    def ready(self):
        from django.conf import settings

        from accounts import notifications  # noqa: F401 - registers the app's notification events

        if settings.ACCOUNTS_ADMIN_REQUIRES_OTP:
            # The admin site (/quan-tri/) is for system admins: it also asks for the second factor
            # (django-otp's OTPAdminSite: a verified session, or a code on its own login form).
            from django.contrib import admin
            from django_otp.admin import OTPAdminSite

            admin.site.__class__ = OTPAdminSite
