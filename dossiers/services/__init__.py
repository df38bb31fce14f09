"""Every write to a dossier goes through a function of this package (STYLE.md: one write path).

- ``base``: what every transition shares (locking and version check, the log, codes, deadlines).
- ``processing``: the staff transitions (receiving desk, internal process, approval, return).
- ``submission``, ``payments``, ``citizen``: the citizen side (drafts, submit, pay, answer, withdraw).
"""
