"""Services keep narrow signatures: the acting user first, then a few keyword arguments, and
values that travel together in small frozen dataclasses (STYLE: services)."""

from __future__ import annotations

import importlib
import inspect
from types import ModuleType

import pytest

MODULES = [
    "accounts.services",
    "notices.services",
    "complaints.services.access",
    "complaints.services.intake",
    "complaints.services.public",
    "complaints.services.routing",
    "complaints.services.handling",
    "reports.services",
]
# Six is the aim; routing names the destination and whether it goes to APIP, hence seven.
MOST = 7


def _services(module: ModuleType) -> list[tuple[str, inspect.Signature]]:
    return [
        (name, inspect.signature(fn))
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__ and not name.startswith("_")
    ]


@pytest.mark.parametrize("path", MODULES)
def test_no_service_takes_more_than_a_handful_of_parameters(path: str) -> None:
    wide = {
        name: len(sig.parameters)
        for name, sig in _services(importlib.import_module(path))
        if len(sig.parameters) > MOST
    }
    assert wide == {}


@pytest.mark.parametrize(
    ("path", "name", "value"),
    [
        ("notices.services", "notice_send", "notice"),
        ("complaints.services.routing", "complaint_route", "note"),
        ("complaints.services.routing", "complaint_assign_unit", "note"),
        ("complaints.services.routing", "complaint_copy", "note"),
        ("complaints.services.routing", "complaint_decline", "note"),
        ("complaints.services.handling", "complaint_refuse_information", "refusal"),
        ("reports.services", "evaluation_publish", "findings"),
    ],
)
def test_values_that_travel_together_are_one_frozen_dataclass(
    path: str, name: str, value: str
) -> None:
    module = importlib.import_module(path)
    annotation = inspect.signature(getattr(module, name), eval_str=True).parameters[value]
    params = annotation.annotation.__dataclass_params__
    assert params.frozen
