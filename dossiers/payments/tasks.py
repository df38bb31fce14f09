"""Tasks of the payment providers (imported through CELERY_IMPORTS; default queue)."""

import logging
import urllib.error
import urllib.parse
import urllib.request

from celery import shared_task

logger = logging.getLogger(__name__)


def post_form(url: str, params: dict, timeout: int = 10) -> int:
    data = urllib.parse.urlencode(params).encode()
    request = urllib.request.Request(  # noqa: S310 (the notify URL of our own order)
        url, data=data, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (our own URL)
        return response.status


@shared_task(bind=True, max_retries=5, name="dossiers.payments.tasks.deliver_sandbox_callback")
def deliver_sandbox_callback(self, notify_url: str, params: dict):
    """The sandbox gateway's server-to-server callback, retried with backoff like a gateway's IPN.
    If every try fails, reconciliation settles the payment from the gateway's ledger."""
    try:
        status = post_form(notify_url, params)
    except urllib.error.HTTPError as error:
        # The merchant answered: a 4xx means it refused the callback; the gateway does not insist.
        logger.warning("Sandbox callback to %s answered %s", notify_url, error.code)
        return error.code
    except OSError as error:
        if self.request.is_eager:
            logger.warning("Sandbox callback to %s failed: %s", notify_url, error)
            return None
        raise self.retry(exc=error, countdown=min(60 * 2**self.request.retries, 1800)) from error
    return status


@shared_task(name="dossiers.payments.tasks.reconcile_payments")
def reconcile_payments():
    """Settle pending payments whose callback never came, by asking each provider (idempotent)."""
    from dossiers.services.payments import reconcile_pending

    return reconcile_pending()
