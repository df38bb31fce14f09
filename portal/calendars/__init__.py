"""Working-day calendars and the due-date engine (DOMAIN.md §6, docs/adr/0005-how-due-dates-are-counted.md).

- ``models``: a calendar per agency (weekends, working hours, cut-off) and its dated overrides.
- ``index``: the precomputed index of working days that makes every computation O(1).
- ``engine``: the API other apps call: ``due_at``, ``working_hours_between``, ``step_due_at``, ``rate``.
"""
