"""The periodic deadline scan (issue 7, ARCHITECTURE.md data flow 4, docs/adr/0009)."""
