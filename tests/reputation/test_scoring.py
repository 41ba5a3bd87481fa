"""The Wilson lower bound and the minimum-count rule (000:Pasal 3c: fair, SPEC R3)."""

from __future__ import annotations

import pytest

from reputation.scoring import Score, wilson_lower_bound


@pytest.mark.parametrize(
    ("satisfied", "total", "expected"),
    [
        # Reference values of the 95% Wilson score interval's lower bound (z = 1.96).
        (0, 0, 0.0),
        (0, 10, 0.0),
        (10, 10, 0.7225),
        (95, 100, 0.8882),
        (50, 100, 0.4038),
        (1, 2, 0.0945),
        (180, 200, 0.8506),
    ],
)
def test_wilson_lower_bound_on_known_numbers(satisfied: int, total: int, expected: float) -> None:
    """SPEC R3: scores are never shown as more certain than they are."""
    assert wilson_lower_bound(satisfied, total) == pytest.approx(expected, abs=5e-4)


def test_few_perfect_ratings_rank_below_many_good_ones() -> None:
    assert wilson_lower_bound(3, 3) < wilson_lower_bound(180, 200)


def test_a_score_below_the_minimum_count_is_not_enough_to_rank(settings) -> None:
    settings.REPUTATION_MIN_RATINGS = 10
    assert not Score(total=9, satisfied=9).enough
    assert Score(total=10, satisfied=1).enough


def test_score_share_and_stars() -> None:
    score = Score(total=4, satisfied=3, stars_sum=14, stars_count=3)
    assert score.share == 75.0 and score.unsatisfied == 1
    assert score.stars == pytest.approx(14 / 3)
    assert Score().share is None and Score().stars is None
