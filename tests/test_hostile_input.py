"""No 500s on any input a browser or script can send, and no markup echoed back unescaped.

Every URL pattern of the project is found by walking the URL conf (admin/ and the i18n
internals left out, set_language kept) and probed as an anonymous visitor, a citizen (the
reporter of every item below), an Admin Instansi and a Pejabat Penghubung. Path parameters are
filled with real values (items in each workflow state, slugs, an attachment, account links)
and with hostile ones (unknown codes, overlong strings, "../", unicode, NUL). Each URL gets
GET, HEAD, a POST without data and POSTs where every input of the view's form carries a
garbage value, a list of values, non-UTF-8 bytes or a bogus file.

Each request runs inside a savepoint that is rolled back and the client's cookies are put
back afterwards, so every probe sees the same world and the same logged-in session, whatever
the previous probe changed (a successful garbage note, a logout, a language switch).
"""

from __future__ import annotations

import copy
import io
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from PIL import Image

from accounts.forms import (
    AccountPasswordResetForm,
    AccountSetPasswordForm,
    LoginForm,
    RegistrationForm,
    ResendVerificationForm,
)
from accounts.models import User
from accounts.tokens import email_verification_token
from complaints import services
from complaints.filters import OfficerComplaintFilter
from complaints.forms import (
    ComplaintForm,
    PublicListFilterForm,
    RateForm,
    ReexamineForm,
    SupplyDataForm,
    TrackForm,
)
from complaints.forms_intake import OfficerIntakeForm
from complaints.forms_officer import ACT_FORMS
from complaints.models import Complaint, Event, Privacy, SlaClass
from complaints.uploads import clean_upload
from complaints.workflow import Act, Actor, allowed_acts
from notices.forms import NotificationPreferenceForm
from reports.forms import EvaluationForm, RekapBuildForm
from reputation.forms import (
    HideForm,
    KioskIssueForm,
    KioskRatingForm,
    RatingForm,
    ReplyForm,
    ThresholdForm,
    WarningForm,
)
from reputation.models import KioskToken, Rating
from reputation.services import rating_submit
from standards import services as standard_services
from standards.forms import (
    AdoptForm,
    BeritaAcaraForm,
    ImportForm,
    InternaliseForm,
    MaklumatForm,
    ReviseForm,
    StandardForm,
)
from standards.models import Agency
from surveys.forms import FollowUpForm, FollowUpStatusForm, ResponseForm, SurveyForm
from surveys.models import Survey
from tests.personas import World

SCRIPT = "<script>alert(1)</script>"
PERSONAS = ["anonymous", "citizen", "admin_instansi", "penghubung"]

# Values for every input of a form, one payload per value.
GARBAGE: list[str] = [
    "",
    "x" * 100_000,
    "-1",
    "99999999999999999999",
    SCRIPT,
    "2026-02-30",
    "null",
    "\x00",
    "ñ漢字🙂\u202e",
    "1e999999999",
]
# Values for path parameters besides the real ones.
HOSTILE_PATH: list[str] = [
    "LP-ZZZZ-ZZZZ",
    "0",
    "99999999999999999999",
    "A" * 2000,
    "../../etc/passwd",
    "ñ漢字🙂",
    "\x00",  # sent as %00
    SCRIPT,
]
# Query parameters the pages read besides their forms' fields.
EXTRA_PARAMS = [
    "next",
    "halaman",
    "kode",
    "layanan",
    "tab",
    "urut",
    "jenis",
    "q",
    "id",
    "kanal",
    "kios",
]
# Non-UTF-8 bytes, as a browser with a broken charset or a script could send them.
NON_UTF8 = b"\xff\xfe\xc0\xaf\xed\xa0\x80"
BOUNDARY = "hostileBoundary7MA4YWxkTrZu0gW"


# ---------------------------------------------------------------------------------------------
# The URL conf


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    route: str  # "pengaduan/<str:code>/"
    converters: dict[str, Any]


def _walk(resolvers: list[Any], prefix: str, namespace: str, converters: dict) -> Iterator[Route]:
    for entry in resolvers:
        pattern = entry.pattern
        if not isinstance(pattern, RoutePattern):
            raise AssertionError(f"extend the probe for regex pattern {pattern!r}")
        route = prefix + str(pattern)
        found = {**converters, **pattern.converters}
        if isinstance(entry, URLResolver):
            if route.startswith("admin/"):
                continue
            ns = ":".join(p for p in (namespace, entry.namespace or "") if p)
            yield from _walk(entry.url_patterns, route, ns, found)
        elif isinstance(entry, URLPattern):
            if route.startswith("i18n/") and entry.name != "set_language":
                continue
            name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
            yield Route(name, route, found)


def project_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns, "", "", {}))


_PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


def build_url(route: Route, kwargs: dict[str, str]) -> str:
    return "/" + _PARAM.sub(lambda m: quote(str(kwargs[m["name"]]), safe=""), route.route)


def params_of(route: Route) -> list[str]:
    return [m["name"] for m in _PARAM.finditer(route.route)]


def matches_converters(route: Route, kwargs: dict[str, str]) -> bool:
    """Would the resolver hand these values to the view at all (else it is a plain 404)?"""
    return all(
        re.fullmatch(route.converters[name].regex, str(kwargs[name])) for name in params_of(route)
    )


# ---------------------------------------------------------------------------------------------
# The world: one item in each state the views treat differently


def png_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buf, format="PNG")
    return buf.getvalue()


@dataclass
class Scene:
    world: World
    complaints: dict[str, Complaint]
    attachment_pk: int
    unverified: User
    survey_ids: dict[str, int] = field(default_factory=dict)
    users: dict[str, User | None] = field(default_factory=dict)
    standard_pk: int = 0
    berita_acara_pk: int = 0


def _fresh(c: Complaint) -> Complaint:
    c.refresh_from_db()
    return c


def build_scene(w: World) -> Scene:
    nas, ai, ph = w.user("admin_nasional"), w.user("admin_instansi"), w.user("penghubung")
    citizen = w.user("citizen")

    def filed() -> Complaint:
        photo = SimpleUploadedFile("bukti.png", png_bytes(), content_type="image/png")
        c = w.submit(reporter=citizen, privacy=Privacy.PUBLIK, files=[clean_upload(photo)])
        return c.complaint

    def step(c: Complaint, service: Callable[..., Any], user: User, **kw: Any) -> Complaint:
        service(complaint_id=c.pk, version=_fresh(c).version, user=user, **kw)
        return _fresh(c)

    def at_instansi() -> Complaint:
        c = step(filed(), services.complaint_verify, nas)
        return step(c, services.complaint_route, nas, to_agency=w.pemda)

    def at_opd() -> Complaint:
        c = step(at_instansi(), services.complaint_verify, ai)
        return step(c, services.complaint_route, ai, to_agency=w.dukcapil)

    def in_progress() -> Complaint:
        return step(
            at_opd(),
            services.complaint_accept,
            ph,
            verification=services.Verification(sla_class=SlaClass.TANPA_PEMERIKSAAN),
        )

    def answered() -> Complaint:
        reply = SimpleUploadedFile("balasan.png", png_bytes(), content_type="image/png")
        return step(
            in_progress(),
            services.complaint_respond,
            ph,
            answer=services.Answer(text="KTP-el sudah dicetak.", files=[clean_upload(reply)]),
        )

    unsatisfied = answered()
    services.complaint_rate(complaint_id=unsatisfied.pk, satisfied=False, comment="Belum.")
    complaints = {
        "new": filed(),
        "instansi_new": at_instansi(),
        "instansi_verified": step(at_instansi(), services.complaint_verify, ai),
        "opd_new": at_opd(),
        "opd_in_progress": in_progress(),
        "waiting_data": step(
            in_progress(), services.complaint_request_data, ph, note="Mohon foto bukti."
        ),
        "answered": answered(),
        "unsatisfied": _fresh(unsatisfied),
    }
    attachment = complaints["answered"].attachments.order_by("pk").last()
    assert attachment is not None
    unverified = User.objects.create_user(
        username="belum.verifikasi",
        password="kata-sandi-uji-123",
        full_name="Belum Verifikasi",
        email="belum@example.net",
        is_active=False,
    )
    # A service standard under discussion, so the standards pages get real objects.
    standard = standard_services.standard_start(ph, service=w.service)
    ba = standard_services.berita_acara_record(
        ph,
        standard=standard,
        held_on=timezone.localdate(),
        method="fgd",
        notes="",
        scan=SimpleUploadedFile("ba.png", png_bytes()),
        participants=[standard_services.ParticipantInput("Ibu Ani", "penerima")],
    )
    return Scene(
        world=w,
        complaints={k: _fresh(c) for k, c in complaints.items()},
        attachment_pk=attachment.pk,
        unverified=unverified,
        standard_pk=standard.pk,
        berita_acara_pk=ba.pk,
        survey_ids=_survey_scene(w),
        users={
            "anonymous": None,
            "citizen": citizen,
            "admin_instansi": ai,
            "penghubung": ph,
        },
    )


# ---------------------------------------------------------------------------------------------
# Real path values per URL name: (kwargs, probe with every garbage payload?)


def real_values(scene: Scene, route: Route, user: User | None) -> list[tuple[dict, bool]]:
    c = scene.complaints
    codes = [x.code for x in c.values()]
    citizen = scene.users["citizen"]
    assert citizen is not None
    uid = urlsafe_base64_encode(force_bytes(citizen.pk))
    unverified_uid = urlsafe_base64_encode(force_bytes(scene.unverified.pk))
    primary_code = {
        "complaints:supply_data": c["waiting_data"].code,
        "complaints:rate": c["answered"].code,
        "complaints:reexamine": c["unsatisfied"].code,
        "complaints:officer_detail": c["opd_in_progress"].code,
        "complaints:receipt": c["new"].code,
        "complaints:detail": c["answered"].code,
    }
    name = route.name
    if name == "complaints:officer_act":
        # Each action form the persona may use, on the first item where it is offered.
        pairs: dict[Act, dict] = {}
        for x in c.values():
            for act in allowed_acts(user, x) if user is not None else {}:
                if act in ACT_FORMS:
                    pairs.setdefault(act, {"code": x.code, "act": act.value})
        fallback = {"code": c["opd_in_progress"].code, "act": Act.NOTE.value}
        return [(kw, True) for kw in pairs.values()] or [(fallback, True)]
    if name == "standards:agency_detail":
        return [
            ({"slug": scene.world.dukcapil.slug}, True),
            ({"slug": scene.world.pemda.slug}, False),
        ]
    if name == "standards:service_detail":
        service = scene.world.service
        return [({"agency_slug": service.agency.slug, "slug": service.slug}, True)]
    if name == "complaints:attachment":
        return [({"pk": str(scene.attachment_pk)}, True)]
    service = scene.world.service
    on_service = {"agency_slug": service.agency.slug, "slug": service.slug}
    standard_routes: dict[str, dict[str, str]] = {
        "standards:officer_ba_scan": {"pk": str(scene.berita_acara_pk)},
        "standards:officer_service": {"code": service.code},
        "standards:officer_start": {"code": service.code},
        "standards:maklumat_edit": {"slug": service.agency.slug},
        "standards:standard_history": on_service,
        "standards:standard_pdf": on_service,
        "standards:poster_pdf": {**on_service, "size": "a4"},
    }
    if name in standard_routes:
        return [(standard_routes[name], True)]
    if name.startswith("standards:officer_") and params_of(route) == ["pk"]:
        return [({"pk": str(scene.standard_pk)}, True)]
    surveys = _survey_values(scene, name)
    if surveys is not None:
        return surveys
    if name.startswith("reputation:") and params_of(route) != []:
        return [(_reputation_values(scene, route), True)]
    if name == "accounts:verify":
        token = email_verification_token.make_token(scene.unverified)
        return [({"uidb64": unverified_uid, "token": token}, True)]
    if name == "accounts:password_reset_confirm":
        token = default_token_generator.make_token(citizen)
        return [
            ({"uidb64": uid, "token": token}, False),
            ({"uidb64": uid, "token": "set-password"}, True),
        ]
    params = params_of(route)
    if params == ["code"]:
        first = primary_code.get(name, codes[0])
        return [({"code": first}, True)] + [({"code": x}, False) for x in codes if x != first]
    if not params:
        return [({}, True)]
    # A route nobody taught this test about: probe it with plausible values anyway.
    fallback = {"code": codes[0], "pk": str(scene.attachment_pk), "slug": "dukcapil"}
    return [({p: fallback.get(p, "1") for p in params}, True)]


def _survey_scene(w: World) -> dict[str, int]:
    """An open survey of the world's service with a response (with a suggestion) and a
    follow-up item, and a published one."""
    import datetime
    import uuid

    from surveys import services as survey_services

    def survey(title: str) -> Any:
        s = survey_services.survey_create(
            w.user("penghubung"),
            agency=w.service.agency,
            service=w.service,
            title=title,
            period_kind="tahun",
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 12, 31),
            population=100,
        )
        s = survey_services.survey_set_status(None, survey=s, status="open")
        responses = [  # five: a survey is published with 5 responses or more
            survey_services.response_submit(
                survey=s,
                answers={n: 3 for n in range(1, 10)},
                gender="P",
                age_band="30-39",
                education="sma",
                occupation="swasta",
                service=w.service,
                served_on=datetime.date(2026, 1, 5),
                suggestion="Tambah kursi",
                channel="web",
                respondent_key=uuid.uuid4().hex,
                idempotency_key=uuid.uuid4(),
            )[0]
            for _n in range(5)
        ]
        response = responses[0]
        item = survey_services.followup_add(
            None,
            survey=s,
            unsur=3,
            action="Loket",
            owner="Kabid",
            due_date=datetime.date(2026, 9, 1),
        )
        return s, response, item

    open_survey, response, item = survey("SKM terbuka")
    published, _response, _item = survey("SKM terbit")
    survey_services.survey_set_status(None, survey=published, status="closed")
    survey_services.survey_set_status(None, survey=published, status="published")
    return {
        "open": open_survey.pk,
        "published": published.pk,
        "response": response.pk,
        "item": item.pk,
    }


def _survey_values(scene: Scene, name: str) -> list[tuple[dict, bool]] | None:
    ids = scene.survey_ids
    if name == "surveys:for_service":
        return [({"code": scene.world.service.code}, True)]
    if not name.startswith("surveys:"):
        return None
    pks = [str(ids["open"]), str(ids["published"])]
    if name == "surveys:officer_followup_status":
        return [({"pk": pks[0], "item_pk": str(ids["item"])}, True)]
    if name == "surveys:officer_moderate":
        return [({"pk": pks[0], "response_pk": str(ids["response"])}, True)]
    if name in ("surveys:officer_list", "surveys:officer_create"):
        return [({}, True)]
    if name == "surveys:officer_obligations":
        agency = str(scene.world.service.agency_id)
        return [({"agency_pk": agency, "kind": "tanpa-survei"}, True)] + [
            ({"agency_pk": agency, "kind": kind}, False) for kind in ("di-bawah-sampel", "lain")
        ]
    return [({"pk": pks[0]}, True), ({"pk": pks[1]}, False)]


def _reputation_values(scene: Scene, route: Route) -> dict[str, str]:
    """A service code, a live kiosk token and a commented rating of the world's service."""
    service = scene.world.service
    kiosk, _created = KioskToken.objects.get_or_create(
        name="Kios uji",
        agency=service.agency,
        defaults={"token": "kios-uji-token", "service": service},
    )
    rating = (
        Rating.objects.filter(service=service).first()
        or rating_submit(
            user=None,
            service=service,
            satisfied=False,
            comment="Antrean lama",
            idempotency_key=uuid.uuid4(),
            voter_key="b:uji",
        ).rating
    )
    values = {"code": service.code, "token": kiosk.token, "pk": str(rating.pk)}
    if route.name == "reputation:kiosk_revoke":
        values["pk"] = str(kiosk.pk)
    return {p: values[p] for p in params_of(route)}


def hostile_values(real: dict[str, str]) -> Iterator[dict[str, str]]:
    for param in real:
        for value in HOSTILE_PATH:
            yield {**real, param: value}


# ---------------------------------------------------------------------------------------------
# The inputs each view's form declares


def input_names(form: forms.Form) -> tuple[list[str], list[str]]:
    """(text inputs, file inputs) by their HTML names, prefixes and multi-widgets included."""
    names: list[str] = []
    files: list[str] = []
    for bound in form:
        widget = bound.field.widget
        if isinstance(bound.field, forms.FileField):
            files.append(bound.html_name)
        elif isinstance(widget, forms.MultiWidget):
            names += [bound.html_name + suffix for suffix in widget.widgets_names]
        else:
            names.append(bound.html_name)
    return names, files


@dataclass(frozen=True)
class Inputs:
    names: list[str]  # text inputs, EXTRA_PARAMS included
    files: list[str]  # file inputs
    declared: bool  # the view binds a form this test knows
    fixed: dict[str, str]  # kept in every per-value payload, so the form gets past them


class _FormFields(HTMLParser):
    """The names of the inputs of every <form method="post"> (or GET form) on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self.files: list[str] = []
        self._in_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self._in_form = True
        elif self._in_form and tag in {"input", "select", "textarea", "button"}:
            name = a.get("name") or ""
            if not name or name == "csrfmiddlewaretoken":
                return
            target = self.files if a.get("type") == "file" else self.names
            if name not in target:
                target.append(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False


def page_inputs(page: Any) -> tuple[list[str], list[str]]:
    """Inputs read from the page the view rendered: a route nobody taught this test about
    still gets garbage in every field its forms declare."""
    if not isinstance(page, HttpResponse) or page.streaming:
        return [], []
    if not page.get("Content-Type", "").startswith("text/html"):
        return [], []
    parser = _FormFields()
    parser.feed(page.content.decode("utf-8", "replace"))
    return parser.names, parser.files


def form_inputs(
    scene: Scene, name: str, kwargs: dict, user: User | None, page: Any = None
) -> Inputs:
    citizen = scene.users["citizen"]
    by_name: dict[str, Callable[[], Any]] = {
        "complaints:create": lambda: ComplaintForm(user=user),
        "complaints:track": TrackForm,
        "complaints:list": PublicListFilterForm,
        "complaints:supply_data": SupplyDataForm,
        "complaints:rate": RateForm,
        "complaints:reexamine": ReexamineForm,
        "complaints:inbox": lambda: OfficerComplaintFilter(queryset=Complaint.objects.none()).form,
        "complaints:officer_intake": lambda: OfficerIntakeForm(user=user),
        "accounts:login": LoginForm,
        "accounts:register": RegistrationForm,
        "accounts:verify_resend": ResendVerificationForm,
        "accounts:password_reset": AccountPasswordResetForm,
        "accounts:password_reset_confirm": lambda: AccountSetPasswordForm(citizen),
        "notices:preferences": lambda: NotificationPreferenceForm(official=False),
        "standards:officer_edit": StandardForm,
        "standards:officer_ba": BeritaAcaraForm,
        "standards:officer_adopt": AdoptForm,
        "standards:officer_internalise": InternaliseForm,
        "standards:officer_revise": ReviseForm,
        "standards:maklumat_edit": MaklumatForm,
        "standards:service_import": ImportForm,
        "reports:rekap_build": RekapBuildForm,
        "reports:evaluation_edit": EvaluationForm,
        "surveys:answer": lambda: ResponseForm(
            survey=Survey.objects.get(pk=scene.survey_ids["open"])
        ),
        "surveys:officer_create": lambda: SurveyForm(agencies=Agency.objects.none()),
        "surveys:officer_followup_add": FollowUpForm,
        "surveys:officer_followup_status": FollowUpStatusForm,
        "reputation:rate": RatingForm,
        "reputation:kiosk": KioskRatingForm,
        "reputation:kiosk_sync": KioskRatingForm,
        "reputation:kiosks": lambda: KioskIssueForm(agencies=Agency.objects.all()),
        "reputation:warnings": lambda: WarningForm(agencies=Agency.objects.all()),
        "reputation:threshold": lambda: ThresholdForm(agencies=Agency.objects.all()),
        "reputation:comment_hide": HideForm,
        "reputation:comment_reply": ReplyForm,
    }
    names: list[str] = []
    files: list[str] = []
    fixed: dict[str, str] = {}
    declared = True
    if name == "complaints:officer_act" and kwargs.get("act") in {a.value for a in ACT_FORMS}:
        act = Act(kwargs["act"])
        complaint = next(
            (c for c in scene.complaints.values() if c.code == kwargs["code"]),
            scene.complaints["new"],
        )
        names, files = input_names(ACT_FORMS[act](complaint=complaint, actor=Actor.PENGHUBUNG))
        # With the version the officer saw, garbage reaches the form and the service; a wrong
        # version only earns the "item changed" message.
        fixed = {f"{act.value}-version": str(complaint.version)}
    elif name in by_name:
        names, files = input_names(by_name[name]())
    elif name == "set_language":
        names = ["language"]
    elif name == "notices:notification_read":
        names = ["id"]
    elif name == "surveys:officer_status":
        names = ["status"]
    elif name == "surveys:officer_moderate":
        names = ["keputusan"]
    else:
        names, files = page_inputs(page)
        declared = bool(names or files)
    names += [p for p in EXTRA_PARAMS if p not in names]
    return Inputs([n for n in names if n not in fixed], files, declared, fixed)


# ---------------------------------------------------------------------------------------------
# Payloads


@dataclass(frozen=True)
class Payload:
    label: str
    data: Any = None
    content_type: str | None = None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:30]}…({len(value)} chars)"


def bogus_files() -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile("../../evil<script>.png", b"\x89PNG\r\n\x1a\ngarbage", "image/png"),
        SimpleUploadedFile("fake.pdf", b"%PDF-1.4\n<script>alert(1)</script>\n%%EOF", "text/pdf"),
        SimpleUploadedFile("kosong.jpg", b"", "image/jpeg"),
        SimpleUploadedFile("run.exe", b"MZ\x90\x00" + b"\x00" * 64, "application/octet-stream"),
        SimpleUploadedFile("\u202egnp.exe", b"\xff\xd8\xff\xe0" + b"\x00" * 32, "image/jpeg"),
        SimpleUploadedFile("six.png", png_bytes(), "image/png"),
    ]


def _raw_multipart(names: list[str], files: list[str]) -> bytes:
    parts: list[bytes] = []
    for n in names:
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{n}"\r\n\r\n'.encode()
            + NON_UTF8
            + b"\r\n"
        )
    for n in files:
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{n}"; '.encode()
            + b'filename="'
            + NON_UTF8
            + b'.png"\r\nContent-Type: image/png\r\n\r\n'
            + NON_UTF8
            + b"\r\n"
        )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def post_payloads(
    inputs: Inputs, *, full: bool, turn: int, values: list[str] = GARBAGE
) -> list[Payload]:
    names, files, fixed = inputs.names, inputs.files, inputs.fixed
    payloads = [
        Payload(f"every input = {_short(g)}", {**fixed, **{n: g for n in names}}) for g in values
    ]
    payloads.append(
        Payload(
            "every input = a list of values",
            {n: ["1", SCRIPT, "x" * 1000, "", "ya"] for n in names},
        )
    )
    payloads.append(
        Payload(
            "every input = %-encoded non-UTF-8",
            "&".join(f"{quote(n)}=%FF%FE%C0%AF" for n in names).encode(),
            "application/x-www-form-urlencoded",
        )
    )
    payloads.append(
        Payload(
            "every input = raw non-UTF-8 bytes",
            b"&".join(n.encode() + b"=" + NON_UTF8 for n in names),
            "application/x-www-form-urlencoded; charset=utf-8",
        )
    )
    payloads.append(
        Payload(
            "multipart, non-UTF-8 values and file name",
            _raw_multipart(names, files or ["lampiran"]),
            f"multipart/form-data; boundary={BOUNDARY}",
        )
    )
    for f in files:
        payloads.append(
            Payload(f"bogus files in {f}", {**fixed, **{n: "x" for n in names}, f: bogus_files()})
        )
        payloads.append(
            Payload(f"a string in file input {f}", {**fixed, **{n: "x" for n in names}, f: SCRIPT})
        )
    if full:
        return payloads
    return [payloads[(turn + k) % len(payloads)] for k in range(2)]


def get_payloads(inputs: Inputs, *, full: bool, turn: int, half: int) -> list[Payload]:
    """Query strings: half of the values each (the pairs anonymous + citizen and Admin
    Instansi + Penghubung see the same query forms, so each pair covers every value)."""
    values = GARBAGE[half::2] if full else [GARBAGE[turn % len(GARBAGE)]]
    return [Payload(f"query = {_short(g)}", {n: g for n in inputs.names}) for g in values]


# ---------------------------------------------------------------------------------------------
# Sending and checking


@dataclass
class Prober:
    client: Client
    persona: str
    failures: list[str] = field(default_factory=list)
    sent: int = 0

    def send(self, method: str, url: str, payload: Payload | None = None) -> Any:
        cookies = copy.deepcopy(self.client.cookies)
        kwargs: dict[str, Any] = {}
        if payload is not None:
            kwargs["data"] = payload.data
            if payload.content_type:
                kwargs["content_type"] = payload.content_type
        if method == "get" and payload is not None:
            url = f"{url}?{urlencode(payload.data, doseq=True)}"
            kwargs = {}
        with transaction.atomic():
            response = getattr(self.client, method)(url, **kwargs)
            transaction.set_rollback(True)
        self.client.cookies = cookies
        self.sent += 1
        self.check(method, url, payload, response)
        return response

    def check(self, method: str, url: str, payload: Payload | None, response: Any) -> None:
        where = (
            f"{self.persona} {method.upper()} {url[:150]!r} [{payload.label if payload else '-'}]"
        )
        if response.status_code >= 500:
            exc = getattr(response, "exc_info", None)
            reason = f"{exc[0].__name__}: {str(exc[1])[:200]}" if exc else ""
            self.failures.append(f"{where} -> {response.status_code} {reason}")
        if isinstance(response, HttpResponse) and not response.streaming:
            ctype = response.get("Content-Type", "")
            if ctype.startswith("text/html") and SCRIPT.encode() in response.content:
                self.failures.append(f"{where} -> {SCRIPT} echoed unescaped")
        if getattr(response, "streaming", False):
            # Read it as a WSGI server would; its wrapper closes the response afterwards.
            b"".join(response.streaming_content)


# Pages that read a form from the query string: every garbage value goes into their query.
GET_FORM_ROUTES = {
    "standards:agency_list",
    "complaints:list",
    "complaints:inbox",
    "complaints:create",
    "complaints:track",
    "accounts:login",
}


def _shut_out(response: Any) -> bool:
    """The persona may not use this page at all: forbidden, or off to the login page."""
    location = response.get("Location", "") if response.status_code == 302 else ""
    return response.status_code == 403 or location.startswith(reverse("accounts:login") + "?")


def _turned_away(response: Any) -> bool:
    """Refused before the form is read: wrong method, not found, or shut out."""
    return response.status_code in (404, 405) or _shut_out(response)


OFFICIALS = ("admin_instansi", "penghubung")


def _shared_action(scene: Scene, persona: str, act: str | None) -> bool:
    """Is this an action both officials use? Then each sends half of the values, together
    all of them (the detail page each 400 re-renders is the slowest page of the run)."""
    if persona not in OFFICIALS or act not in {a.value for a in ACT_FORMS}:
        return False
    other = scene.users[OFFICIALS[1 - OFFICIALS.index(persona)]]
    return any(Act(act) in allowed_acts(other, c) for c in scene.complaints.values())


def probe_route(prober: Prober, scene: Scene, route: Route, user: User | None) -> None:
    """Every real value gets GET; the first (the one whose form the view reaches) also gets
    HEAD, OPTIONS, PUT, an empty POST and the garbage, as does each action of officer_act.
    Hostile path values get GET, and one garbage POST when the resolver lets them through to
    the view and the persona is not shut out of the page. Where the empty POST is turned
    away before the form is read, the view declares no form or a form of the same shape had
    the full set already, garbage is sampled."""
    reals = real_values(scene, route, user)
    turn = 0
    shapes: set[tuple[str, ...]] = set()
    shut_out = False
    for kwargs, primary in reals:
        url = build_url(route, kwargs)
        shown = prober.send("get", url)
        shut_out = shut_out or _shut_out(shown)
        turn += 1
        if not primary:
            continue
        empty = prober.send("post", url)
        inputs = form_inputs(scene, route.name, kwargs, user, shown)
        # Forms of the same shape (the note-only actions) get the full set once.
        shape = tuple(n.rsplit("-", 1)[-1] for n in (*inputs.names, *inputs.files))
        repeated = shape in shapes
        shapes.add(shape)
        if len(shapes) == 1 and not repeated:
            prober.send("head", url)
            prober.send("options", url)
            prober.send("put", url, Payload("raw body", SCRIPT.encode(), "text/plain"))
        half = PERSONAS.index(prober.persona) % 2
        get_full = route.name in GET_FORM_ROUTES
        for payload in get_payloads(inputs, full=get_full, turn=turn, half=half):
            prober.send("get", url, payload)
        full = inputs.declared and not repeated and not _turned_away(empty)
        values = GARBAGE
        if _shared_action(scene, prober.persona, kwargs.get("act")):
            values = GARBAGE[half::2]
        for payload in post_payloads(inputs, full=full, turn=turn, values=values):
            prober.send("post", url, payload)
    first = reals[0][0]
    inputs = form_inputs(scene, route.name, first, user)
    for kwargs in hostile_values(first):
        url = build_url(route, kwargs)
        prober.send("get", url)
        if matches_converters(route, kwargs) and not shut_out:
            for payload in post_payloads(inputs, full=False, turn=turn)[:1]:
                prober.send("post", url, payload)
        turn += 1


# ---------------------------------------------------------------------------------------------
# Tests


def test_forms_of_an_untaught_page_are_read_from_its_html() -> None:
    page = HttpResponse(
        '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="x">'
        '<input name="skor"><select name="unsur"><option>1</option></select>'
        '<textarea name="saran"></textarea><input type="file" name="berkas"></form>'
        '<input name="outside">'
    )
    assert page_inputs(page) == (["skor", "unsur", "saran"], ["berkas"])


def test_the_walk_finds_every_app_and_leaves_admin_out() -> None:
    names = {r.name for r in project_routes()}
    assert {
        "home",
        "standards:service_detail",
        "complaints:create",
        "complaints:officer_act",
        "surveys:answer",
        "surveys:officer_followup_status",
        "accounts:login",
        "accounts:password_reset_confirm",
        "set_language",
    } <= names
    assert not any(n.startswith("admin:") for n in names)


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_url_answers_hostile_input_with_a_server_error(world: World, persona: str) -> None:
    scene = build_scene(world)
    user = scene.users[persona]
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    prober = Prober(client, persona)
    for route in project_routes():
        probe_route(prober, scene, route, user)
    assert prober.sent > 300
    assert not prober.failures, (
        f"{len(prober.failures)} of {prober.sent} requests failed:\n" + "\n".join(prober.failures)
    )


def _csrf_token(client: Client, page: str) -> str:
    assert client.get(page).status_code == 200
    return client.cookies[settings.CSRF_COOKIE_NAME].value


def test_posts_without_a_csrf_token_are_refused(world: World) -> None:
    """The same POSTs pass with the token from the page, so the 403 is the missing token."""
    scene = build_scene(world)
    intake = reverse("complaints:create")
    complaint = {
        "kind": "pengaduan",
        "title": "KTP-el belum jadi",
        "description": "Sudah enam minggu.",
        "location": "Pelaihari",
        "privacy": Privacy.PUBLIK,
        "intake_token": "0b5c2c52-8a1c-4d7e-9a53-0f6d7c7d2b11",
    }
    before = Complaint.objects.count()
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(intake, complaint).status_code == 403
    assert Complaint.objects.count() == before
    token = _csrf_token(browser, intake)
    assert browser.post(intake, {**complaint, "csrfmiddlewaretoken": token}).status_code == 302
    assert Complaint.objects.count() == before + 1

    item = scene.complaints["opd_in_progress"]
    act = reverse("complaints:officer_act", args=[item.code, Act.NOTE.value])
    note = {"note-version": item.version, "note-note": "Catatan tanpa token."}
    events = Event.objects.filter(complaint=item).count()
    officer = Client(enforce_csrf_checks=True)
    officer.force_login(world.user("penghubung"))
    assert officer.post(act, note).status_code == 403
    assert Event.objects.filter(complaint=item).count() == events
    token = _csrf_token(officer, reverse("complaints:officer_detail", args=[item.code]))
    assert officer.post(act, {**note, "csrfmiddlewaretoken": token}).status_code == 302
    assert Event.objects.filter(complaint=item).count() == events + 1


def test_nul_in_a_code_is_404_and_in_a_search_is_400_with_the_reason(world: World) -> None:
    """PostgreSQL text cannot hold NUL: such input must not reach a query (it used to 500)."""
    scene = build_scene(world)
    client = Client(raise_request_exception=False)
    client.force_login(world.user("penghubung"))
    for path in ("/pengaduan/%00/", "/pengaduan/terkirim/%00/", "/dasbor/pengaduan/%00/"):
        assert client.get(path).status_code == 404, path
    assert client.post("/dasbor/pengaduan/LP%00/note/", {"note-note": "x"}).status_code == 404
    search = client.get("/opd/", {"q": "KTP\x00"})
    assert search.status_code == 400
    assert "Karakter null tidak diizinkan." in search.content.decode()
    assert scene.world.dukcapil.name in search.content.decode()
    prefilled = client.get("/pengaduan/baru/", {"layanan": "dukcapil-ktp\x00"})
    assert prefilled.status_code == 200
