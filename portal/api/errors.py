"""One JSON shape for every API error, in the language the caller asked for.

    {"code": "not_found", "message": "Không tìm thấy.", "fields": {}}

``code`` is a stable machine code (documented in the schema, never translated); ``message`` is for
people, in Vietnamese unless the request asked for English (``?lang=en`` or Accept-Language, see
portal.api.middleware); ``fields`` maps input names to a list of ``{"code", "message"}`` for
validation errors, and is empty otherwise. A throttled request also gets ``retry_after`` (seconds).

Refusals raised by service functions (``dossiers.services.base.DossierError`` and its kinds, or any
exception with ``status`` and ``message`` attributes and ``api_code``) become the same shape with the
service's own message, so the API says exactly what the pages say.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error

logger = logging.getLogger("portal.api")


def _messages():
    """Default messages per machine code (the caller's language is active when this runs)."""
    return {
        "invalid": _("Dữ liệu gửi lên không hợp lệ."),
        "parse_error": _("Nội dung yêu cầu không đọc được (JSON không hợp lệ)."),
        "not_authenticated": _("Cần đăng nhập hoặc gửi mã truy cập (access token)."),
        "authentication_failed": _("Thông tin xác thực không đúng hoặc đã hết hạn."),
        "permission_denied": _("Bạn không có quyền thực hiện thao tác này."),
        "insufficient_scope": _("Mã truy cập không có phạm vi (scope) cần cho thao tác này."),
        "not_found": _("Không tìm thấy."),
        "method_not_allowed": _("Phương thức không được hỗ trợ."),
        "not_acceptable": _("Không trả về được định dạng được yêu cầu."),
        "unsupported_media_type": _("Định dạng nội dung gửi lên không được hỗ trợ."),
        "throttled": _("Quá nhiều yêu cầu. Vui lòng thử lại sau."),
        "conflict": _("Thao tác xung đột với trạng thái hiện tại."),
        "server_error": _("Lỗi hệ thống. Vui lòng thử lại sau."),
    }


# DRF's own codes that we rename to ours.
_CODE_ALIASES = {"error": "invalid", "invalid": "invalid"}

ERROR_CODES = (
    "invalid",
    "parse_error",
    "not_authenticated",
    "authentication_failed",
    "permission_denied",
    "insufficient_scope",
    "not_found",
    "method_not_allowed",
    "not_acceptable",
    "unsupported_media_type",
    "throttled",
    "conflict",
    "wrong_state",
    "dossier_changed",
    "incomplete",
    "file_rejected",
    "assurance_level_required",
    "not_accepting_online",
    "unsafe_destination",
    "survey_no_result",
    "survey_duplicate",
    "survey_missing",
    "survey_out_of_scale",
    "survey_problem_missing",
    "server_error",
)


def error_body(code: str, message=None, fields=None, **extra) -> dict:
    body = {"code": code, "message": str(message or _messages().get(code, code)), "fields": {}}
    if fields:
        body["fields"] = fields
    body.update(extra)
    return body


def _field_errors(detail) -> dict:
    """DRF's nested ValidationError detail → {"field": [{"code", "message"}]}, nested names dotted."""
    result: dict[str, list] = {}

    def walk(prefix, value):
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        elif isinstance(value, list):
            if all(not isinstance(item, dict | list) for item in value):
                for item in value:
                    result.setdefault(prefix or "non_field_errors", []).append(
                        {
                            "code": getattr(item, "code", "invalid") or "invalid",
                            "message": str(item),
                        }
                    )
            else:
                for index, item in enumerate(value):
                    walk(f"{prefix}.{index}" if prefix else str(index), item)
        else:
            result.setdefault(prefix or "non_field_errors", []).append(
                {"code": getattr(value, "code", "invalid") or "invalid", "message": str(value)}
            )

    walk("", detail)
    return result


def _service_error(exc):
    """A refusal from a service function: an exception carrying ``status`` and ``message``."""
    status_code = getattr(exc, "status", None)
    message = getattr(exc, "message", None)
    if not isinstance(status_code, int) or message is None:
        return None
    code = getattr(exc, "api_code", None)
    if code is None:
        name = type(exc).__name__
        code = {
            "ActionForbidden": "permission_denied",
            "WrongState": "wrong_state",
            "DossierChanged": "dossier_changed",
            "InvalidInput": "invalid",
        }.get(name)
    if code is None:
        code = {400: "invalid", 403: "permission_denied", 404: "not_found", 409: "conflict"}.get(
            status_code, "invalid"
        )
    fields = getattr(exc, "fields", None)
    return Response(error_body(code, message, fields), status=status_code)


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every failure of an API view becomes ``error_body``."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))

    if not isinstance(exc, exceptions.APIException):
        response = _service_error(exc)
        if response is not None:
            return response
        logger.exception("Unhandled error in API view %s", context.get("view"))
        return Response(error_body("server_error"), status=status.HTTP_500_INTERNAL_SERVER_ERROR)

    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        headers["Retry-After"] = str(int(exc.wait))

    if isinstance(exc, exceptions.ValidationError):
        body = error_body("invalid", fields=_field_errors(exc.detail))
    else:
        code = exc.get_codes() if isinstance(exc.detail, str) else exc.default_code
        code = _CODE_ALIASES.get(code, code)
        # DRF's default wording is replaced by ours; a message a view chose itself is kept.
        detail = exc.detail if isinstance(exc.detail, str) else None
        if detail is None or str(detail) == str(exc.default_detail):
            detail = None
        extra = {}
        if isinstance(exc, exceptions.Throttled):
            extra["retry_after"] = int(exc.wait) if exc.wait is not None else None
            detail = None
        body = error_body(code, detail, **extra)
    response = Response(body, status=exc.status_code, headers=headers)
    return response


def json_error(request, code: str, status_code: int, message=None) -> JsonResponse:
    """The same shape from plain Django views (unknown API URLs, OAuth2 errors we wrap)."""
    return JsonResponse(error_body(code, message), status=status_code)


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """Any URL under /api/v1/ that matches no endpoint: JSON 404, not the HTML page."""
    return json_error(request, "not_found", 404)
