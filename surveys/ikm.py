"""The arithmetic of the Survei Kepuasan Masyarakat (PermenPANRB 14/2017; SPEC K2).

Everything that turns answers into an index lives here, and nothing else does:

- `sample_size(N)`: the Krejcie-Morgan sample for a population of N service users.
- `compute(totals)`: from the per-unsur sums and counts (an SQL aggregate feeds them), the
  NRR of each unsur, the IKM on 1-4 with the weight 1/9 exactly, the converted value on
  25-100, its mutu (A-D) and kinerja label, and the lowest unsur.
- `format_id(value)`: the Indonesian number format ("88,31").

The NRRs and the IKM are kept as exact fractions; only the converted value is rounded, to two
decimals (half up), and the class is read off that rounded value, as SKM.md's table says.
The regulation prints the weight as 0,111; with 0,111 all-4 answers would give 99,90, so the
weight is 1/9 exactly and the pages say so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

UNSUR_COUNT = 9
WEIGHT = Fraction(1, UNSUR_COUNT)
CONVERSION = 25
TWO_PLACES = Decimal("0.01")

# Krejcie & Morgan (1970): chi-square for 1 degree of freedom at 95 %, P = 0,5, d = 0,05.
CHI_SQUARE = Fraction("3.841")
PROPORTION = Fraction(1, 2)
MARGIN = Fraction("0.05")

# (lowest converted value of the class, mutu, kinerja), best class first (SKM.md's table).
CLASSES: tuple[tuple[Decimal, str, object], ...] = (
    (Decimal("88.31"), "A", _("Sangat baik")),
    (Decimal("76.61"), "B", _("Baik")),
    (Decimal("65.00"), "C", _("Kurang baik")),
    (Decimal("25.00"), "D", _("Tidak baik")),
)


def sample_size(population: int) -> int:
    """The Krejcie-Morgan sample for `population` service users, rounded up.

    S = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P)); computed exactly, so 100 → 80, 1000 → 278 and
    1 000 000 → 384. A population of 0 needs no sample.
    """
    if population < 0:
        raise ValueError("population must not be negative")
    if population == 0:
        return 0
    pq = PROPORTION * (1 - PROPORTION)
    value = (CHI_SQUARE * population * pq) / (MARGIN**2 * (population - 1) + CHI_SQUARE * pq)
    return math.ceil(value)


def round2(value: Fraction | Decimal | int) -> Decimal:
    """Two decimals, half up, from an exact value (never through a float)."""
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        # The division above is precise to 28 digits, far beyond the second decimal; a value
        # exactly on a half is a terminating decimal and divides exactly.
        return exact.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    return Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def classify(converted: Decimal) -> tuple[str, str]:
    """(mutu, kinerja) of a converted value already rounded to two decimals."""
    for lower, mutu, kinerja in CLASSES:
        if converted >= lower:
            return mutu, str(kinerja)
    return CLASSES[-1][1], str(CLASSES[-1][2])


@dataclass(frozen=True)
class UnsurScore:
    number: int  # 1..9
    total: int  # sum of the answers
    count: int  # number of answers
    nrr: Fraction  # total / count

    @property
    def nrr_rounded(self) -> Decimal:
        return round2(self.nrr)

    @property
    def weighted(self) -> Fraction:
        """NRR tertimbang: NRR × 1/9."""
        return self.nrr * WEIGHT

    @property
    def converted(self) -> Decimal:
        """The unsur's NRR on 25-100, rounded to two decimals."""
        return round2(self.nrr * CONVERSION)

    @property
    def mutu(self) -> str:
        return classify(self.converted)[0]


@dataclass(frozen=True)
class IkmResult:
    respondents: int
    unsur: tuple[UnsurScore, ...]
    ikm: Fraction | None  # on 1-4, exact; None without answers

    @property
    def has_data(self) -> bool:
        return self.ikm is not None

    @property
    def ikm_rounded(self) -> Decimal | None:
        return None if self.ikm is None else round2(self.ikm)

    @property
    def converted(self) -> Decimal | None:
        """IKM × 25, rounded to two decimals: the number the public sees."""
        return None if self.ikm is None else round2(self.ikm * CONVERSION)

    @property
    def mutu(self) -> str | None:
        converted = self.converted
        return None if converted is None else classify(converted)[0]

    @property
    def kinerja(self) -> str | None:
        converted = self.converted
        return None if converted is None else classify(converted)[1]

    @property
    def lowest(self) -> UnsurScore | None:
        """The lowest-scoring unsur (the first of equals), where improvement starts."""
        scored = [u for u in self.unsur if u.count]
        if not scored:
            return None
        return min(scored, key=lambda u: (u.nrr, u.number))


def compute(totals: Mapping[int, tuple[int, int]], respondents: int | None = None) -> IkmResult:
    """The index from {unsur number: (sum of answers, number of answers)}.

    Unsur missing from `totals` or without answers leave the index undefined (None): the IKM
    is the mean of all nine NRRs, never of fewer.
    """
    scores = []
    for number in range(1, UNSUR_COUNT + 1):
        total, count = totals.get(number, (0, 0))
        total, count = int(total or 0), int(count or 0)
        nrr = Fraction(total, count) if count else Fraction(0)
        scores.append(UnsurScore(number=number, total=total, count=count, nrr=nrr))
    complete = all(s.count for s in scores)
    ikm = sum((s.nrr * WEIGHT for s in scores), Fraction(0)) if complete else None
    if respondents is None:
        respondents = max((s.count for s in scores), default=0)
    return IkmResult(respondents=respondents, unsur=tuple(scores), ikm=ikm)


def compute_from_answers(answers: Iterable[Iterable[int]]) -> IkmResult:
    """The index from answer rows (nine answers each); for tests and small in-memory sets."""
    sums = [0] * UNSUR_COUNT
    counts = [0] * UNSUR_COUNT
    rows = 0
    for row in answers:
        rows += 1
        for i, value in enumerate(row):
            sums[i] += value
            counts[i] += 1
    return compute({i + 1: (sums[i], counts[i]) for i in range(UNSUR_COUNT)}, respondents=rows)


def format_id(value: Decimal | Fraction | int | None, places: int = 2) -> str:
    """Indonesian number format: "88,31", "1.234,50"; "–" for no value."""
    if value is None:
        return "–"
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    quantum = Decimal(1).scaleb(-places)
    text = f"{Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP):,.{places}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
