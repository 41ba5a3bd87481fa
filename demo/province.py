"""What seed_scale builds: the size presets (a laptop, a medium province, the full one) and
the directory it made, which the later steps fill."""

from __future__ import annotations

from dataclasses import dataclass

from standards.models import Agency


@dataclass(frozen=True)
class Size:
    pemda: int
    agencies: int  # OPDs over all pemda
    services: int
    complaints: int
    ratings: int
    answers: int
    years: int = 5


SIZES: dict[str, Size] = {
    # A laptop: a minute or so.
    "small": Size(
        pemda=5, agencies=60, services=300, complaints=20_000, ratings=200_000, answers=20_000
    ),  # fmt: skip
    "medium": Size(
        pemda=30,
        agencies=500,
        services=3_000,
        complaints=100_000,
        ratings=1_000_000,
        answers=100_000,
    ),  # fmt: skip
    "province": Size(
        pemda=30,
        agencies=500,
        services=3_000,
        complaints=1_000_000,
        ratings=10_000_000,
        answers=1_000_000,
    ),  # fmt: skip
}


@dataclass
class Province:
    nasional: Agency
    pemda: list[Agency]
    opds: list[Agency]  # busiest first
    services: dict[int, list[int]]  # OPD id -> service ids, busiest first
    service_ids: list[int]  # busiest first
    categories: list[int]  # busiest first
