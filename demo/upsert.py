"""Find-or-update for demo rows: what makes `seed_demo` idempotent."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import models


def upsert(
    model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any], stats: Counter
) -> models.Model:
    """Find the row by `lookup`; create it or bring `values` up to date, validated first.

    Counts the row in `stats` ("created" or "updated") only when something was written.
    """
    obj = model._default_manager.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    changed = created
    for name, value in values.items():
        if isinstance(value, models.Model):
            if getattr(obj, f"{name}_id") != value.pk:
                setattr(obj, name, value)
                changed = True
        elif getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.full_clean()
        obj.save()
        stats["created" if created else "updated"] += 1
    return obj
