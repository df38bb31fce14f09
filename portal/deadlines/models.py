from django.db import models
from django.utils.translation import gettext_lazy as _


class ScanWatermark(models.Model):
    """How far a periodic scan has looked: each deadline crossing in (previous value, new value] is
    handled exactly once, for rows that carry no "notified" mark of their own (steps, intake answers)."""

    name = models.CharField(_("tên"), max_length=60, unique=True)
    value = models.DateTimeField(_("đã quét đến"))
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mốc quét thời hạn")
        verbose_name_plural = _("mốc quét thời hạn")

    def __str__(self):
        return f"{self.name}: {self.value:%H:%M %d/%m/%Y}"
