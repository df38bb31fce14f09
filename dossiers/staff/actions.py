"""The actions an officer can take on a dossier page: which ones to show, and how a posted form
becomes a service call. The services re-check everything (role, agency, state, version): showing a
button is a courtesy, never the permission."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from dossiers.access import Role, has_role
from dossiers.services import processing as p
from dossiers.staff import forms as f

RECEIVING = (Role.RECEIVING_OFFICER, Role.LEADER)


def _receiving(user, d):
    return has_role(user, d.agency, *RECEIVING)


def _leader(user, d):
    return any(has_role(user, a, Role.LEADER) for a in {d.handling_unit or d.agency, d.agency})


def _processor(user, d):
    if d.assignee_id == user.pk and any(
        has_role(user, a, Role.SPECIALIST, Role.LEADER)
        for a in {d.handling_unit or d.agency, d.agency}
    ):
        return True
    return _leader(user, d)


def _partner_side(user, d):
    return (
        d.partner_agency is not None and has_role(user, d.partner_agency, *Role.ALL)
    ) or _processor(user, d)


@dataclass(frozen=True)
class Action:
    slug: str
    label: str
    transition: str  # FSM method name, or "" for checks of its own
    who: Callable
    form: type
    run: Callable  # (dossier, user, cleaned_data, files) -> result
    success: str
    danger: bool = False


def _v(data):
    return {"expected_version": data["version"]}


ACTIONS = [
    Action(
        "tiep-nhan",
        _("Tiếp nhận, cấp giấy hẹn"),
        "receive",
        _receiving,
        f.NoteForm,
        lambda d, u, c, files: p.receive(d, u, note=c.get("note", ""), **_v(c)),
        _("Đã tiếp nhận hồ sơ và cấp Giấy tiếp nhận, hẹn trả kết quả."),
    ),
    Action(
        "yeu-cau-bo-sung",
        _("Yêu cầu bổ sung (khi tiếp nhận)"),
        "request_intake_supplement",
        _receiving,
        f.SupplementForm,
        lambda d, u, c, files: p.request_intake_supplement(
            d, u, c["items"], message=c.get("message", ""), reply_by=c.get("reply_by"), **_v(c)
        ),
        _("Đã gửi Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."),
    ),
    Action(
        "tu-choi",
        _("Từ chối tiếp nhận"),
        "refuse",
        _receiving,
        f.ReasonsForm,
        lambda d, u, c, files: p.refuse(d, u, c["reasons"], **_v(c)),
        _("Đã từ chối và gửi Phiếu từ chối tiếp nhận."),
        danger=True,
    ),
    Action(
        "chuyen-xu-ly",
        _("Chuyển đơn vị xử lý"),
        "transfer",
        _receiving,
        f.TransferForm,
        lambda d, u, c, files: p.transfer(d, u, c["unit"], note=c.get("note", ""), **_v(c)),
        _("Đã chuyển hồ sơ đến đơn vị xử lý."),
    ),
    Action(
        "phan-cong",
        _("Phân công chuyên viên"),
        "assign",
        _leader,
        f.AssignForm,
        lambda d, u, c, files: p.assign(
            d, u, _user(c["specialist"]), note=c.get("note", ""), **_v(c)
        ),
        _("Đã phân công chuyên viên xử lý."),
    ),
    Action(
        "bo-sung-khi-xu-ly",
        _("Yêu cầu bổ sung (khi xử lý)"),
        "request_processing_supplement",
        _processor,
        f.SupplementForm,
        lambda d, u, c, files: p.request_processing_supplement(
            d, u, c["items"], message=c.get("message", ""), reply_by=c.get("reply_by"), **_v(c)
        ),
        _("Đã gửi yêu cầu bổ sung; thời gian xử lý tạm dừng."),
    ),
    Action(
        "nghia-vu-tai-chinh",
        _("Yêu cầu thực hiện nghĩa vụ tài chính"),
        "request_payment",
        _processor,
        f.PaymentForm,
        lambda d, u, c, files: p.request_payment(d, u, c["amount"], c["description"], **_v(c)),
        _("Đã yêu cầu công dân thực hiện nghĩa vụ tài chính."),
    ),
    Action(
        "thu-tai-quay",
        _("Xác nhận đã nộp tiền tại quầy"),
        "confirm_payment",
        lambda u, d: has_role(u, d.agency, *RECEIVING, Role.SPECIALIST),
        f.CounterPaymentForm,
        lambda d, u, c, files: p.confirm_payment_at_counter(
            d, u, c["payment"], c["receipt_number"], **_v(c)
        ),
        _("Đã ghi nhận khoản nộp; tiếp tục tính thời gian xử lý."),
    ),
    Action(
        "lien-thong",
        _("Chuyển cơ quan phối hợp (liên thông)"),
        "forward_to_partner",
        _processor,
        f.PartnerForm,
        lambda d, u, c, files: p.forward_to_partner(
            d, u, c["partner"], c["budget_hours"], note=c.get("note", ""), **_v(c)
        ),
        _("Đã chuyển hồ sơ đến cơ quan phối hợp."),
    ),
    Action(
        "nhan-lai-lien-thong",
        _("Nhận lại từ cơ quan phối hợp"),
        "return_from_partner",
        _partner_side,
        f.NoteForm,
        lambda d, u, c, files: p.return_from_partner(d, u, note=c.get("note", ""), **_v(c)),
        _("Đã nhận lại hồ sơ từ cơ quan phối hợp."),
    ),
    Action(
        "trinh-duyet",
        _("Trình lãnh đạo phê duyệt"),
        "submit_for_approval",
        _processor,
        f.NoteForm,
        lambda d, u, c, files: p.submit_for_approval(d, u, note=c.get("note", ""), **_v(c)),
        _("Đã trình lãnh đạo phê duyệt."),
    ),
    Action(
        "phe-duyet",
        _("Phê duyệt"),
        "approve",
        _leader,
        f.NoteForm,
        lambda d, u, c, files: p.approve(d, u, note=c.get("note", ""), **_v(c)),
        _("Đã phê duyệt."),
    ),
    Action(
        "tra-lai",
        _("Không phê duyệt, trả lại chuyên viên"),
        "reject",
        _leader,
        f.ReasonsForm,
        lambda d, u, c, files: p.reject(d, u, c["reasons"], **_v(c)),
        _("Đã trả lại chuyên viên để xử lý lại."),
        danger=True,
    ),
    Action(
        "ban-hanh-ket-qua",
        _("Ban hành kết quả (tải lên bản đã ký)"),
        "issue_result",
        _processor,
        f.ResultForm,
        lambda d, u, c, files: p.issue_result(
            d,
            u,
            c["result_file"],
            number=c.get("number", ""),
            summary=c.get("summary", ""),
            **_v(c),
        ),
        _("Đã ban hành kết quả; công dân đã được thông báo."),
    ),
    Action(
        "tra-ket-qua",
        _("Trả kết quả"),
        "return_result",
        _receiving,
        f.ReturnForm,
        lambda d, u, c, files: p.return_result(
            d, u, tracking_number=c.get("tracking_number", ""), note=c.get("note", ""), **_v(c)
        ),
        _("Đã trả kết quả. Hồ sơ đã kết thúc."),
    ),
    Action(
        "gia-han",
        _("Xin lỗi và hẹn lại ngày trả"),
        "",
        _leader,
        f.ExtendForm,
        lambda d, u, c, files: p.extend(
            d, u, c.get("new_due"), c["reason"], working_days=c.get("working_days"), **_v(c)
        ),
        _("Đã gia hạn và gửi Văn bản xin lỗi, hẹn lại ngày trả kết quả."),
    ),
    Action(
        "dung-xu-ly",
        _("Dừng xử lý"),
        "stop",
        _leader,
        f.ReasonsForm,
        lambda d, u, c, files: p.stop(d, u, c["reasons"], **_v(c)),
        _("Đã dừng xử lý và gửi Thông báo dừng xử lý."),
        danger=True,
    ),
    Action(
        "chap-nhan-rut",
        _("Chấp nhận rút hồ sơ"),
        "accept_withdrawal",
        _receiving,
        f.NoteForm,
        lambda d, u, c, files: p.accept_withdrawal(d, u, note=c.get("note", ""), **_v(c)),
        _("Đã chấp nhận rút hồ sơ."),
    ),
    Action(
        "khong-chap-nhan-rut",
        _("Không chấp nhận rút hồ sơ"),
        "decline_withdrawal",
        _receiving,
        f.ReasonsForm,
        lambda d, u, c, files: p.decline_withdrawal(d, u, c["reasons"], **_v(c)),
        _("Đã từ chối yêu cầu rút hồ sơ."),
    ),
]
BY_SLUG = {a.slug: a for a in ACTIONS}


def _user(pk):
    from accounts.models import User

    return User.objects.filter(pk=pk).first()


def state_allows(action: Action, dossier) -> bool:
    if action.slug == "gia-han":
        return dossier.can_be_extended
    return can_proceed(getattr(dossier, action.transition))


def available(dossier, user) -> list[Action]:
    return [a for a in ACTIONS if state_allows(a, dossier) and a.who(user, dossier)]
