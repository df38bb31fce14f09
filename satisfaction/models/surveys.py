"""Survey forms as versioned data (phiếu khảo sát): questions, the scale and its labels in vi/en.

The default form follows the national survey aspects (SIPAS): access to the service, the procedure, the
civil servant, the result, feedback handling; a 5-point scale from "rất không hài lòng" to "rất hài
lòng", plus a comment. A form is never edited once responses point at it: a new version is made instead,
and exactly one version is active at a time.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Aspect(models.TextChoices):
    """The five aspects of the national survey (SIPAS)."""

    ACCESS = "access", _("Tiếp cận dịch vụ")
    PROCEDURE = "procedure", _("Thủ tục hành chính")
    OFFICER = "officer", _("Công chức giải quyết công việc")
    RESULT = "result", _("Kết quả giải quyết")
    FEEDBACK = "feedback", _("Tiếp nhận, xử lý phản ánh, kiến nghị")


class SurveyFormQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=SurveyForm.Status.ACTIVE)


class SurveyForm(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ACTIVE = "active", _("Đang sử dụng")
        RETIRED = "retired", _("Ngừng sử dụng")

    code = models.CharField(_("mã phiếu"), max_length=40)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    title_vi = models.CharField(_("tiêu đề (tiếng Việt)"), max_length=255)
    title_en = models.CharField(_("tiêu đề (tiếng Anh)"), max_length=255, blank=True)
    intro_vi = models.TextField(_("lời dẫn (tiếng Việt)"), blank=True)
    intro_en = models.TextField(_("lời dẫn (tiếng Anh)"), blank=True)
    scale_min = models.PositiveSmallIntegerField(_("điểm thấp nhất"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("điểm cao nhất"), default=5)
    scale_labels = models.JSONField(
        _("nhãn thang điểm"),
        default=list,
        help_text=_('[{"value": 1, "vi": "Rất không hài lòng", "en": "Very dissatisfied"}, …]'),
    )
    satisfied_from = models.PositiveSmallIntegerField(
        _("hài lòng từ mức"),
        default=4,
        help_text=_("Một câu trả lời từ mức này trở lên được tính là hài lòng (4–5 trên thang 5)."),
    )
    dissatisfied_up_to = models.PositiveSmallIntegerField(
        _("chưa hài lòng đến mức"),
        default=2,
        help_text=_("Có câu trả lời ở mức này trở xuống: hỏi điều gì chưa tốt và chuyển lãnh đạo."),
    )
    change_window_days = models.PositiveSmallIntegerField(_("số ngày được sửa đánh giá"), default=7)
    invitation_valid_days = models.PositiveSmallIntegerField(
        _("số ngày hiệu lực của đường dẫn mời"), default=30
    )
    legal_source = models.TextField(_("căn cứ"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SurveyFormQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiếu khảo sát")
        verbose_name_plural = _("phiếu khảo sát")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="survey_form_code_version"),
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="active"), name="one_active_survey_form"
            ),
            models.CheckConstraint(
                condition=Q(scale_min__lt=models.F("scale_max")), name="survey_scale_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.title_vi} (v{self.version})"

    @property
    def title(self):
        return self.title_en if get_language() == "en" and self.title_en else self.title_vi

    @property
    def intro(self):
        return self.intro_en if get_language() == "en" and self.intro_en else self.intro_vi

    @property
    def scale(self) -> list[tuple[int, str]]:
        """(value, label) pairs in the current language, every value of the scale present."""
        english = get_language() == "en"
        labels = {int(item["value"]): item for item in self.scale_labels}
        pairs = []
        for value in range(self.scale_min, self.scale_max + 1):
            item = labels.get(value, {})
            pairs.append((value, (english and item.get("en")) or item.get("vi") or str(value)))
        return pairs

    def in_scale(self, value) -> bool:
        return isinstance(value, int) and self.scale_min <= value <= self.scale_max


class SurveyQuestion(models.Model):
    form = models.ForeignKey(
        SurveyForm, verbose_name=_("phiếu"), on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã câu hỏi"), max_length=40)
    aspect = models.CharField(_("khía cạnh"), max_length=20, choices=Aspect.choices)
    text_vi = models.CharField(_("câu hỏi (tiếng Việt)"), max_length=500)
    text_en = models.CharField(_("câu hỏi (tiếng Anh)"), max_length=500, blank=True)
    help_vi = models.CharField(_("gợi ý (tiếng Việt)"), max_length=500, blank=True)
    help_en = models.CharField(_("gợi ý (tiếng Anh)"), max_length=500, blank=True)
    required = models.BooleanField(_("bắt buộc"), default=True)

    class Meta:
        verbose_name = _("câu hỏi khảo sát")
        verbose_name_plural = _("câu hỏi khảo sát")
        ordering = ["form", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["form", "code"], name="survey_question_code"),
        ]

    def __str__(self):
        return self.text_vi

    @property
    def text(self):
        return self.text_en if get_language() == "en" and self.text_en else self.text_vi

    @property
    def help(self):
        return self.help_en if get_language() == "en" and self.help_en else self.help_vi
