"""OpenAPI generation (drf-spectacular): every operation documents the shared error shape for the
statuses it can answer with, so clients (and schemathesis) can rely on it."""

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from portal.api.errors import ERROR_CODES


class ErrorItemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Mã lỗi của trường (ổn định, không dịch)."))
    message = serializers.CharField(help_text=_("Thông báo theo ngôn ngữ được yêu cầu."))


def _error_code_help() -> str:
    return _("Mã lỗi máy đọc, ổn định, không dịch. Một trong: %(codes)s, hoặc mã riêng.") % {
        "codes": ", ".join(ERROR_CODES)
    }


class ErrorSerializer(serializers.Serializer):
    # Lazy: this module may first be imported while a request in English is being served, and the
    # schema (and its committed copy) must not depend on that.
    code = serializers.CharField(help_text=lazy(_error_code_help, str)())
    message = serializers.CharField(help_text=_("Thông báo theo ngôn ngữ được yêu cầu."))
    fields = serializers.DictField(
        child=ErrorItemSerializer(many=True),
        help_text=_("Lỗi theo từng trường dữ liệu (rỗng khi không phải lỗi dữ liệu)."),
    )
    retry_after = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("Số giây nên chờ khi bị giới hạn tần suất.")
    )
    problems = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text=_("Những điều còn ngăn việc nộp hồ sơ (khi nộp chưa được)."),
    )

    class Meta:
        ref_name = "Error"


ERROR_RESPONSES = {
    "400": _("Dữ liệu không hợp lệ."),
    "401": _("Chưa xác thực hoặc mã truy cập không hợp lệ."),
    "403": _("Không có quyền hoặc mã truy cập thiếu phạm vi."),
    "404": _("Không tìm thấy."),
    "405": _("Phương thức không được hỗ trợ."),
    "406": _("Không trả về được định dạng được yêu cầu."),
    "429": _("Quá nhiều yêu cầu."),
}
WRITE_ERROR_RESPONSES = {
    "409": _("Xung đột với trạng thái hiện tại của đối tượng."),
    "415": _("Định dạng nội dung không được hỗ trợ."),
}


class PortalAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = dict(ERROR_RESPONSES)
        if self.method not in ("GET", "HEAD", "OPTIONS"):
            errors.update(WRITE_ERROR_RESPONSES)
        for code, description in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(response=ErrorSerializer, description=str(description)),
                    code,
                    direction=direction,
                )
        return responses
