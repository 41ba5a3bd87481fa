"""Tracking secrets are stored with their own PBKDF2 cost (complaints/hashers.py), and a
secret stored before with the password hasher still opens its item (SPEC C2)."""

from __future__ import annotations

from django.contrib.auth.hashers import identify_hasher, make_password

from complaints import services
from complaints.models import Complaint
from tests.personas import World


def test_a_new_secret_is_stored_with_the_secret_hasher_and_opens_its_item(
    world: World, settings
) -> None:
    """SPEC C2: the code and its secret open the item; a wrong secret does not."""
    receipt = world.submit(title="Jalan berlubang")
    stored = Complaint.objects.get(pk=receipt.complaint.pk).secret_hash
    hasher = identify_hasher(stored)
    assert hasher.algorithm == "pbkdf2_sha256_secret"
    assert f"${settings.COMPLAINT_SECRET_ITERATIONS}$" in stored
    code = receipt.complaint.code
    assert services.complaint_check_secret(code=code, secret=receipt.secret) is not None
    assert services.complaint_check_secret(code=code, secret="SALAH123") is None
    assert services.complaint_check_secret(code="LP-XXXX-XXXX", secret=receipt.secret) is None


def test_a_secret_stored_with_the_password_hasher_still_opens_its_item(world: World) -> None:
    """SPEC C2: items filed before the secret hasher keep their secrets."""
    receipt = world.submit(title="Lampu padam")
    Complaint.objects.filter(pk=receipt.complaint.pk).update(
        secret_hash=make_password(receipt.secret, hasher="pbkdf2_sha256")
    )
    code = receipt.complaint.code
    assert services.complaint_check_secret(code=code, secret=receipt.secret) is not None
