"""The dossiers API: status for partners, staff queues and transitions, citizens' own dossiers.
Every write calls the same service function as the pages (dossiers/services/)."""
