"""The index engine: from indicator definitions and plain (numerator, denominator) inputs to points.

Pure functions on plain values, so the arithmetic can be checked by hand (tests/satisfaction/
test_scoring.py). Reading the definitions from the database and the inputs from the fact tables is
done elsewhere (satisfaction/index.py).

Rules:
- an indicator scores ``max_points × numerator ÷ denominator``, the ratio clamped to [0, 1], rounded to
  two decimals (half up);
- with no denominator (nothing to measure that month) it scores its maximum or zero, as its
  ``when_no_data`` says;
- a group scores its maximum × (sum of its indicators' points ÷ sum of their maxima), so a group whose
  indicators were edited to add up to something else still scores within its own maximum;
- the total is the sum of the groups; the band is the first whose lower bound the total reaches.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0")


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    metric: str
    max_points: Decimal
    when_no_data: str = "full"  # "full" or "zero"
    name: str = ""
    pk: int | None = None


@dataclass(frozen=True)
class GroupSpec:
    code: str
    max_points: Decimal
    indicators: tuple[IndicatorSpec, ...]
    name: str = ""


@dataclass(frozen=True)
class Band:
    lower: Decimal
    label: str


@dataclass
class LineResult:
    indicator: IndicatorSpec
    numerator: int
    denominator: int
    points: Decimal
    no_data: bool

    @property
    def ratio(self) -> Decimal | None:
        if self.denominator <= 0:
            return None
        return Decimal(self.numerator) / Decimal(self.denominator)


@dataclass
class GroupResult:
    group: GroupSpec
    points: Decimal
    lines: list[LineResult] = field(default_factory=list)


@dataclass
class IndexResult:
    total: Decimal
    band: str
    groups: list[GroupResult]


def score_indicator(spec: IndicatorSpec, numerator: int, denominator: int) -> LineResult:
    max_points = Decimal(spec.max_points)
    if denominator is None or denominator <= 0:
        points = max_points if spec.when_no_data == "full" else ZERO
        return LineResult(spec, int(numerator or 0), 0, _round(points), True)
    ratio = Decimal(numerator) / Decimal(denominator)
    ratio = min(max(ratio, ZERO), Decimal(1))
    return LineResult(spec, int(numerator), int(denominator), _round(max_points * ratio), False)


def score_group(group: GroupSpec, inputs: Mapping[str, tuple[int, int]]) -> GroupResult:
    lines = [score_indicator(spec, *inputs.get(spec.metric, (0, 0))) for spec in group.indicators]
    maximum = sum((Decimal(spec.max_points) for spec in group.indicators), ZERO)
    earned = sum((line.points for line in lines), ZERO)
    points = _round(Decimal(group.max_points) * earned / maximum) if maximum > 0 else ZERO
    return GroupResult(group, points, lines)


def band_for(total: Decimal, bands: Iterable[Band]) -> str:
    for band in sorted(bands, key=lambda b: b.lower, reverse=True):
        if total >= band.lower:
            return band.label
    return ""


def compute_index(
    groups: Iterable[GroupSpec],
    inputs: Mapping[str, tuple[int, int]],
    bands: Iterable[Band] = (),
) -> IndexResult:
    """Score every group from ``inputs`` (metric → (numerator, denominator))."""
    results = [score_group(group, inputs) for group in groups]
    total = sum((result.points for result in results), ZERO)
    return IndexResult(total=total, band=band_for(total, bands), groups=results)
