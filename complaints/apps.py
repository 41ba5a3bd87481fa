from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Pengaduan dan aspirasi")

    def ready(self) -> None:
        from complaints import sections

        sections.register()
