from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Notifikasi dan email")

    def ready(self) -> None:
        # Account mail (verification, password reset) is written in accounts, which stands
        # below this app and may not import it: it asks through the sender it was given.
        from accounts import mail
        from notices import services

        mail.sender_register(services.account_mail_send)
