"""A sandbox payment gateway for development, demos and tests that behaves like a real one.

``start`` redirects the payer to the gateway's own payment page, served by this app under
``/thanh-toan/sandbox/<token>/`` (the token is the signed order, as a real gateway's session would
be). On the page the payer pays or cancels; the gateway then records the transaction in its own
ledger (the cache, standing in for the bank's books), sends a signed server-to-server callback to the
order's notify URL over HTTP (a task, retried like a gateway's IPN), and sends the browser back to
the return URL with the same signed parameters. ``query`` reads the ledger, so reconciliation can
settle a payment whose callback never arrived. Signatures: HMAC-SHA256 of the sorted ``key=value``
pairs with the sandbox secret.
"""

from dossiers.payments.contrib.sandbox.provider import SandboxProvider

__all__ = ["SandboxProvider"]
