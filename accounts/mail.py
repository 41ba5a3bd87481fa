"""Account mail (e-mail verification, password reset) without importing what sends it.

Accounts stands below notices (ARCHITECTURE.md), yet its mail goes through the notices
outbox like every other mail. So accounts names what it needs - a function that mails one
rendered template to an address and says whether the mail server took it - and the notices
app registers its implementation when Django starts (NoticesConfig.ready). The templates are
templates/emails/<template>_{subject.txt,body.txt,body.html}.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured


class Sender(Protocol):
    def __call__(self, *, template: str, to: str, context: Mapping[str, Any]) -> bool: ...


_sender: list[Sender] = []


def sender_register(sender: Sender) -> None:
    """Called once by the app that delivers mail (notices)."""
    _sender[:] = [sender]


def account_mail_send(*, template: str, to: str, context: Mapping[str, Any]) -> bool:
    """Mail `template` to `to`; True when the mail server took it. A mail that could not be
    sent now stays in the outbox and is tried again later."""
    if not _sender:
        raise ImproperlyConfigured("No account mail sender: is 'notices' in INSTALLED_APPS?")
    return _sender[0](template=template, to=to, context=context)
