"""Decision 766/QĐ-TTg's weights found in public summaries (see satisfaction/defaults.py): the
satisfaction group's dossier ratio is worth at most 6 of its 18 points, the two complaint ratios the
other 12; each group's source note now cites where its maximum comes from.

Touches the installed scheme only where it still holds the values first shipped (an admin's edits
are kept). Scores are recomputed by the next refresh.
"""

from django.db import migrations

VERIFY = "(cần xác minh)"
FIRST_SCHEME_NOTE = (
    "Đã đối chiếu: 5 nhóm chỉ số, mỗi nhóm tối đa 18–22 điểm, tổng 100; từ 90 điểm "
    "xếp loại xuất sắc, dưới 50 điểm xếp loại yếu. Phân bổ điểm từng nhóm, từng chỉ tiêu, "
    f"công thức từng chỉ tiêu và các mức xếp loại ở giữa {VERIFY}."
)
FIRST_POINTS = {
    "publicity": "18",
    "progress": "20",
    "digitisation": "22",
    "online": "22",
    "satisfaction": "18",
}
FIRST_INDICATOR_NOTE = (
    f"Chỉ tiêu và điểm do Cổng đề xuất theo tinh thần Quyết định 766/QĐ-TTg {VERIFY}."
)


def forwards(apps, schema_editor):
    from satisfaction import defaults

    IndexScheme = apps.get_model("satisfaction", "IndexScheme")
    IndexIndicator = apps.get_model("satisfaction", "IndexIndicator")
    scheme = IndexScheme.objects.filter(code=defaults.INDEX_SCHEME_CODE).first()
    if scheme is None:
        return
    if scheme.source_note == FIRST_SCHEME_NOTE:
        scheme.source_note = defaults.SCHEME_NOTE
        scheme.save(update_fields=["source_note"])
    for group in scheme.groups.all():
        points = FIRST_POINTS.get(group.code)
        first = f"Nhóm chỉ số theo Quyết định 766/QĐ-TTg; điểm tối đa {points} {VERIFY}."
        if points and group.source_note == first:
            group.source_note = defaults.group_note(group.code, points)
            group.save(update_fields=["source_note"])
    shipped = IndexIndicator.objects.filter(group__scheme=scheme, group__code="satisfaction")
    complaints = shipped.filter(code="5.1", metric="complaints_on_time", max_points=6).first()
    satisfied = shipped.filter(code="5.2", metric="satisfied", max_points=12).first()
    if complaints is None or satisfied is None:
        return  # edited by an admin: leave it
    for indicator, points in ((complaints, 12), (satisfied, 6)):
        indicator.max_points = points
        if indicator.source_note == FIRST_INDICATOR_NOTE:
            indicator.source_note = defaults.indicator_note(indicator.code)
        indicator.save(update_fields=["max_points", "source_note"])


class Migration(migrations.Migration):
    dependencies = [("satisfaction", "0005_response_officer_backfill")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
