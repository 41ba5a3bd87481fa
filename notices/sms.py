"""Text messages: a small pluggable backend, chosen by the SMS_BACKEND setting.

Apps do not call a backend: they call `notices.services.sms_send`, which hands the message to
the backend once the caller's transaction commits. A provider's gateway is one more subclass
of `BaseSmsBackend` named in SMS_BACKEND.

- `ConsoleSmsBackend` prints each message (development, `make run`);
- `LocmemSmsBackend` keeps them in `notices.sms.outbox` (tests read it);
- `NullSmsBackend` sends nothing and logs that it did not, without the text, which may hold
  an access link (production until a provider is configured).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SmsMessage:
    to: str
    text: str


class BaseSmsBackend:
    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        """Send the messages; return how many were sent."""
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        for message in messages:
            sys.stdout.write(f"SMS to {message.to}\n{message.text}\n{'-' * 40}\n")
        sys.stdout.flush()
        return len(messages)


# What LocmemSmsBackend sent, oldest first (tests clear it).
outbox: list[SmsMessage] = []


class LocmemSmsBackend(BaseSmsBackend):
    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        outbox.extend(messages)
        return len(messages)


class NullSmsBackend(BaseSmsBackend):
    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        if messages:
            logger.warning("%d SMS not sent: no SMS_BACKEND is configured.", len(messages))
        return 0


def sms_backend() -> BaseSmsBackend:
    return import_string(settings.SMS_BACKEND)()
