"""How a due date was counted, day by day, for the dossier page and the API (DOMAIN.md §6).

Built only on demand from a DueDate's inputs, so computing due dates stays O(1).
"""

import datetime as dt
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from portal.calendars.index import VN_TZ, Reason

MAX_DAYS_SHOWN = 400


@dataclass
class DayLine:
    date: dt.date
    status: str  # receipt, counted, paused, extended, restarted, off, due
    note: str = ""
    hours: float | None = None


@dataclass
class PauseLine:
    start: dt.datetime
    end: dt.datetime | None
    reason: str
    restart: bool
    shift: float  # working days or hours the due date moved


@dataclass
class ExtensionLine:
    amount: int
    reason: str
    at: dt.datetime | None


@dataclass
class Explanation:
    received_at: dt.datetime
    amount: int
    unit: str
    counted_from: dt.date
    moved: bool
    moved_reason: str
    due_at: dt.datetime | None
    paused_since: dt.datetime | None
    counted: int = 0
    days: list[DayLine] = field(default_factory=list)
    pauses: list[PauseLine] = field(default_factory=list)
    extensions: list[ExtensionLine] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> list[DayLine]:
        return [line for line in self.days if line.status == "off"]

    def as_dict(self) -> dict:
        data = asdict(self)
        data["skipped"] = [asdict(line) for line in self.skipped]
        return _jsonable(data)


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _reason(index, offset) -> str:
    reason = index.reason_off(offset)
    return str(reason) if isinstance(reason, Reason) else ""


def explain(due) -> Explanation:
    from portal.calendars.engine import Unit

    index = due.index
    local = due.start.astimezone(VN_TZ)
    counted_from, moved = index.counting_day(local)
    receipt_offset = index.offset(local.date())
    moved_reason = ""
    if moved:
        if not index.work[receipt_offset]:
            moved_reason = _(
                "Nhận vào ngày nghỉ (%(reason)s): tính như nhận vào ngày làm việc tiếp theo."
            ) % {"reason": _reason(index, receipt_offset)}
        else:
            moved_reason = _(
                "Nhận sau giờ chốt %(cutoff)s: tính như nhận vào ngày làm việc tiếp theo "
                "(Nghị định 61/2018 điều 18; Nghị định 118/2025)."
            ) % {"cutoff": f"{index.cutoff // 3600:02d}:{index.cutoff % 3600 // 60:02d}"}
    explanation = Explanation(
        received_at=local,
        amount=due.amount,
        unit=str(due.unit),
        counted_from=index.date(counted_from),
        moved=moved,
        moved_reason=moved_reason,
        due_at=due.at,
        paused_since=due.paused_since,
    )
    explanation.rules.append(
        _(
            "Ngày tiếp nhận không tính; thời hạn bắt đầu từ ngày làm việc kế tiếp (Bộ luật Dân sự 2015, điều 147-148)."
        )
        if due.unit != Unit.WORKING_HOURS
        else _("Thời hạn tính theo giờ làm việc từ thời điểm tiếp nhận (Nghị định 45/2020).")
    )
    explanation.rules.append(
        _(
            "Không tính ngày nghỉ cuối tuần, ngày lễ, Tết và ngày nghỉ bù; thời hạn không rơi vào ngày nghỉ."
        )
    )

    for pause in due.pauses:
        shift = 0.0
        if pause.end is not None:
            if due.unit == Unit.WORKING_HOURS:
                shift = (
                    index.position(pause.end.astimezone(VN_TZ))
                    - index.position(pause.start.astimezone(VN_TZ))
                ) / 3600
            else:
                answered, _m = index.counting_day(pause.end.astimezone(VN_TZ))
                paused_on = index.offset(pause.start.astimezone(VN_TZ).date())
                shift = max(0, index.cum[answered + 1] - index.cum[paused_on + 1])
        explanation.pauses.append(
            PauseLine(pause.start, pause.end, pause.reason, pause.restart, shift)
        )
    for extension in due.extensions:
        explanation.extensions.append(
            ExtensionLine(extension.amount, extension.reason, extension.at)
        )

    end = due.at.astimezone(VN_TZ) if due.at else None
    last_offset = (
        index.offset(end.date()) if end else min(receipt_offset + MAX_DAYS_SHOWN, index.size - 1)
    )
    last_offset = min(last_offset, receipt_offset + MAX_DAYS_SHOWN)
    explanation.days.append(DayLine(local.date(), "receipt", _("Ngày tiếp nhận: không tính")))

    if due.unit == Unit.WORKING_HOURS:
        _hours_lines(explanation, due, index, local, receipt_offset, last_offset)
    else:
        _day_lines(explanation, due, index, counted_from, receipt_offset, last_offset)
    return explanation


def _pause_windows_days(due, index):
    windows = []
    for pause in due.pauses:
        if pause.end is None:
            windows.append((index.offset(pause.start.astimezone(VN_TZ).date()), index.size, pause))
        else:
            answered, _m = index.counting_day(pause.end.astimezone(VN_TZ))
            windows.append((index.offset(pause.start.astimezone(VN_TZ).date()), answered, pause))
    return windows


def _day_lines(explanation, due, index, counted_from, receipt_offset, last_offset):
    windows = _pause_windows_days(due, index)
    restarts = [w for w in windows if w[2].restart and w[2].end is not None]
    restart_at = max((w[1] for w in restarts), default=None)
    counted = extended = 0
    for offset in range(receipt_offset + 1, last_offset + 1):
        day = index.date(offset)
        if not index.work[offset]:
            explanation.days.append(DayLine(day, "off", _reason(index, offset)))
            continue
        if offset <= counted_from:
            if offset == counted_from:
                explanation.days.append(
                    DayLine(day, "receipt", _("Tính như ngày tiếp nhận: không tính"))
                )
            continue
        if restart_at is not None and offset <= restart_at:
            status, note = "restarted", _("Không tính: thời hạn tính lại từ khi bổ sung đủ hồ sơ")
        elif any(start < offset <= stop for start, stop, _p in windows):
            pause = next(p for start, stop, p in windows if start < offset <= stop)
            status, note = (
                "paused",
                _("Tạm dừng tính thời hạn: %(reason)s")
                % {"reason": pause.reason or _("chờ công dân")},
            )
        elif counted < max(due.amount, 0):
            counted += 1
            status, note = "counted", _("Ngày thứ %(n)d") % {"n": counted}
        else:
            status, note = "extended", _extension_note(extended, due.extensions)
            extended += 1
        explanation.days.append(DayLine(day, status, note))
    explanation.counted = counted


def _extension_note(n: int, extensions) -> str:
    """The note of the n-th extended day (from 0): which extension it belongs to, and why."""
    for extension in extensions:
        if n < extension.amount:
            return _("Gia hạn: %(reason)s") % {"reason": extension.reason}
        n -= extension.amount
    return _("Gia hạn")


def _hours_lines(explanation, due, index, local, receipt_offset, last_offset):
    explanation.days.pop()  # for hours the receipt day counts from the moment of receipt
    start_position = index.position(local)
    end_position = index.position(due.at.astimezone(VN_TZ)) if due.at else None
    total = 0.0
    for offset in range(receipt_offset, last_offset + 1):
        day = index.date(offset)
        length = index.seconds_on(offset)
        if not length:
            explanation.days.append(DayLine(day, "off", _reason(index, offset)))
            continue
        day_start = index.day_start_position(offset)
        day_end = day_start + length
        low = max(day_start, start_position)
        high = day_end if end_position is None else min(day_end, end_position)
        hours = max(0, high - low) / 3600
        total += hours
        note = "" if index.work[offset] else _reason(index, offset)
        explanation.days.append(DayLine(day, "counted", note, hours))
    explanation.counted = round(total, 2)
