"""Pages of the reports app: the officials' Rekapitulasi desk (/dasbor/laporan/), the
secretariat's evaluation form, and the public /laporan/ with evaluations and open data."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import Action, agencies_where, is_official, user_can
from reports import evaluation as evaluation_figures
from reports import opendata, scorecard, selectors, services
from reports.forms import EvaluationForm, RekapBuildForm, RekapMonthFilter
from reports.models import JobStatus, month_label, previous_month
from standards.models import Agency, Tier
from standards.scorecard import agency_scorecard

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _file(data: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---------------------------------------------------------------------------------------------
# Rekapitulasi (SPEC C17)


@login_required
@require_http_methods(["GET", "HEAD"])
def rekap_index(request: HttpRequest) -> HttpResponse:
    """The month's rekap of every agency in reach: newest version, submitted by the 10th or
    not, lateness counted per agency; build, download and sign from here."""
    if not selectors.rekap_agencies_for(request.user):
        raise PermissionDenied(_("Halaman ini untuk Kepala OPD dan Sekretariat Pengaduan."))
    year, month = previous_month(timezone.localdate())
    data = request.GET.copy()
    if not data.get("bulan"):
        data["bulan"] = f"{year:04d}-{month:02d}"
    form = RekapMonthFilter(data)
    if form.is_valid():
        year, month = form.cleaned_data["bulan"]
    rows = selectors.month_overview(request.user, year, month)
    return render(
        request,
        "reports/rekap_index.html",
        {
            "form": form,
            "rows": rows,
            "year": year,
            "month": month,
            "bulan": f"{year:04d}-{month:02d}",
            "period": month_label(year, month),
            "submitted": sum(1 for r in rows if r.submitted),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def rekap_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rekap = selectors.get_rekap_for_user(request.user, pk)
    versions = selectors.versions_of(rekap)
    return render(
        request,
        "reports/rekap_detail.html",
        {
            "rekap": rekap,
            "versions": versions,
            "newest": versions[0],
            "can_sign": user_can(request.user, Action.SIGN_REPORT, rekap),
        },
    )


@login_required
@require_GET
def rekap_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    rekap = selectors.get_rekap_for_user(request.user, pk)
    return _file(
        selectors.blob(rekap, fmt), filename=rekap.filename(fmt), content_type=CONTENT_TYPES[fmt]
    )


@login_required
@require_POST
def rekap_sign(request: HttpRequest, pk: int) -> HttpResponse:
    rekap = selectors.get_rekap_for_user(request.user, pk, action=Action.SIGN_REPORT)
    try:
        services.rekap_sign(user=request.user, rekap_id=rekap.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Rekapitulasi %(period)s versi %(version)s ditandatangani dan disampaikan.")
            % {"period": rekap.period_label, "version": rekap.version},
        )
    return redirect(rekap)


@login_required
@require_POST
def rekap_build(request: HttpRequest) -> HttpResponse:
    """Ask for a rebuild of one agency's month, or of every agency in reach (opd empty)."""
    form = RekapBuildForm(request.POST)
    agencies = selectors.rekap_agencies_for(request.user)
    if not agencies:
        raise PermissionDenied
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("reports:rekap_index")
    year, month = form.cleaned_data["bulan"]
    opd = form.cleaned_data["opd"]
    if opd:
        agencies = [a for a in agencies if a.pk == opd]
        if not agencies:
            raise Http404
    try:
        job = services.rekap_job_request(
            user=request.user, year=year, month=month, agencies=agencies
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(f"{_index_url()}?bulan={year:04d}-{month:02d}")
    return redirect("reports:rekap_job", pk=job.pk)


def _index_url() -> str:
    return reverse("reports:rekap_index")


@login_required
@require_http_methods(["GET", "HEAD"])
def rekap_job(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress of a (re)build; the page refreshes itself while the work runs."""
    job = selectors.get_job_for_user(request.user, pk)
    running = job.status in (JobStatus.QUEUED, JobStatus.RUNNING)
    return render(
        request,
        "reports/rekap_job.html",
        {"job": job, "running": running, "bulan": f"{job.year:04d}-{job.month:02d}"},
    )


# ---------------------------------------------------------------------------------------------
# Semester evaluation (SPEC C16)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def evaluation_edit(request: HttpRequest) -> HttpResponse:
    """The secretariat writes causes and corrective actions and publishes the semester."""
    instansi = selectors.secretariat_instansi(request.user)
    if not instansi:
        raise PermissionDenied(_("Halaman ini untuk Sekretariat Pengaduan (Admin Instansi)."))
    inst = instansi[0]
    if request.method == "POST":
        form = EvaluationForm(request.POST)
        if form.is_valid():
            try:
                data = form.cleaned_data
                evaluation = services.evaluation_publish(
                    user=request.user,
                    instansi=inst,
                    year=data["year"],
                    semester=data["semester"],
                    findings=services.Findings(
                        causes=data["causes"], corrective_actions=data["corrective_actions"]
                    ),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Evaluasi %(period)s dipublikasikan; salinan dikirim kepada pimpinan "
                        "dan Inspektur."
                    )
                    % {"period": evaluation.period_label},
                )
                return redirect(evaluation)
    else:
        form = EvaluationForm(initial=EvaluationForm.current_semester(timezone.localdate()))
    initial = form.initial if not form.is_bound else {}
    year = initial.get("year") or timezone.localdate().year
    semester = initial.get("semester") or (1 if timezone.localdate().month <= 6 else 2)
    preview = evaluation_figures.semester_figures(inst, int(year), int(semester))
    return render(
        request,
        "reports/evaluation_form.html",
        {
            "form": form,
            "instansi": inst,
            "preview": preview,
            "tables": evaluation_figures.tables(preview),
            "published": selectors.evaluations_of(inst),
        },
    )


# ---------------------------------------------------------------------------------------------
# Public pages (/laporan/)


@require_http_methods(["GET", "HEAD"])
def public_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/public_index.html",
        {
            "evaluations": selectors.published_evaluations(),
            "fields": opendata.FIELDS,
            "schema_version": opendata.SCHEMA_VERSION,
            "schema_name": opendata.SCHEMA_NAME,
        },
    )


def _open_data_year(request: HttpRequest) -> int | None:
    value = request.GET.get("tahun", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else None


@require_GET
def open_data(request: HttpRequest, fmt: str) -> HttpResponse:
    """Anonymised monthly aggregates per agency and category (schema on /laporan/)."""
    rows = opendata.monthly_rows(year=_open_data_year(request))
    if fmt == "csv":
        response = HttpResponse(opendata.as_csv(rows), content_type="text/csv; charset=utf-8")
    elif fmt == "json":
        response = JsonResponse(opendata.as_json(rows), json_dumps_params={"ensure_ascii": False})
    else:
        raise Http404
    response["Content-Disposition"] = f'inline; filename="pengaduan-bulanan.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_http_methods(["GET", "HEAD"])
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = selectors.get_published_evaluation(pk)
    return render(
        request,
        "reports/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "f": evaluation.figures,
            "tables": evaluation_figures.tables(evaluation.figures),
            "is_official": is_official(request.user),
        },
    )


@require_GET
def evaluation_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = selectors.get_published_evaluation(pk)
    return _file(
        bytes(evaluation.pdf),
        filename=f"evaluasi-pengaduan-{evaluation.year}-s{evaluation.semester}.pdf",
        content_type=CONTENT_TYPES["pdf"],
    )


# ---------------------------------------------------------------------------------------------
# The Sekda's scorecard


SORT_KEYS = {"nama", "volume", "tepat", "breaches", "rekap"}


@login_required
@require_http_methods(["GET", "HEAD"])
def scorecard_page(request: HttpRequest) -> HttpResponse:
    """/dasbor/kinerja/: every OPD the user answers for side by side (the Sekda and the
    Sekretariat: all of them; a Kepala: their own), the unmet obligations of each, and the
    quality tools; a fixed number of queries."""
    where = agencies_where(request.user, Action.VIEW_SCORECARD)
    if where is None:
        raise PermissionDenied(_("Halaman ini untuk pimpinan daerah, Sekretariat dan Kepala OPD."))
    citywide = agencies_where(request.user, Action.VIEW_CITYWIDE) is not None
    agencies = list(Agency.objects.active().filter(where, tier=Tier.OPD).order_by("name"))
    today = timezone.localdate()
    try:
        year = int(request.GET.get("tahun", today.year))
    except ValueError:
        year = today.year
    if not 2000 <= year <= today.year:
        year = today.year
    sort = request.GET.get("urut", "-breaches")
    if sort.lstrip("-") not in SORT_KEYS | {c.key for c in agency_scorecard.columns()}:
        sort = "-breaches"
    scope = scorecard.Scope(agencies, year)
    instansi = Agency.objects.filter(pk=agencies[0].ancestor_ids[0]).first() if agencies else None
    return render(
        request,
        "reports/scorecard.html",
        {
            "year": year,
            "years": list(range(today.year, today.year - 5, -1)),
            "citywide": citywide,
            "own": None if citywide or len(agencies) != 1 else agencies[0],
            "sort": sort,
            "agency_table": scorecard.agency_table(scope, sort=sort),
            "service_table": scorecard.service_table(scope),
            "pareto": scorecard.pareto(scope),
            "histogram": scorecard.histogram(scope, instansi),
            "strata": scorecard.stratification(scope),
        },
    )
