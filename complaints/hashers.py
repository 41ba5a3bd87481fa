"""How tracking secrets are stored (SPEC C2): PBKDF2, at a cost chosen for them.

A tracking secret is 8 characters drawn at random by the portal from a 31-letter alphabet
(about 40 bits), never a word a person chose, and the tracking form allows a handful of wrong
tries per address. Django's password hasher (1,500,000 rounds, ~0.4 s of CPU) would make
every submission wait on it and cap a web process at a few submissions a second.
COMPLAINT_SECRET_ITERATIONS rounds (100,000 by default, ~25 ms) still make an offline search
of one leaked secret's 2^40 candidates cost months of GPU time. Hashes written by the
password hasher before keep verifying: both are listed in PASSWORD_HASHERS.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher


class TrackingSecretHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha256_secret"

    @property
    def iterations(self) -> int:  # type: ignore[override]
        return settings.COMPLAINT_SECRET_ITERATIONS
