"""Notification channels behind a registry (the Open Forms plugin pattern): base, registry, adapters."""
