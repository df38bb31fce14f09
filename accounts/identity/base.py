from dataclasses import dataclass


@dataclass(frozen=True)
class IdentityProvider:
    """A way to sign in. ``start_url`` is where its button leads (None: the page's own form)."""

    name: str
    label: str
    assurance_source: str

    def start_url(self) -> str | None:
        return None

    def is_configured(self) -> bool:
        return True
