"""Agencies (cơ quan, đơn vị) as a tree of any depth, and sectors (lĩnh vực)."""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from procedures.search import normalize


class AgencyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def descendants_of(self, agency, include_self=False):
        """Every agency below ``agency`` at any depth (one query on the materialised path)."""
        qs = self.filter(path__startswith=agency.path)
        if not include_self:
            qs = qs.exclude(pk=agency.pk)
        return qs

    def ancestors_of(self, agency, include_self=False):
        """The agencies above ``agency``, from the root down (one query)."""
        ids = agency.ancestor_ids(include_self=include_self)
        return self.filter(pk__in=ids).order_by("depth")

    def roots(self):
        return self.filter(parent__isnull=True)


class Agency(models.Model):
    """A state agency or unit: a province, its departments, districts (where they remain) and communes.

    Districts were abolished in mid-2025, so the tree allows two or three tiers or more. ``path`` is a
    materialised path of primary keys ("12/40/311/") kept by ``save()``, so descendants and ancestors
    are one indexed query each. Working calendars are looked up by walking up this tree (portal app).
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Cấp tỉnh")
        DEPARTMENT = "department", _("Sở, ban, ngành")
        DISTRICT = "district", _("Cấp huyện")
        COMMUNE = "commune", _("Cấp xã")

    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(_("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    level = models.CharField(_("cấp"), max_length=20, choices=Level.choices)
    admin_unit_code = models.CharField(
        _("mã đơn vị hành chính"),
        max_length=10,
        blank=True,
        help_text=_("Mã tỉnh hoặc xã theo danh mục đơn vị hành chính (gói vietnam-provinces)."),
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    place = models.CharField(
        _("địa danh"),
        max_length=100,
        blank=True,
        help_text=_(
            "Địa danh ghi ở dòng “…, ngày … tháng … năm …” của văn bản, ví dụ Huế. Để trống thì "
            "lấy tên tỉnh hoặc xã theo mã đơn vị hành chính của cơ quan hoặc cơ quan cấp trên."
        ),
    )
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang thông tin"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    search_text = models.TextField(editable=False, default="")

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["path"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = normalize(f"{self.code} {self.name} {self.short_name}")
        if self.pk and self.parent_id and self.path and self.parent.path.startswith(self.path):
            raise ValueError("An agency cannot be placed below itself or its own descendant")
        with transaction.atomic():
            old_path = self.path
            super().save(*args, **kwargs)
            new_path = self._computed_path()
            if new_path != old_path:
                self.path = new_path
                self.depth = new_path.count("/") - 1
                Agency.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)
                if old_path:
                    self._move_descendants(old_path, new_path)

    def document_place(self) -> str:
        """The place name of the date line of the documents this agency issues (Decree 30/2020,
        appendix I: the proper name of the province or commune where it sits): its own ``place``,
        else the name of its administrative unit (``admin_unit_code``), else the nearest ancestor's.
        "" when none of them says (the renderer then falls back to the DOCUMENTS_PLACE setting)."""
        own = _place_of(self)
        if own:
            return own
        parent = self.parent if self.parent_id else None
        if parent is not None:
            found = _place_of(parent)
            if found:
                return found
            above = Agency.objects.ancestors_of(parent).order_by("-depth")
            for agency in above.only("place", "admin_unit_code", "level"):
                found = _place_of(agency)
                if found:
                    return found
        return ""

    def ancestor_ids(self, include_self=False):
        ids = [int(part) for part in self.path.split("/") if part]
        return ids if include_self else ids[:-1]

    def _computed_path(self):
        prefix = self.parent.path if self.parent_id else ""
        return f"{prefix}{self.pk}/"

    def _move_descendants(self, old_path, new_path):
        for child in Agency.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
            child.path = new_path + child.path[len(old_path) :]
            child.depth = child.path.count("/") - 1
            Agency.objects.filter(pk=child.pk).update(path=child.path, depth=child.depth)


_PLACE_PREFIXES = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ", "Thị trấn ")


def _place_of(agency) -> str:
    """``agency.place``, else the proper name of its province or commune from vietnam-provinces."""
    if agency.place:
        return agency.place
    code = (agency.admin_unit_code or "").strip()
    if not code.isdigit():
        return ""
    from vietnam_provinces import Province, ProvinceCode, Ward

    try:
        if agency.level == Agency.Level.PROVINCE:
            name = Province.from_code(ProvinceCode(int(code))).name
        elif agency.level == Agency.Level.COMMUNE:
            name = Ward.from_code(int(code)).name
        else:
            return ""
    except (ValueError, KeyError, LookupError):
        return ""
    for prefix in _PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


class Sector(models.Model):
    """A sector (lĩnh vực) of the catalogue: Hộ tịch, Đất đai, Xây dựng..."""

    code = models.CharField(_("mã lĩnh vực"), max_length=40, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=255)
    is_active = models.BooleanField(_("đang sử dụng"), default=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = normalize(f"{self.code} {self.name}")
        super().save(*args, **kwargs)
