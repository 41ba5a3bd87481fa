from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Akun dan peran")

    def ready(self) -> None:
        from accounts import permissions, signals  # noqa: F401 (connects the audit signals)
        from standards import access

        access.install(permissions)
