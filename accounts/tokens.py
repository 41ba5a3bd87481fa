"""Signed, expiring links for e-mail verification."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    """Tokens for the link that proves a citizen owns their e-mail address.

    A different salt keeps these tokens from ever being accepted as password-reset tokens
    (and the other way round). The hash covers `email_verified_at` and `is_active`, so the link
    stops working once it has been used, and covers the e-mail address, so a link sent to an
    old address does not verify a new one. Links expire after PASSWORD_RESET_TIMEOUT.
    """

    key_salt = "accounts.tokens.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        verified = "" if user.email_verified_at is None else user.email_verified_at.isoformat()
        return f"{user.pk}{user.password}{timestamp}{user.email}{verified}{user.is_active}"


email_verification_token = EmailVerificationTokenGenerator()
