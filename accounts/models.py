from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The single account of a person, an organisation's member or a civil servant.

    The auth model from the very first migration (AUTH_USER_MODEL = "accounts.User"), so identity
    fields can grow here without swapping the user model later.
    """

    full_name = models.CharField(_("họ và tên"), max_length=255, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or super().get_full_name()
