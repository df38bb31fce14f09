"""Survey invitations and responses: one response per dossier (the database says so), answers per
question on the form's scale, and the follow-up of dissatisfied ratings by the agency's leaders."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satisfaction.models.surveys import Aspect


class ResponseChannel(models.TextChoices):
    LINK = "link", _("Đường dẫn mời đánh giá")
    ONLINE = "online", _("Trang hồ sơ trực tuyến")
    COUNTER = "counter", _("Thiết bị tại quầy")


class SurveyInvitation(models.Model):
    """A signed link sent when the result is returned; it works without signing in until it expires."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="survey_invitations"
    )
    nonce = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    opened_at = models.DateTimeField(_("mở lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lời mời đánh giá")
        verbose_name_plural = _("lời mời đánh giá")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.dossier_id} → {self.expires_at:%d/%m/%Y}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class SurveyResponseQuerySet(models.QuerySet):
    def dissatisfied(self):
        return self.filter(is_dissatisfied=True)

    def awaiting_follow_up(self):
        return self.filter(is_dissatisfied=True, followed_up_at__isnull=True)

    def for_agencies(self, agencies):
        return self.filter(agency__in=agencies)


class SurveyResponse(models.Model):
    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        related_name="survey_response",
    )
    form = models.ForeignKey(
        "satisfaction.SurveyForm", on_delete=models.PROTECT, related_name="responses"
    )
    channel = models.CharField(_("hình thức"), max_length=10, choices=ResponseChannel.choices)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đánh giá"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
    )
    # Copied from the dossier when the response is saved: the fact tables group by them.
    agency = models.ForeignKey(
        "procedures.Agency", on_delete=models.PROTECT, related_name="survey_responses"
    )
    unit = models.ForeignKey(
        "procedures.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    procedure = models.ForeignKey(
        "procedures.Procedure", on_delete=models.PROTECT, related_name="survey_responses"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ giải quyết"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("đánh giá lúc"), default=timezone.now)
    updated_at = models.DateTimeField(_("sửa lúc"), default=timezone.now)
    change_until = models.DateTimeField(_("được sửa đến"))
    average = models.DecimalField(_("điểm trung bình"), max_digits=4, decimal_places=2)
    is_satisfied = models.BooleanField(_("hài lòng"), default=False)
    is_dissatisfied = models.BooleanField(_("chưa hài lòng"), default=False)
    comment = models.TextField(_("ý kiến khác"), blank=True)
    problem = models.TextField(_("điều chưa tốt"), blank=True)
    routed_at = models.DateTimeField(_("chuyển lãnh đạo lúc"), null=True, blank=True)
    followed_up_at = models.DateTimeField(_("lãnh đạo xử lý lúc"), null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    follow_up_note = models.TextField(_("ghi chú xử lý"), blank=True)

    objects = SurveyResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiếu đánh giá")
        verbose_name_plural = _("phiếu đánh giá")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["agency", "submitted_at"], name="response_agency_submitted"),
            models.Index(
                fields=["agency", "submitted_at"],
                condition=Q(is_dissatisfied=True, followed_up_at__isnull=True),
                name="response_awaiting_follow_up",
            ),
        ]

    def __str__(self):
        return f"{self.dossier_id}: {self.average}"

    @property
    def can_change(self) -> bool:
        return timezone.now() <= self.change_until


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        "satisfaction.SurveyQuestion", on_delete=models.PROTECT, related_name="answers"
    )
    aspect = models.CharField(max_length=20, choices=Aspect.choices)
    rating = models.PositiveSmallIntegerField(_("mức đánh giá"))

    class Meta:
        verbose_name = _("câu trả lời")
        verbose_name_plural = _("câu trả lời")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            ),
            # The form's own scale is checked by the service; the database refuses nonsense anyway.
            models.CheckConstraint(
                condition=Q(rating__gte=0, rating__lte=10), name="answer_rating_range"
            ),
        ]

    def __str__(self):
        return f"{self.question_id}: {self.rating}"
