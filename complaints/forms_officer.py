"""Forms of the officials' desk: one form per action, with only the fields that matter.

Each action form carries the item's `version` as a hidden field, so that a form rendered
before another officer's change is refused instead of overwriting it (services.StaleComplaint).
The forms only parse and offer choices; the services decide and write.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from complaints.form_fields import MultipleFileField, PlainTextField
from complaints.models import (
    Category,
    ClosureReason,
    Complaint,
    DeclineReason,
    DeliveryFormat,
    ExemptionGround,
    Kind,
    Nature,
    Privacy,
    SlaClass,
)
from complaints.receivers import with_receiver
from complaints.services import PRIVACY_ORDER
from complaints.workflow import Act, Actor
from standards.models import Agency, AgencyKind, Tier
from standards.placeholders import PICK, pick_one


def privacy_choices(current: str) -> list[tuple[str, str]]:
    """Only options at least as strict as the current one (SPEC C3)."""
    start = PRIVACY_ORDER.index(Privacy(current))
    return [(p.value, p.label) for p in PRIVACY_ORDER[start:]]


class ActForm(forms.Form):
    """Base of every action form: the version the officer saw, and the item and actor.

    What the reporter (and, for a public item, everyone) will read is marked on the form
    (SPEC C3, C4, C14): `public_field` names the field whose text goes out as it is; a form
    with a `share_note` box keeps its note internal unless the officer ticks it.
    """

    act: Act
    title: Any = ""
    help_text: Any = ""
    quote: str = ""  # text the decision is about (a draft to approve), shown above the form
    submit_label: Any = _("Simpan")
    button_class = "btn-primary"
    public_field = ""  # the field whose text the reporter (and the public) will read
    is_internal = False  # the whole form writes for officials only (the internal note)

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, complaint: Complaint, actor: Actor, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", self.act.value)
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", complaint.version)
        super().__init__(*args, **kwargs)
        self.complaint = complaint
        self.actor = actor
        audience = self.audience_label
        if self.public_field and self.public_field in self.fields:
            field = self.fields[self.public_field]
            field.label = format_lazy("{} ({})", field.label, audience)
        if "share_note" in self.fields:
            self.fields["share_note"].label = format_lazy(
                "{} ({})", _("Tampilkan catatan ini"), audience
            )
            self.fields["note"].help_text = _(
                "Catatan internal: hanya petugas yang membacanya, kecuali kotak di bawah dicentang."
            )

    @property
    def audience_label(self) -> Any:
        """Who reads the public text of this item: the public too, or the reporter only."""
        if self.complaint.privacy == Privacy.PUBLIK:
            return _("terlihat oleh pelapor dan publik")
        return _("terlihat oleh pelapor")

    @property
    def audience_badge(self) -> Any:
        if self.complaint.privacy == Privacy.PUBLIK:
            return _("Terlihat oleh publik")
        return _("Terlihat oleh pelapor")

    @property
    def shows_public_text(self) -> bool:
        """The form sends text that the reporter (and the public) will read."""
        return bool(self.public_field)


def _share_field() -> forms.BooleanField:
    """The tick that makes a step's note readable by the reporter and the public. Off by
    default: a routing or handling note is internal (SPEC C4)."""
    return forms.BooleanField(required=False, initial=False, label=_("Tampilkan catatan ini"))


def _note_field(label: Any, *, required: bool, rows: int = 3) -> forms.CharField:
    return PlainTextField(
        label=label,
        required=required,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class VerificationFieldsMixin(forms.Form):
    """Verification (SPEC C5): category, dispute vs. violation, subject and object, the SLA
    class, and the privacy decided again (tighten only, SPEC C3)."""

    category = forms.ModelChoiceField(
        queryset=Category.objects.filter(is_active=True),
        required=False,
        label=_("Kategori"),
        empty_label=PICK,
    )
    nature = forms.ChoiceField(choices=pick_one(Nature.choices), required=False, label=_("Sifat"))
    subject = PlainTextField(max_length=200, required=False, label=_("Subjek (terlapor)"))
    object = PlainTextField(max_length=200, required=False, label=_("Objek"))
    sla_class = forms.ChoiceField(
        choices=pick_one(SlaClass.choices),
        required=False,
        label=_("Kelas waktu penyelesaian"),
    )
    privacy = forms.ChoiceField(choices=Privacy.choices, label=_("Kerahasiaan"))

    def _init_verification(self, complaint: Complaint) -> None:
        self.fields["privacy"].choices = privacy_choices(complaint.privacy)
        self.fields["privacy"].help_text = _(
            "Kerahasiaan dapat diperketat, tidak dapat dilonggarkan."
        )
        self.initial.setdefault("privacy", complaint.privacy)
        self.initial.setdefault("category", complaint.category_id)
        self.initial.setdefault("nature", complaint.nature)
        self.initial.setdefault("subject", complaint.subject)
        self.initial.setdefault("object", complaint.object)
        self.initial.setdefault("sla_class", complaint.sla_class)
        if complaint.kind != Kind.INFORMASI:
            # The 10+7-day class of 003:Pasal 40(10) is for information requests only.
            self.fields["sla_class"].choices = [
                c for c in self.fields["sla_class"].choices if c[0] != SlaClass.INFORMASI_PUBLIK
            ]


class VerifyForm(VerificationFieldsMixin, ActForm):
    act = Act.VERIFY
    title = _("Verifikasi")
    help_text = _("Periksa identitas, substansi dan bukti; tetapkan kategori dan sifatnya.")
    submit_label = _("Simpan verifikasi")
    note = _note_field(_("Catatan verifikasi"), required=False)
    share_note = _share_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._init_verification(self.complaint)


class AcceptForm(VerificationFieldsMixin, ActForm):
    act = Act.ACCEPT
    title = _("Terima untuk ditindaklanjuti")
    help_text = _("Waktu penyelesaian mulai dihitung sejak pengaduan diterima.")
    submit_label = _("Terima dan tindak lanjuti")
    note = _note_field(_("Catatan"), required=False)
    share_note = _share_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._init_verification(self.complaint)
        self.fields["sla_class"].required = True
        self.fields["sla_class"].choices = SlaClass.choices


class ReceiverChoiceField(forms.ModelChoiceField):
    """Agencies as routing targets, those without an active receiving official marked, so the
    officer sees it before sending (SPEC C6, C12); choosing one is refused in `clean`."""

    def label_from_instance(self, obj: Any) -> str:
        label = str(obj)
        if not getattr(obj, "has_receiver", True):
            return _("%(agency)s — belum ada petugas penerima") % {"agency": label}
        return label


def _no_receiver_error(agency: Agency) -> ValidationError:
    return ValidationError(
        _("%(agency)s belum punya petugas aktif yang dapat menerima pengaduan. Pilih tujuan lain."),
        params={"agency": agency.name},
    )


class RouteForm(ActForm):
    act = Act.ROUTE
    title = _("Disposisikan")
    submit_label = _("Disposisikan")

    to_agency = ReceiverChoiceField(
        queryset=Agency.objects.none(), required=False, label=_("Tujuan"), empty_label=PICK
    )
    to_apip = forms.BooleanField(
        required=False,
        label=_("Serahkan ke APIP (Inspektorat)"),
        help_text=_("Untuk dugaan penyalahgunaan wewenang atau pelanggaran hukum oleh pejabat."),
    )
    note = _note_field(_("Catatan disposisi"), required=False)
    share_note = _share_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        holder = self.complaint.holder_agency
        if self.actor == Actor.ADMIN_NASIONAL:
            self.help_text = _("Teruskan ke instansi (pemerintah daerah) yang berwenang.")
            self.fields["to_agency"].queryset = with_receiver(
                Agency.objects.active().filter(kind=AgencyKind.PEMDA), Role.ADMIN_INSTANSI
            ).order_by("-has_receiver", "name")
            self.fields["to_agency"].label = _("Instansi tujuan")
            del self.fields["to_apip"]
        else:
            self.help_text = _("Teruskan ke Pejabat Penghubung OPD yang berwenang.")
            self.fields["to_agency"].queryset = with_receiver(
                Agency.objects.active().filter(tier=Tier.OPD, path__startswith=holder.path),
                Role.PENGHUBUNG,
            ).order_by("-has_receiver", "name")
            self.fields["to_agency"].label = _("OPD tujuan")
            apip = self.inspektorat()
            if apip is None:
                self.fields["to_apip"].help_text = _(
                    "Instansi ini belum punya Inspektorat di direktori."
                )
            elif not apip.has_receiver:
                self.fields["to_apip"].help_text = _(
                    "Inspektorat belum punya Pejabat Penghubung aktif; pengaduan belum dapat "
                    "diserahkan ke APIP."
                )
            self._propose_category_opd()

    def _propose_category_opd(self) -> None:
        """The category's default OPD is proposed (preselected), never imposed
        (002:Bab VI B.1.a.7)."""
        category = self.complaint.category
        if category is None or category.default_agency_id is None or self.is_bound:
            return
        field: forms.ModelChoiceField = self.fields["to_agency"]  # type: ignore[assignment]
        if field.queryset.filter(pk=category.default_agency_id).exists():
            self.initial.setdefault("to_agency", category.default_agency_id)
            field.help_text = _("Diusulkan dari kategori %(category)s; boleh diganti.") % {
                "category": category.name
            }

    def inspektorat(self) -> Agency | None:
        return (
            with_receiver(
                Agency.objects.active().filter(
                    kind=AgencyKind.INSPEKTORAT,
                    path__startswith=self.complaint.holder_agency.path,
                ),
                Role.PENGHUBUNG,
            )
            .order_by("pk")
            .first()
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("to_apip"):
            target = self.inspektorat()
            if target is None:
                raise ValidationError(_("Instansi ini belum punya Inspektorat di direktori."))
            if not target.has_receiver:
                raise _no_receiver_error(target)
            data["to_agency"] = target
        elif not data.get("to_agency"):
            self.add_error("to_agency", _("Pilih tujuan disposisi."))
        elif not data["to_agency"].has_receiver:
            self.add_error("to_agency", _no_receiver_error(data["to_agency"]))
        return data


class AssignUnitForm(ActForm):
    act = Act.ASSIGN_UNIT
    title = _("Teruskan ke unit")
    help_text = _("Libatkan Admin UPP dari unit di bawah OPD ini.")
    submit_label = _("Teruskan ke unit")

    unit = ReceiverChoiceField(queryset=Agency.objects.none(), label=_("Unit"), empty_label=PICK)
    note = _note_field(_("Catatan"), required=False)
    share_note = _share_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = with_receiver(
            Agency.objects.active().filter(tier=Tier.UNIT, parent=self.complaint.holder_agency),
            Role.ADMIN_UPP,
        ).order_by("-has_receiver", "name")

    def clean_unit(self) -> Agency:
        unit = self.cleaned_data["unit"]
        if not unit.has_receiver:
            raise _no_receiver_error(unit)
        return unit


class RecallForm(ActForm):
    act = Act.RECALL
    title = _("Tarik kembali disposisi")
    help_text = _(
        "Selama penerima belum menindaklanjutinya, disposisi yang keliru dapat ditarik "
        "kembali ke meja Anda."
    )
    submit_label = _("Tarik kembali")
    button_class = "btn-outline-secondary"
    note = _note_field(_("Alasan penarikan"), required=True)


class ConcludeForm(ActForm):
    act = Act.CONCLUDE
    title = _("Tutup dengan alasan")
    help_text = _(
        "Untuk laporan yang tidak dapat ditangani instansi mana pun di portal ini. Pelapor "
        "menerima penjelasan Anda."
    )
    submit_label = _("Tutup laporan")
    button_class = "btn-outline-danger"
    reason = forms.ChoiceField(
        choices=[("", "---------"), *ClosureReason.choices], label=_("Alasan penutupan")
    )
    explanation = _note_field(_("Penjelasan kepada pelapor"), required=True, rows=4)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["explanation"].help_text = _(
            "Misalnya instansi yang berwenang, atau kode laporan yang sama."
        )


class FirstResponseForm(ActForm):
    act = Act.FIRST_RESPONSE
    title = _("Respon awal")
    help_text = _(
        "Sampaikan kepada pelapor bahwa laporan sedang ditangani, oleh siapa, dan langkah "
        "berikutnya."
    )
    submit_label = _("Kirim respon awal")
    button_class = "btn-outline-primary"
    note = _note_field(_("Respon awal untuk pelapor"), required=True)


class DraftAnswerForm(ActForm):
    act = Act.DRAFT_ANSWER
    title = _("Draf tanggapan akhir")
    help_text = _("Draf dikirim kepada Pejabat Penghubung; pelapor menerimanya setelah disetujui.")
    submit_label = _("Kirim draf ke Penghubung")
    button_class = "btn-success"
    response = PlainTextField(
        label=_("Draf tanggapan"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 5})
    )
    files = MultipleFileField(label=_("Lampiran (opsional)"))


class ApproveAnswerForm(ActForm):
    act = Act.APPROVE_ANSWER
    title = _("Setujui draf tanggapan unit")
    help_text = _(
        "Setelah disetujui, tanggapan ini dikirim kepada pelapor sebagai tanggapan akhir."
    )
    submit_label = _("Setujui dan kirim")
    button_class = "btn-success"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.quote = self.complaint.draft_response


class ReturnDraftForm(ActForm):
    act = Act.RETURN_DRAFT
    title = _("Kembalikan draf ke unit")
    help_text = _("Draf tidak dikirim kepada pelapor; unit menyusun ulang sesuai catatan Anda.")
    submit_label = _("Kembalikan draf")
    button_class = "btn-outline-secondary"
    note = _note_field(_("Yang perlu diperbaiki"), required=True)


class ReturnForm(ActForm):
    act = Act.RETURN
    title = _("Kembalikan ke tingkat atas")
    help_text = _("Untuk pengaduan di luar kewenangan Anda.")
    submit_label = _("Kembalikan")
    button_class = "btn-outline-secondary"
    note = _note_field(_("Alasan pengembalian"), required=True)
    share_note = _share_field()


class CopyForm(ActForm):
    act = Act.COPY
    title = _("Tembusan")
    help_text = _("Beri tahu instansi atau OPD lain yang perlu terlibat.")
    submit_label = _("Kirim tembusan")
    button_class = "btn-outline-primary"

    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(), label=_("Tembusan kepada"), empty_label=PICK
    )
    note = _note_field(_("Catatan"), required=False)
    share_note = _share_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        c = self.complaint
        targets = (
            Agency.objects.active()
            .filter(tier__in=[Tier.INSTANSI, Tier.OPD])
            .exclude(kind=AgencyKind.NASIONAL)
            .exclude(pk=c.holder_agency_id)
            .exclude(complaint_copies__complaint=c)
        )
        if self.actor == Actor.ADMIN_INSTANSI:
            targets = targets.filter(path__startswith=c.holder_agency.path)
        self.fields["agency"].queryset = targets


class RequestDataForm(ActForm):
    act = Act.REQUEST_DATA
    title = _("Minta kelengkapan data")
    help_text = _("Pelapor punya 10 hari kerja; tanpa kelengkapan, pengaduan diarsipkan.")
    submit_label = _("Kirim permintaan data")
    button_class = "btn-outline-primary"
    public_field = "note"
    note = _note_field(_("Data yang perlu dilengkapi"), required=True)


class ObstacleForm(ActForm):
    act = Act.OBSTACLE
    title = _("Laporkan kendala")
    help_text = _("Beri tahu pelapor kendala penyelesaian dan langkah yang sudah diambil.")
    submit_label = _("Kirim ke pelapor")
    button_class = "btn-outline-primary"
    public_field = "note"
    note = _note_field(_("Kendala dan langkah yang diambil"), required=True)


class NoteForm(ActForm):
    act = Act.NOTE
    title = _("Catatan internal")
    help_text = _("Hanya terlihat oleh petugas; pelapor dan publik tidak melihatnya.")
    is_internal = True
    submit_label = _("Simpan catatan")
    button_class = "btn-outline-secondary"
    note = _note_field(_("Catatan"), required=True, rows=2)


class RespondForm(ActForm):
    act = Act.RESPOND
    title = _("Tanggapan akhir")
    help_text = _("Tanggapan ini dikirim kepada pelapor, yang kemudian dapat menilainya.")
    submit_label = _("Kirim tanggapan")
    button_class = "btn-success"
    public_field = "response"
    response = PlainTextField(
        label=_("Tanggapan"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 5})
    )
    files = MultipleFileField(label=_("Lampiran (opsional)"))
    # The delivery record of a request for information (003:Pasal 40(11)-(13)).
    delivered_material = PlainTextField(
        required=False,
        max_length=2000,
        label=_("Materi informasi yang diserahkan"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    delivered_format = forms.ChoiceField(
        required=False, choices=pick_one(DeliveryFormat.choices), label=_("Format informasi")
    )
    cost_amount = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=100_000_000,
        initial=0,
        label=_("Biaya penggandaan (Rp)"),
        help_text=_("Informasi diberikan gratis; isi hanya biaya penggandaan, 0 bila tidak ada."),
    )
    cost_basis = PlainTextField(
        required=False,
        max_length=300,
        label=_("Dasar biaya"),
        help_text=_("Misalnya: 40 lembar fotokopi × Rp 500."),
    )

    INFORMATION_FIELDS = ("delivered_material", "delivered_format", "cost_amount", "cost_basis")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.complaint.kind != Kind.INFORMASI:
            for name in self.INFORMATION_FIELDS:
                del self.fields[name]
        else:
            self.help_text = _(
                "Catat penyerahan informasi: materi, formatnya, dan biaya penggandaan bila ada."
            )
            self.fields["delivered_material"].required = True
            self.fields["delivered_format"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("cost_amount") and not (data.get("cost_basis") or "").strip():
            self.add_error("cost_basis", _("Sebutkan dasar biaya penggandaan."))
        return data


class RefuseForm(ActForm):
    """Refuse a request for exempt information, by letter, with its legal reason (40(12))."""

    act = Act.REFUSE
    title = _("Tolak permintaan informasi")
    help_text = _(
        "Hanya bila informasinya dikecualikan. Pemohon menerima surat pemberitahuan dengan "
        "alasan dan dasar hukumnya."
    )
    submit_label = _("Tolak permintaan")
    button_class = "btn-outline-danger"
    ground = forms.ChoiceField(
        choices=pick_one(ExemptionGround.choices), label=_("Alasan pengecualian")
    )
    basis = PlainTextField(
        max_length=300,
        label=_("Dasar hukum penolakan"),
        help_text=_("Misalnya: UU 14/2008 Pasal 17 huruf h."),
    )
    letter = PlainTextField(
        max_length=10_000,
        label=_("Isi surat pemberitahuan"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    files = MultipleFileField(label=_("Salinan surat (opsional)"))


class ExtendForm(ActForm):
    act = Act.EXTEND
    title = _("Perpanjang jangka waktu (7 hari kerja)")
    help_text = _(
        "Satu kali untuk permohonan informasi publik; alasannya disampaikan kepada pemohon."
    )
    submit_label = _("Perpanjang")
    button_class = "btn-outline-primary"
    public_field = "note"
    note = _note_field(_("Alasan perpanjangan"), required=True)


class DeclineForm(ActForm):
    act = Act.DECLINE
    title = _("Tolak")
    help_text = _(
        "Hanya dengan alasan yang sah: tidak beretika, SARA, atau tidak dapat "
        "dipertanggungjawabkan."
    )
    submit_label = _("Tolak pengaduan")
    button_class = "btn-outline-danger"
    reason = forms.ChoiceField(choices=pick_one(DeclineReason.choices), label=_("Alasan penolakan"))
    note = _note_field(_("Penjelasan"), required=False)
    share_note = _share_field()


ACT_FORMS: dict[Act, type[ActForm]] = {
    form.act: form
    for form in (
        VerifyForm,
        RouteForm,
        AcceptForm,
        AssignUnitForm,
        CopyForm,
        RequestDataForm,
        ObstacleForm,
        RespondForm,
        RefuseForm,
        ExtendForm,
        ReturnForm,
        DeclineForm,
        NoteForm,
        RecallForm,
        ConcludeForm,
        FirstResponseForm,
        DraftAnswerForm,
        ApproveAnswerForm,
        ReturnDraftForm,
    )
}
