"""The surveys tests run in the survey world of tests/personas.py: a pemda with Setda and two
OPDs, officials per role, and helpers that write through the surveys services."""

from __future__ import annotations

import pytest

from tests.personas import SurveyWorld, build_survey_world


@pytest.fixture
def world(db) -> SurveyWorld:
    return build_survey_world()
