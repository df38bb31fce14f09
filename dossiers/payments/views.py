"""The sandbox gateway's own payment page (served by us under /thanh-toan/sandbox/, standing in for a
bank's page) and the merchant-side endpoints every provider uses: the signed server-to-server callback
and the browser's return."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dossiers import private_files
from dossiers.citizen.views import _dossier_for
from dossiers.models import Payment, State
from dossiers.payments import registry
from dossiers.payments.contrib.sandbox import SandboxProvider
from dossiers.payments.tasks import deliver_sandbox_callback
from dossiers.services import payments as payment_services
from dossiers.services.base import DossierError

logger = logging.getLogger(__name__)


def _sandbox() -> SandboxProvider:
    for name in registry.names():
        provider = registry.get(name)
        if isinstance(provider, SandboxProvider):
            return provider
    raise Http404


@require_http_methods(["GET", "POST"])
def sandbox_gateway(request, token):
    provider = _sandbox()
    try:
        order = provider.read_token(token)
    except signing.BadSignature:
        return TemplateResponse(
            request, "dossiers/payments/sandbox_invalid.html", {"reason": "invalid"}, status=400
        )
    expires = parse_datetime(order.get("expires") or "")
    if expires and expires < timezone.now():
        return TemplateResponse(
            request, "dossiers/payments/sandbox_invalid.html", {"reason": "expired"}, status=410
        )
    if request.method == "POST":
        paid = request.POST.get("action") == "pay"
        params = provider.settle(order, paid=paid)
        deliver_sandbox_callback.delay_on_commit(order["notify"], params)
        return HttpResponseRedirect(provider.with_params(order["return"], params))
    return TemplateResponse(request, "dossiers/payments/sandbox_gateway.html", {"order": order})


# --- merchant side: starting a payment, the callback, the return, the receipt --------------------
def _build_urls(request):
    def build(payment, provider_name):
        return (
            request.build_absolute_uri(reverse("dossiers:payment-return", args=[provider_name])),
            request.build_absolute_uri(reverse("dossiers:payment-callback", args=[provider_name])),
        )

    return build


def _client_ip(request):
    return request.META.get("REMOTE_ADDR", "127.0.0.1")


@login_required
@require_POST
def pay_fees(request, pk):
    """Start (or restart) the online payment of a full-process draft's fees."""
    dossier = _dossier_for(request, pk, related=True)
    try:
        payment = payment_services.fee_payment_for(dossier, request.user)
    except DossierError as error:
        return _payment_error(request, error, dossier)
    return _start_payment(request, dossier, payment)


@login_required
@require_POST
def pay(request, pk, payment_id):
    """Pay an amount the agency asked for (status 6), or retry a failed fee payment."""
    dossier = _dossier_for(request, pk, related=False)
    payment = get_object_or_404(Payment, pk=payment_id, dossier=dossier)
    return _start_payment(request, dossier, payment)


def _start_payment(request, dossier, payment):
    """Send the payer to the chosen provider's page for ``payment`` (both pay views end here)."""
    try:
        url = payment_services.start(
            payment,
            request.user,
            provider_name=request.POST.get("provider") or None,
            build_urls=_build_urls(request),
            client_ip=_client_ip(request),
            locale=get_language() or "vi",
        )
    except (DossierError, registry.UnknownProvider) as error:
        return _payment_error(request, error, dossier)
    return HttpResponseRedirect(url)


def _payment_error(request, error, dossier):
    if isinstance(error, registry.UnknownProvider):
        error = DossierError(_("Kênh thanh toán không tồn tại."))
    return TemplateResponse(
        request,
        "dossiers/citizen/error.html",
        {"error": error.message, "dossier": dossier},
        status=error.status,
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def callback(request, provider):
    """The provider's signed server-to-server callback (VNPay's IPN is a GET, the sandbox POSTs)."""
    params = request.POST.dict() if request.method == "POST" else request.GET.dict()
    headers = {
        "remote_addr": _client_ip(request),
        "user_agent": request.headers.get("User-Agent", ""),
    }
    outcome = payment_services.handle_callback(provider, params, headers)
    try:
        return registry.get(provider).callback_response(outcome)
    except registry.UnknownProvider:
        return HttpResponse("unknown provider", status=404, content_type="text/plain")


@require_GET
def payment_return(request, provider):
    """The payer's browser coming back. Reads, never writes: only a verified callback marks paid."""
    try:
        result = registry.get(provider).parse_return(request.GET.dict())
    except registry.UnknownProvider as error:
        raise Http404 from error
    payment = None
    if result.signature_valid and result.reference:
        payment = (
            Payment.objects.filter(provider=provider, provider_reference=result.reference)
            .select_related("dossier")
            .first()
        )
    if payment is None:
        return TemplateResponse(
            request,
            "dossiers/citizen/error.html",
            {"error": _("Kết quả thanh toán không hợp lệ hoặc đã bị sửa đổi.")},
            status=400,
        )
    if payment.status == Payment.Status.PAID:
        messages.success(request, _("Thanh toán thành công. Biên lai điện tử đã được phát hành."))
    elif result.succeeded:
        messages.info(
            request,
            _("Cổng thanh toán báo đã trừ tiền; hệ thống đang chờ xác nhận từ ngân hàng."),
        )
    else:
        messages.error(request, _("Giao dịch không thành công hoặc đã bị hủy. Bạn có thể thử lại."))
    dossier = payment.dossier
    target = "dossiers:review" if dossier.status == State.DRAFT else "dossiers:detail"
    return redirect(target, dossier.pk)


@login_required
def receipt(request, pk, payment_id):
    """The electronic receipt (biên lai điện tử) of a paid payment: the PDF stored when the payment
    was confirmed (dossiers/documents, kind ``payment_receipt``), the same file every time."""
    dossier = _dossier_for(request, pk, related=False)
    payment = get_object_or_404(Payment, pk=payment_id, dossier=dossier, status=Payment.Status.PAID)
    document = payment_services.receipt_document(payment)
    name = document.file_name or f"bien-lai-{payment.receipt_number}.pdf"
    return private_files.download_response(document.file, name, "application/pdf")
