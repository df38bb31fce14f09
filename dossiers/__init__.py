"""Dossiers: submission, attachments, the one-stop state machine, events, deadlines, payments, slips."""
