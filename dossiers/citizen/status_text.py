"""What the citizen reads about a dossier's state: what is expected of them, and the log's wording."""

from django.utils.translation import gettext_lazy as _

from dossiers.models import State
from dossiers.models.states import WITHDRAWABLE_STATES

FILTER_LABELS = {
    "": _("Tất cả"),
    "nhap": _("Bản nháp"),
    "cho-tiep-nhan": _("Chờ tiếp nhận"),
    "can-bo-sung": _("Cần bổ sung"),
    "can-thanh-toan": _("Cần thanh toán"),
    "dang-xu-ly": _("Đang xử lý"),
    "co-ket-qua": _("Có kết quả"),
    "da-xong": _("Đã kết thúc"),
}

EXPECTED = {
    State.DRAFT: _("Hoàn thiện và nộp hồ sơ"),
    State.SUPPLEMENT_AT_INTAKE: _("Bổ sung giấy tờ theo yêu cầu"),
    State.SUPPLEMENT_IN_PROCESSING: _("Bổ sung giấy tờ theo yêu cầu"),
    State.PAYMENT_REQUESTED: _("Thanh toán nghĩa vụ tài chính"),
    State.RESULT_READY: _("Nhận kết quả"),
}

ACTIONS = {
    "draft_created": _("Tạo hồ sơ nháp"),
    "submit": _("Nộp hồ sơ trực tuyến"),
    "receive": _("Tiếp nhận hồ sơ"),
    "register_at_counter": _("Tiếp nhận hồ sơ tại quầy"),
    "request_intake_supplement": _("Yêu cầu bổ sung hồ sơ"),
    "request_processing_supplement": _("Yêu cầu bổ sung hồ sơ"),
    "request_supplement": _("Yêu cầu bổ sung hồ sơ"),
    "answer_supplement": _("Công dân bổ sung hồ sơ"),
    "refuse": _("Từ chối tiếp nhận"),
    "transfer": _("Chuyển xử lý"),
    "assign": _("Phân công xử lý"),
    "request_payment": _("Yêu cầu thực hiện nghĩa vụ tài chính"),
    "payment_confirmed": _("Đã thanh toán trực tuyến"),
    "confirm_payment": _("Đã thanh toán"),
    "forward_to_partner": _("Chuyển cơ quan phối hợp"),
    "return_from_partner": _("Cơ quan phối hợp trả kết quả"),
    "submit_for_approval": _("Trình phê duyệt"),
    "approve": _("Phê duyệt"),
    "reject": _("Trả lại để xử lý lại"),
    "issue_result": _("Ban hành kết quả"),
    "return_result": _("Trả kết quả"),
    "stop": _("Dừng xử lý"),
    "request_withdrawal": _("Công dân yêu cầu rút hồ sơ"),
    "accept_withdrawal": _("Chấp nhận rút hồ sơ"),
    "decline_withdrawal": _("Không chấp nhận rút hồ sơ"),
    "extend": _("Gia hạn, hẹn lại ngày trả kết quả"),
}


def expected_of_applicant(dossier) -> str:
    return str(EXPECTED.get(dossier.status, ""))


def can_withdraw(dossier) -> bool:
    return dossier.status in WITHDRAWABLE_STATES


def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action.replace("_", " ")))


def event_row(event, applicant_id):
    """One line of the public log: when, what, which unit, who (role only for officers), on time?"""
    actor = event.actor
    if actor is None:
        who = _("Hệ thống")
    elif actor.pk == applicant_id or getattr(actor, "kind", "") != "staff":
        who = actor.full_name or actor.username
    else:
        who = (event.data or {}).get("role_label") or _("Cán bộ")
    late = None
    if event.due_at and (event.data or {}).get("step_result"):
        late = event.data["step_result"] == "late"
    return {
        "at": event.at,
        "action": action_label(event.action),
        "unit": event.unit.name if event.unit_id else "",
        "who": who,
        "note": event.note,
        "status": event.get_to_state_display() if event.to_state else "",
        "due_at": event.due_at,
        "late": late,
    }
