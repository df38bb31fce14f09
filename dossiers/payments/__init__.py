"""Online payment of fees and charges through providers behind one interface (DOMAIN.md §8).

``base.py`` is the interface, ``registry.py`` maps names to providers configured in settings
(``PAYMENT_PROVIDERS``), ``contrib/<name>/`` holds one provider each. What a payment *means* for a
dossier (marking it paid on a verified callback, refusing duplicates and wrong amounts,
reconciliation) lives in ``dossiers/services/payments.py``; providers only speak their protocol.
"""
