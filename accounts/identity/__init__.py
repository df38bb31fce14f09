"""Identity providers behind a registry (Open Forms' plugin layout): ``base.py`` is the interface,
``registry.py`` maps names to providers, ``contrib/<name>/`` holds each provider. Which ones the
sign-in page offers is ACCOUNTS_IDENTITY_PROVIDERS."""
