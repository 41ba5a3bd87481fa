"""The SKM arithmetic (SKM.md, PermenPANRB 14/2017), against hand-computed examples."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from surveys import ikm


def _uniform(numerator: int, denominator: int) -> ikm.IkmResult:
    """Every unsur with the same NRR = numerator / denominator (sums and counts as SQL gives)."""
    return ikm.compute({n: (numerator, denominator) for n in range(1, 10)})


@pytest.mark.parametrize(
    ("population", "sample"),
    [(100, 80), (1000, 278), (1_000_000, 384), (10, 10), (1, 1), (0, 0), (500, 218)],
)
def test_krejcie_morgan_sample_matches_the_published_table(population: int, sample: int) -> None:
    """SPEC K2: S = χ²NP(1−P)/(d²(N−1)+χ²P(1−P)), rounded up."""
    assert ikm.sample_size(population) == sample


def test_sample_passes_384_only_above_about_one_and_a_half_million() -> None:
    """SPEC K2: the published table stops at 384."""
    assert ikm.sample_size(1_400_000) == 384
    assert ikm.sample_size(1_500_000) == 385


def test_negative_population_is_refused() -> None:
    with pytest.raises(ValueError):
        ikm.sample_size(-1)


def test_all_answers_four_give_exactly_one_hundred() -> None:
    """SPEC K2: the weight is 1/9 exactly, so all-4 gives 100,00 (0,111 would give 99,90)."""
    result = ikm.compute_from_answers([[4] * 9] * 7)
    assert result.ikm == 4
    assert result.converted == Decimal("100.00")
    assert ikm.format_id(result.converted) == "100,00"
    assert (result.mutu, result.kinerja) == ("A", "Sangat baik")


def test_all_answers_one_give_twenty_five() -> None:
    """SPEC K2: the lowest possible index."""
    result = ikm.compute_from_answers([[1] * 9] * 3)
    assert result.converted == Decimal("25.00")
    assert ikm.format_id(result.converted) == "25,00"
    assert (result.mutu, result.kinerja) == ("D", "Tidak baik")


def test_hand_computed_survey_of_four_respondents() -> None:
    """SPEC K2: NRRs 3,25 3,75 2,5 4 3 3,5 3,75 2,5 3,25; sum 29,5; IKM 29,5/9; ×25 = 81,94."""
    rows = [
        [3, 4, 2, 4, 3, 3, 4, 2, 3],
        [4, 4, 3, 4, 3, 4, 4, 2, 3],
        [3, 4, 3, 4, 3, 4, 3, 3, 4],
        [3, 3, 2, 4, 3, 3, 4, 3, 3],
    ]
    result = ikm.compute_from_answers(rows)
    nrrs = [u.nrr for u in result.unsur]
    assert nrrs == [
        Fraction(13, 4),
        Fraction(15, 4),
        Fraction(10, 4),
        Fraction(4),
        Fraction(3),
        Fraction(14, 4),
        Fraction(15, 4),
        Fraction(10, 4),
        Fraction(13, 4),
    ]
    assert result.ikm == Fraction(59, 18)
    assert result.ikm_rounded == Decimal("3.28")
    assert result.converted == Decimal("81.94")
    assert ikm.format_id(result.converted) == "81,94"
    assert (result.mutu, result.kinerja) == ("B", "Baik")
    assert result.respondents == 4
    # U3 and U8 tie at 2,50: the first of equals is the lowest.
    assert result.lowest is not None and result.lowest.number == 3
    assert result.unsur[2].converted == Decimal("62.50")
    assert result.unsur[0].weighted == Fraction(13, 36)


@pytest.mark.parametrize(
    ("numerator", "denominator", "shown", "mutu", "kinerja"),
    [
        (25996, 10000, "64,99", "D", "Tidak baik"),
        (26, 10, "65,00", "C", "Kurang baik"),
        (3064, 1000, "76,60", "C", "Kurang baik"),
        (30644, 10000, "76,61", "B", "Baik"),
        (3532, 1000, "88,30", "B", "Baik"),
        (35324, 10000, "88,31", "A", "Sangat baik"),
    ],
)
def test_class_boundaries_are_read_on_the_converted_value(
    numerator: int, denominator: int, shown: str, mutu: str, kinerja: str
) -> None:
    """SPEC K2: D ≤ 64,99 < C ≤ 76,60 < B ≤ 88,30 < A."""
    result = _uniform(numerator, denominator)
    assert ikm.format_id(result.converted) == shown
    assert (result.mutu, result.kinerja) == (mutu, kinerja)


def test_class_is_read_after_rounding_to_two_decimals() -> None:
    """SPEC K2: 88,305 rounds (half up) to 88,31, which is A, though 88,305 < 88,31."""
    result = _uniform(35322, 10000)  # IKM 3,5322 × 25 = 88,305
    assert result.ikm * 25 == Fraction(88305, 1000)
    assert result.converted == Decimal("88.31")
    assert result.mutu == "A"


def test_index_is_undefined_until_every_unsur_has_answers() -> None:
    result = ikm.compute({1: (4, 1)})
    assert result.ikm is None
    assert result.converted is None and result.mutu is None
    assert ikm.format_id(result.converted) == "–"
    empty = ikm.compute({})
    assert empty.respondents == 0 and empty.lowest is None


def test_indonesian_number_format_uses_comma_and_dot() -> None:
    assert ikm.format_id(Decimal("88.3149")) == "88,31"
    assert ikm.format_id(Decimal("1234.5")) == "1.234,50"
    assert ikm.format_id(384, places=0) == "384"
    assert ikm.format_id(Fraction(59, 18)) == "3,28"
