"""What a request for public information carries beyond an item (003:Pasal 40(8)-(13)).

The requester's identity number and address are confidential like a rahasia reporter's
identity: never on public pages, only for the officials who may see the reporter (SPEC C4).
The copy of the identity card is an `Attachment` of the reporter marked `is_identity_card`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from complaints.models.choices import (
    DeliveryFormat,
    DeliveryMethod,
    ExemptionGround,
    choice_constraint,
)
from complaints.models.complaint import Complaint

NIK_PATTERN = r"^[0-9]{16}$"


class InformationRequest(models.Model):
    complaint = models.OneToOneField(
        Complaint, on_delete=models.PROTECT, related_name="information", primary_key=True
    )
    # 003:Pasal 40(8) huruf e, g, k, l.
    nik = models.CharField(_("NIK / nomor identitas"), max_length=16, blank=True)
    address = models.CharField(_("alamat lengkap"), max_length=300, blank=True)
    purpose = models.TextField(_("alasan permintaan"), max_length=2000, blank=True)
    delivery_method = models.CharField(
        _("cara penyampaian"), max_length=10, choices=DeliveryMethod.choices, blank=True
    )
    # A refusal: the exemption ground the letter cites (40(12)); the letter's own wording is
    # Complaint.refusal_basis.
    refusal_ground = models.CharField(
        _("alasan pengecualian"), max_length=2, choices=ExemptionGround.choices, blank=True
    )
    # The delivery record (berita acara penerimaan, 40(11)-(12)) and copying costs (40(13)).
    delivered_at = models.DateTimeField(_("waktu penyerahan"), null=True, blank=True)
    delivered_material = models.TextField(_("materi informasi"), max_length=2000, blank=True)
    delivered_format = models.CharField(
        _("format informasi"), max_length=10, choices=DeliveryFormat.choices, blank=True
    )
    cost_amount = models.PositiveIntegerField(_("biaya penggandaan (Rp)"), default=0)
    cost_basis = models.CharField(_("dasar biaya"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("permintaan informasi")
        verbose_name_plural = _("permintaan informasi")
        constraints = [
            choice_constraint("information", "delivery_method", DeliveryMethod, blank=True),
            choice_constraint("information", "delivered_format", DeliveryFormat, blank=True),
            choice_constraint("information", "refusal_ground", ExemptionGround, blank=True),
            models.CheckConstraint(
                condition=Q(nik="") | Q(nik__regex=NIK_PATTERN), name="information_nik_16_digits"
            ),
            # A delivery record names the material and its format, all or nothing.
            models.CheckConstraint(
                condition=Q(delivered_at__isnull=True, delivered_material="", delivered_format="")
                | (
                    Q(delivered_at__isnull=False)
                    & ~Q(delivered_material="")
                    & ~Q(delivered_format="")
                ),
                name="information_delivery_complete",
            ),
            # 40(13): free, except copying costs, which are stated with their basis.
            models.CheckConstraint(
                condition=Q(cost_amount=0) | (~Q(cost_basis="") & Q(delivered_at__isnull=False)),
                name="information_cost_has_basis",
            ),
            models.CheckConstraint(
                condition=Q(refusal_ground="") | Q(delivered_at__isnull=True),
                name="information_refused_or_delivered",
            ),
        ]

    def __str__(self) -> str:
        return str(self.complaint_id)

    @property
    def is_free(self) -> bool:
        return self.cost_amount == 0
