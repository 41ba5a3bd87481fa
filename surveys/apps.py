from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Survei kepuasan masyarakat")

    def ready(self) -> None:
        from standards.sections import Section, agency_page, dashboard_page, service_page
        from surveys import scorecard, sections

        scorecard.register()

        service_page.register(
            Section(
                key="skm",
                title=_("Hasil Survei Kepuasan Masyarakat (SKM)"),
                template="surveys/_service_section.html",
                context=sections.service_section,
                order=30,
            )
        )
        agency_page.register(
            Section(
                key="kinerja",
                title=_("Evaluasi kinerja dan hasil SKM"),
                template="surveys/_agency_section.html",
                context=sections.agency_section,
                order=30,
            )
        )
        dashboard_page.register(
            Section(
                key="skm-kewajiban",
                title=_("Kewajiban SKM"),
                template="surveys/_obligations_panel.html",
                context=sections.obligations_panel,
                order=50,
            )
        )
