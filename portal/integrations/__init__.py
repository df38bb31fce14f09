"""Partner systems: their registry (scopes, rates), the status feed (a gap-free sequence over the
dossier log) and signed webhooks with their delivery log. See docs/adr/0008 and docs/api/partners.md."""
