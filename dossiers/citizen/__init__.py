"""The citizen's pages: start and fill a draft, submit, follow, answer supplements, withdraw, pay, and
the public lookup. Writes go through dossiers/services (submission, payments, citizen)."""
