"""What every channel adapter implements."""


class DeliveryError(Exception):
    """Sending failed; ``permanent`` errors (a refused address) are not retried."""

    permanent = False


class TransientError(DeliveryError):
    """The provider or the network failed for now: retry with backoff."""


class PermanentError(DeliveryError):
    """The message can never be delivered as is (no address, refused number): do not retry."""

    permanent = True


class ChannelAdapter:
    """Sends one outbox row. ``send`` returns the provider's message id (or "").

    Adapters receive the row's ``key`` and must pass it to the provider as an idempotency key where the
    provider supports one, so a row re-sent after a crash is never delivered twice.
    """

    name = ""

    def address_for(self, user) -> str:
        """The user's address on this channel, or "" when they have none."""
        raise NotImplementedError

    def send(self, notification) -> str:
        raise NotImplementedError
