"""Account audit entries from Django's own signals (logins, failures, logouts, role changes),
and the start of an official's idle clock (accounts.middleware)."""

from __future__ import annotations

import ipaddress
import time
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest

from accounts import services, throttle
from accounts.models import AuditAction, Membership, TotpDevice

# The session key holding when an official was last seen (seconds since the epoch); its
# presence marks the session as an official's, which expires after inactivity.
IDLE_SESSION_KEY = "accounts_official_seen"


def _ip(request: HttpRequest | None) -> str:
    """The client address for an audit entry, or "" when there is none or it is not one."""
    if request is None or not getattr(request, "META", None):
        return ""
    try:
        return str(ipaddress.ip_address(throttle.client_ip(request).strip("[]")))
    except ValueError:
        return ""


@receiver(user_logged_in, dispatch_uid="accounts_audit_login")
def _logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    services.audit_entry_add(None, action=AuditAction.LOGIN, user=user, ip=_ip(request))
    session = getattr(request, "session", None)
    if session is not None and (user.is_staff or user.memberships.filter(is_active=True).exists()):
        session[IDLE_SESSION_KEY] = time.time()


@receiver(user_login_failed, dispatch_uid="accounts_audit_login_failed")
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))
    services.audit_entry_add(
        None, action=AuditAction.LOGIN_FAILED, username=username, ip=_ip(request)
    )


@receiver(user_logged_out, dispatch_uid="accounts_audit_logout")
def _logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None and getattr(user, "pk", None):
        services.audit_entry_add(None, action=AuditAction.LOGOUT, user=user, ip=_ip(request))


@receiver(pre_save, sender=Membership, dispatch_uid="accounts_audit_role_before")
def _membership_before(sender: Any, instance: Membership, **kwargs: Any) -> None:
    previous = Membership.objects.filter(pk=instance.pk).values("role", "is_active").first()
    instance._audit_previous = previous  # type: ignore[attr-defined]


@receiver(post_save, sender=Membership, dispatch_uid="accounts_audit_role")
def _membership_saved(sender: Any, instance: Membership, created: bool, **kwargs: Any) -> None:
    previous = getattr(instance, "_audit_previous", None)
    state = f"{instance.role} @ {instance.agency_id}"
    if created or previous is None:
        action = AuditAction.ROLE_GRANTED if instance.is_active else AuditAction.ROLE_CHANGED
    elif previous == {"role": instance.role, "is_active": instance.is_active}:
        return
    elif previous["is_active"] and not instance.is_active:
        action = AuditAction.ROLE_REVOKED
    elif not previous["is_active"] and instance.is_active:
        action = AuditAction.ROLE_GRANTED
    else:
        action = AuditAction.ROLE_CHANGED
        state = f"{previous['role']} → {state}"
    services.audit_entry_add(
        getattr(instance, "audit_actor", None),
        action=action,
        user=instance.user,
        detail=state + ("" if instance.is_active else " (nonaktif)"),
    )


@receiver(post_delete, sender=Membership, dispatch_uid="accounts_audit_role_deleted")
def _membership_deleted(sender: Any, instance: Membership, **kwargs: Any) -> None:
    services.audit_entry_add(
        getattr(instance, "audit_actor", None),
        action=AuditAction.ROLE_REVOKED,
        user=instance.user,
        detail=f"{instance.role} @ {instance.agency_id} (dihapus)",
    )


@receiver(post_delete, sender=TotpDevice, dispatch_uid="accounts_audit_device_deleted")
def _device_deleted(sender: Any, instance: TotpDevice, **kwargs: Any) -> None:
    """Two-step login turned off, wherever: the owner on the profile page, or a superuser
    deleting the device in the admin for an official who lost their phone. An unconfirmed
    device never counted, so its removal is not an entry."""
    if instance.confirmed_at is not None:
        services.audit_entry_add(
            getattr(instance, "audit_actor", None),
            action=AuditAction.TWO_STEP_OFF,
            user=instance.user,
            detail="perangkat dihapus",
        )
