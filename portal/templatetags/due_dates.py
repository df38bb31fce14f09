"""``{% load due_dates %}{% due_explanation dossier.due_explanation %}``: how a due date was counted.

Accepts an ``Explanation``, its ``as_dict()`` (as stored on a dossier), or a dict holding it under
"engine" (the dossiers app's ``due_explanation``). Shows staff the receipt, whether the cut-off moved
it, each day counted, skipped (and why), paused or extended, the pauses, extensions and the rules.
"""

import datetime as dt

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

STATUS_LABELS = {
    "receipt": _("Ngày tiếp nhận"),
    "counted": _("Tính"),
    "off": _("Ngày nghỉ"),
    "paused": _("Tạm dừng"),
    "extended": _("Gia hạn"),
    "restarted": _("Tính lại"),
}


def _parse(value):
    if isinstance(value, str) and len(value) >= 10:
        try:
            return (
                dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
            )
        except ValueError:
            return value
    return value


@register.inclusion_tag("portal/calendars/due_explanation.html")
def due_explanation(explanation):
    if explanation is None:
        return {"explanation": None}
    if hasattr(explanation, "as_dict"):
        explanation = explanation.as_dict()
    if isinstance(explanation, dict) and isinstance(explanation.get("engine"), dict):
        explanation = explanation["engine"]
    if not isinstance(explanation, dict) or "days" not in explanation:
        return {"explanation": None}
    data = {key: _parse(value) for key, value in explanation.items() if not isinstance(value, list)}
    days = [
        {
            **line,
            "date": _parse(line["date"]),
            "label": STATUS_LABELS.get(line["status"], line["status"]),
        }
        for line in explanation.get("days", [])
    ]
    pauses = [
        {**p, "start": _parse(p["start"]), "end": _parse(p["end"])}
        for p in explanation.get("pauses", [])
    ]
    extensions = [{**e, "at": _parse(e.get("at"))} for e in explanation.get("extensions", [])]
    return {
        "explanation": data,
        "days": days,
        "pauses": pauses,
        "extensions": extensions,
        "rules": explanation.get("rules", []),
        "skipped": sum(1 for line in days if line["status"] == "off"),
    }
