"""The notification outbox (DOMAIN.md §9, docs/adr/0007-notification-outbox.md).

- ``models``: ``Notification`` (the outbox row, the source of truth) and ``NotificationPreference``.
- ``events``: every event the portal notifies about, with its texts in Vietnamese (English in the .po).
- ``services.notify``: writes rows in the caller's transaction, enqueues dispatch after commit.
- ``channels``: email, SMS and in-app adapters behind a registry.
- ``dispatcher`` and ``tasks``: send with retries and backoff; the sweeper re-queues what got stuck.
"""
