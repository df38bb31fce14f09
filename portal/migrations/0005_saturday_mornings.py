"""Saturday mornings worked: the hours of that half day on the calendar, and "morning only" overrides
(docs/adr/0018)."""

import datetime

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_scanwatermark"),
    ]

    operations = [
        migrations.AddField(
            model_name="workingcalendar",
            name="saturday_morning_end",
            field=models.TimeField(
                default=datetime.time(11, 30), verbose_name="giờ kết thúc sáng thứ Bảy"
            ),
        ),
        migrations.AddField(
            model_name="workingcalendar",
            name="saturday_morning_start",
            field=models.TimeField(
                default=datetime.time(7, 30), verbose_name="giờ bắt đầu sáng thứ Bảy"
            ),
        ),
        migrations.AlterField(
            model_name="calendaroverride",
            name="kind",
            field=models.CharField(
                choices=[
                    ("day_off", "ngày nghỉ"),
                    ("working_day", "ngày làm việc"),
                    ("morning", "chỉ làm việc buổi sáng"),
                ],
                max_length=20,
                verbose_name="loại",
            ),
        ),
        migrations.AlterField(
            model_name="workingcalendar",
            name="saturday_morning_reception",
            field=models.BooleanField(
                default=False,
                help_text="Bộ phận Một cửa làm việc sáng thứ Bảy (nửa ngày). Giờ của buổi sáng này được tính vào thời hạn theo giờ làm việc (như 8 giờ làm việc trả lời hồ sơ trực tuyến, thời gian của từng bước xử lý); thứ Bảy không thành ngày làm việc khi tính thời hạn theo ngày: hồ sơ nhận sáng thứ Bảy được tính như nhận vào ngày làm việc tiếp theo, hạn không rơi vào thứ Bảy.",
                verbose_name="làm việc sáng thứ Bảy",
            ),
        ),
        migrations.AddConstraint(
            model_name="workingcalendar",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("saturday_morning_start__lt", models.F("saturday_morning_end"))
                ),
                name="portal_calendar_half_day_in_order",
            ),
        ),
    ]
