"""The officers' standard pages under /dasbor/standar/ (SPEC S1-S6).

Thin views: the permission door and the state table live in standards/workflow.py, writes in
standards/services.py. Objects outside the user's agencies are 404; visible-but-not-allowed
actions are 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from standards import compliance, selectors_standard, services
from standards.access import Action, Role, agencies_where
from standards.forms import (
    AdoptForm,
    BeritaAcaraForm,
    InternaliseForm,
    MaklumatForm,
    ReviseForm,
    StandardForm,
)
from standards.models import Agency
from standards.models_standard import BeritaAcara, Maklumat
from standards.services import DEFAULT_STATEMENTS
from standards.workflow import (
    Act,
    Actor,
    actors_of,
    acts_for,
    adopter_role,
    maklumat_agencies,
    may_sign_maklumat,
    officer_agencies_q,
    service_for,
    standard_for,
    visible_standards,
)


def _error_text(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


@login_required
def standard_index(request: HttpRequest) -> HttpResponse:
    q = officer_agencies_q(request.user)
    if q is None:
        raise PermissionDenied
    rows = selectors_standard.officer_services(q)
    agencies = list(Agency.objects.filter(q).active().order_by("name"))
    return render(
        request,
        "standards/officer/index.html",
        {
            "rows": rows,
            "agencies": maklumat_agencies(request.user, agencies),
            "can_see_compliance": compliance.scope_for(request.user) is not None,
            "can_import": agencies_where(request.user, Action.MANAGE_SERVICES) is not None,
        },
    )


@login_required
def service_standards(request: HttpRequest, code: str) -> HttpResponse:
    service = service_for(request.user, code)
    versions = list(service.standards.order_by("-version"))
    return render(
        request,
        "standards/officer/service.html",
        {
            "service": service,
            "versions": versions,
            "can_start": not versions and Actor.MANAGER in actors_of(request.user, service.agency),
        },
    )


@login_required
@require_POST
def standard_start(request: HttpRequest, code: str) -> HttpResponse:
    service = service_for(request.user, code)
    try:
        standard = services.standard_start(request.user, service=service)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("standards:officer_service", code=code)
    messages.success(request, _("Rancangan standar dibuat. Lengkapi komponennya."))
    return redirect("standards:officer_edit", pk=standard.pk)


@login_required
def standard_detail(request: HttpRequest, pk: int) -> HttpResponse:
    standard = standard_for(request.user, pk)
    acts = services_acts(request.user, standard)
    discussions = list(
        BeritaAcara.objects.filter(standard=standard).prefetch_related("participants")
    )
    today = timezone.localdate()
    return render(
        request,
        "standards/officer/detail.html",
        {
            "standard": standard,
            "service": standard.service,
            "acts": acts,
            "discussions": discussions,
            "missing": services.missing_components(standard),
            "ba_form": BeritaAcaraForm(initial={"held_on": today}),
            "adopt_form": AdoptForm(
                initial={"decree_date": today, "adopted_by_name": request.user.get_full_name()}
            ),
            "internalise_form": InternaliseForm(initial={"on": today}),
            "revise_form": ReviseForm(),
        },
    )


def services_acts(user: Any, standard: Any) -> set[str]:
    """The acts the state table offers this user on this standard, as strings for templates."""
    return {str(a) for a in acts_for(user, standard)}


@login_required
def standard_edit(request: HttpRequest, pk: int) -> HttpResponse:
    standard = standard_for(request.user, pk)
    if Act.EDIT not in services_acts(request.user, standard):
        raise PermissionDenied
    form = StandardForm(request.POST or None, instance=standard)
    if request.method == "POST" and form.is_valid():
        try:
            services.standard_update(request.user, standard=standard, components=form.components())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Rancangan disimpan."))
            return redirect("standards:officer_detail", pk=standard.pk)
    return render(
        request,
        "standards/officer/edit.html",
        {"standard": standard, "service": standard.service, "form": form},
        status=400 if form.errors else 200,
    )


def _post_action(request: HttpRequest, pk: int, form_class: type, act: Any) -> HttpResponse:
    standard = standard_for(request.user, pk)
    if not actors_of(request.user, standard.service.agency):
        raise PermissionDenied
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
        return redirect("standards:officer_detail", pk=standard.pk)
    try:
        done = act(request.user, standard, form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("standards:officer_detail", pk=standard.pk)
    messages.success(request, done[0])
    return redirect("standards:officer_detail", pk=done[1])


@login_required
@require_POST
def berita_acara_add(request: HttpRequest, pk: int) -> HttpResponse:
    def act(user: Any, standard: Any, data: dict[str, Any]) -> tuple[str, int]:
        services.berita_acara_record(
            user,
            standard=standard,
            held_on=data["held_on"],
            method=data["method"],
            notes=data["notes"],
            scan=data["scan"],
            participants=data["participants"],
        )
        return _("Berita acara pembahasan dicatat."), standard.pk

    return _post_action(request, pk, BeritaAcaraForm, act)


@login_required
@require_POST
def standard_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    def act(user: Any, standard: Any, data: dict[str, Any]) -> tuple[str, int]:
        services.standard_adopt(user, standard=standard, **data)
        return _("Standar pelayanan ditetapkan dan dipublikasikan."), standard.pk

    return _post_action(request, pk, AdoptForm, act)


@login_required
@require_POST
def standard_internalise(request: HttpRequest, pk: int) -> HttpResponse:
    def act(user: Any, standard: Any, data: dict[str, Any]) -> tuple[str, int]:
        services.standard_internalise(user, standard=standard, **data)
        return _("Internalisasi dicatat."), standard.pk

    return _post_action(request, pk, InternaliseForm, act)


@login_required
@require_POST
def standard_revise(request: HttpRequest, pk: int) -> HttpResponse:
    def act(user: Any, standard: Any, data: dict[str, Any]) -> tuple[str, int]:
        draft = services.standard_revise(user, standard=standard, **data)
        return _("Rancangan revisi dibuat dari versi yang berlaku."), draft.pk

    return _post_action(request, pk, ReviseForm, act)


@login_required
def berita_acara_scan(request: HttpRequest, pk: int) -> FileResponse:
    ba = BeritaAcara.objects.filter(pk=pk, standard__in=visible_standards(request.user)).first()
    if ba is None:
        raise Http404
    response = FileResponse(
        ba.scan.open("rb"),
        as_attachment=True,
        filename=f"berita-acara-{ba.pk}.{ba.scan.name.rsplit('.', 1)[-1]}",
        content_type=ba.scan_content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def maklumat_edit(request: HttpRequest, slug: str) -> HttpResponse:
    q = officer_agencies_q(request.user)
    agency = Agency.objects.filter(q).filter(slug=slug).first() if q is not None else None
    if agency is None:
        raise Http404
    if not may_sign_maklumat(request.user, agency):
        raise PermissionDenied
    current = Maklumat.objects.filter(agency=agency).order_by("-version").first()
    initial = {
        "statement_standard": current.statement_standard if current else DEFAULT_STATEMENTS[0],
        "statement_duty": current.statement_duty if current else DEFAULT_STATEMENTS[1],
        "statement_sanction": current.statement_sanction if current else DEFAULT_STATEMENTS[2],
        "signer_name": request.user.get_full_name(),
        "signer_position": (
            _("Bupati/Walikota")
            if adopter_role(agency) == Role.KEPALA_DAERAH
            else _("Kepala %(agency)s") % {"agency": agency.name}
        ),
        "signed_on": timezone.localdate(),
    }
    form = MaklumatForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.maklumat_sign(request.user, agency=agency, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Maklumat pelayanan ditandatangani dan dipublikasikan."))
            return redirect(agency.get_absolute_url() + "#maklumat")
    return render(
        request,
        "standards/officer/maklumat.html",
        {"agency": agency, "form": form, "current": current},
        status=400 if form.errors else 200,
    )


@login_required
def compliance_page(request: HttpRequest) -> HttpResponse:
    scope = compliance.scope_for(request.user)
    if scope is None:
        raise PermissionDenied
    detail = request.GET.get("daftar", "")
    agency_id = request.GET.get("opd", "")
    sort = request.GET.get("urut", "nama")
    if sort not in compliance.SORTS:
        sort = "nama"
    rows = compliance.agency_rows(scope, sort=sort)
    totals = compliance.totals(rows)
    listing = compliance.listing(scope, detail, agency_id) if detail else None
    if listing is not None:
        listing["opd"] = next((r for r in rows if str(r.pk) == agency_id), None)
    return render(
        request,
        "standards/officer/compliance.html",
        {
            "rows": rows,
            "totals": totals,
            "listing": listing,
            "sort": sort,
            "detail": detail,
            # The Sekda and the Sekretariat read compliance but work on no standard: their
            # links go to the public pages, an officer's to the standard's own pages.
            "officer_links": officer_agencies_q(request.user) is not None,
        },
    )


@login_required
def service_import(request: HttpRequest) -> HttpResponse:
    from standards.forms import ImportForm
    from standards.imports import services_import, standard_hints

    q = agencies_where(request.user, Action.MANAGE_SERVICES)
    if q is None:
        raise PermissionDenied
    agencies = Agency.objects.filter(q).active().order_by("name")
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    chosen = request.POST.get("agency", "")
    if request.method == "POST" and form.is_valid():
        agency = agencies.filter(pk=int(chosen)).first() if chosen.isdigit() else None
        if agency is None:
            errors.append(_("Pilih perangkat daerah tujuan."))
        else:
            result = services_import(request.user, agency=agency, upload=form.cleaned_data["file"])
            errors = result.errors
            if not errors:
                messages.success(
                    request,
                    _("%(n)d layanan diimpor ke %(agency)s, %(drafts)d dengan rancangan standar.")
                    % {"n": len(result.rows), "agency": agency.name, "drafts": result.drafts},
                )
                return redirect("standards:officer_index")
    return render(
        request,
        "standards/officer/import.html",
        {
            "form": form,
            "agencies": agencies,
            "errors": errors,
            "chosen": chosen,
            "hints": standard_hints()[6:],
        },
        status=400 if (errors or form.errors) else 200,
    )


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    from standards.imports import template_workbook

    if officer_agencies_q(request.user) is None:
        raise PermissionDenied
    response = HttpResponse(
        template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="templat-layanan.xlsx"'
    return response
