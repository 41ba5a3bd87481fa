"""The managed list of complaint categories, each with the OPD routing proposes for it
(002:Bab VI B.1.a.7)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from standards.models import Agency


class Category(models.Model):
    """A managed category (002:Bab VI B.1.a.7): operators keep the list; its default OPD is
    what the routing form proposes for an item of this category."""

    name = models.CharField(_("nama"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    default_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="default_for_categories",
        verbose_name=_("OPD bawaan"),
        help_text=_("OPD yang diusulkan saat mendisposisikan pengaduan kategori ini."),
    )

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
