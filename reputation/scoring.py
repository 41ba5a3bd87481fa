"""How sure a score is: the Wilson score interval (95%) and the minimum-count rule.

A service with 3 of 3 satisfied is not better than one with 180 of 200: ranking uses the
lower bound of the 95% Wilson interval of the satisfied share, and a service with fewer than
`MIN_RATINGS` ratings is listed as "not enough ratings" instead of being ranked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.conf import settings

Z_95 = 1.959963984540054


def min_ratings() -> int:
    return int(getattr(settings, "REPUTATION_MIN_RATINGS", 10))


def wilson_lower_bound(satisfied: int, total: int, z: float = Z_95) -> float:
    """Lower bound of the Wilson score interval for satisfied/total, in 0..1 (0 when empty)."""
    if total <= 0:
        return 0.0
    p = satisfied / total
    z2 = z * z
    centre = p + z2 / (2 * total)
    margin = z * math.sqrt((p * (1 - p) + z2 / (4 * total)) / total)
    return max(0.0, (centre - margin) / (1 + z2 / total))


@dataclass(frozen=True)
class Score:
    total: int = 0
    satisfied: int = 0
    stars_sum: int = 0
    stars_count: int = 0

    @property
    def unsatisfied(self) -> int:
        return self.total - self.satisfied

    @property
    def share(self) -> float | None:
        """Percentage satisfied, or None without ratings."""
        return 100 * self.satisfied / self.total if self.total else None

    @property
    def lower_bound(self) -> float:
        """Wilson 95% lower bound, as a percentage."""
        return 100 * wilson_lower_bound(self.satisfied, self.total)

    @property
    def stars(self) -> float | None:
        return self.stars_sum / self.stars_count if self.stars_count else None

    @property
    def enough(self) -> bool:
        return self.total >= min_ratings()

    @classmethod
    def of(cls, row: dict) -> Score:
        return cls(
            total=row.get("total") or 0,
            satisfied=row.get("satisfied") or 0,
            stars_sum=row.get("stars_sum") or 0,
            stars_count=row.get("stars_count") or 0,
        )
