"""Who may write through the Django admin.

The directory (agencies, services), users and memberships decide who may see what across
every pemda of the deployment: a staff account with a stray model permission must not be able
to give itself a role in another pemda. Writes to these tables are for superusers only; other
staff may still view what their permissions allow.
"""

from typing import Any

from django.http import HttpRequest


class SuperuserWritesOnly:
    def _is_superuser(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._is_superuser(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_superuser(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_superuser(request) and super().has_delete_permission(request, obj)  # type: ignore[misc]
