"""Writes to the directory that touch more than one row."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BigIntegerField, Case, F, Q, Value, When
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from standards.models import Agency


@transaction.atomic
def agency_move(*, actor: Any, agency: Agency, new_parent: Agency | None) -> Agency:
    """Hang `agency` and its whole subtree under `new_parent`; returns `agency`, updated.

    The caller has checked that `actor` may change the directory (the admin: superusers
    only); `actor` is None for the system (the demo seed). Raises ValidationError when the
    new place breaks the tree's rules (`Agency.clean`: tiers, roots, no node under its own
    descendant); nothing is written then.

    Concurrency: the moved node's subtree and the new parent are locked (SELECT … FOR UPDATE,
    one statement, in primary-key order so two moves never wait on each other in a circle),
    and the paths are read again under the lock. A move running at the same time on an
    overlapping part of the tree waits for this one and then sees the new paths, so two moves
    can never hang two nodes under each other. A new child (`Agency.save`) takes a key-sharing
    lock on its parent before reading the parent's path, so it either waits for the move or is
    inside the locked subtree the move rewrites. Then one UPDATE rewrites every path of the
    subtree (and the node's parent) in place.
    """
    while True:
        old_path = Agency.objects.values_list("path", flat=True).get(pk=agency.pk)
        locked = Q(path__startswith=old_path) | Q(pk=agency.pk)
        if new_parent is not None:
            locked |= Q(pk=new_parent.pk)
        rows = {a.pk: a for a in Agency.objects.select_for_update().filter(locked).order_by("pk")}
        if rows[agency.pk].path == old_path:
            break  # nothing moved the node between the read and the lock
    parent = rows[new_parent.pk] if new_parent is not None else None

    if parent is not None and parent.path.startswith(old_path):
        raise ValidationError({"parent": _("Induk tidak boleh berada di bawah simpul ini.")})
    current = rows[agency.pk]
    current.parent = parent
    current.clean()

    new_path = f"{parent.path if parent else '/'}{agency.pk}/"
    parent_id = Value(parent.pk if parent else None, output_field=BigIntegerField())
    Agency.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        parent=Case(
            When(pk=agency.pk, then=parent_id), default=F("parent"), output_field=BigIntegerField()
        ),
    )
    agency.parent = parent
    agency.path = new_path
    return agency
