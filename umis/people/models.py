"""Persons (foreigners and stateless persons), their identity documents and FINs.

Validation lives in ``services.py``; the constraints here are the last line of defence.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from umis.core.crypto import EncryptedTextField, blind_index
from umis.core.models import TimeStampedModel
from umis.people.countries import state_name
from umis.people.dates import PartialDate


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")
    UNSPECIFIED = "X", _("Unspecified")


class Person(TimeStampedModel):
    # Names as written in the person's documents (any script) and their Latin form.
    surname_native = models.CharField(_("surname (as in the document)"), max_length=200, blank=True)
    given_names_native = models.CharField(
        _("given names (as in the document)"), max_length=200, blank=True
    )
    patronymic_native = models.CharField(
        _("patronymic (as in the document)"), max_length=200, blank=True
    )
    surname_latin = models.CharField(_("surname (Latin script)"), max_length=200)
    given_names_latin = models.CharField(
        _("given names (Latin script)"), max_length=200, blank=True
    )
    patronymic_latin = models.CharField(_("patronymic (Latin script)"), max_length=200, blank=True)

    # Date of birth to the precision known: year only, year and month, or the full date.
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    birth_month = models.PositiveSmallIntegerField(_("month of birth"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("day of birth"), null=True, blank=True)

    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    nationality = models.CharField(_("nationality"), max_length=3)

    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    place_of_stay_district = models.ForeignKey(
        "accounts.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="persons",
        verbose_name=_("district of the place of stay"),
    )
    address = models.TextField(_("address of the place of stay"), blank=True)

    fin = models.CharField(_("FIN"), max_length=7, null=True, blank=True, unique=True)

    # Sorted ASCII tokens of every name in every script, for search in any script.
    name_search_key = models.TextField(editable=False, default="")

    # A file merged into another is kept (its history and FIN stay), hidden from search
    # and from matching, and opened as the file it was merged into.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="absorbed_files",
        verbose_name=_("merged into"),
    )
    merged_at = models.DateTimeField(_("merged at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["surname_latin", "given_names_latin", "pk"]
        constraints = [
            models.CheckConstraint(
                name="person_birth_month_range",
                condition=Q(birth_month__isnull=True) | Q(birth_month__gte=1, birth_month__lte=12),
            ),
            models.CheckConstraint(
                name="person_birth_day_needs_month",
                condition=Q(birth_day__isnull=True)
                | Q(birth_month__isnull=False, birth_day__gte=1, birth_day__lte=31),
            ),
            models.CheckConstraint(
                name="person_sex_valid", condition=Q(sex__in=[c.value for c in Sex])
            ),
        ]

    def __str__(self) -> str:
        return self.full_name_latin

    @property
    def full_name_latin(self) -> str:
        return " ".join(
            p for p in (self.surname_latin, self.given_names_latin, self.patronymic_latin) if p
        )

    @property
    def full_name_native(self) -> str:
        return " ".join(
            p for p in (self.surname_native, self.given_names_native, self.patronymic_native) if p
        )

    @property
    def birth_date(self) -> PartialDate:
        return PartialDate(self.birth_year, self.birth_month, self.birth_day)

    @property
    def nationality_name(self) -> str:
        return state_name(self.nationality)


class DocumentType(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    STATELESS_TRAVEL_DOCUMENT = (
        "stateless_travel_document",
        _("Travel document of a stateless person"),
    )
    REFUGEE_TRAVEL_DOCUMENT = "refugee_travel_document", _("Refugee travel document")
    NATIONAL_ID_CARD = "national_id_card", _("National identity card")
    OTHER = "other", _("Other document")


DOCUMENT_NUMBER_INDEX = "people.IdentityDocument.number"


def document_number_index(number: str) -> str:
    """The blind index of a document number, as stored in ``IdentityDocument.number_index``
    (spaces and dashes ignored, case folded)."""
    return blind_index(number, purpose=DOCUMENT_NUMBER_INDEX)


class IdentityDocument(TimeStampedModel):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="documents", verbose_name=_("person")
    )
    type = models.CharField(_("document type"), max_length=32, choices=DocumentType.choices)
    # Encrypted at rest; searched only through number_index (keyed HMAC of the number).
    number = EncryptedTextField(_("document number"))
    number_index = models.CharField(max_length=64, db_index=True, editable=False)
    issuing_state = models.CharField(_("issuing state"), max_length=3)
    issue_date = models.DateField(_("date of issue"), null=True, blank=True)
    expiry_date = models.DateField(_("date of expiry"), null=True, blank=True)
    # The MRZ repeats the document number, so it is encrypted too.
    mrz = EncryptedTextField(_("machine-readable zone"), blank=True, default="")
    is_primary = models.BooleanField(_("primary document"), default=False)

    class Meta:
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")
        ordering = ["-is_primary", "-expiry_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(is_primary=True),
                name="one_primary_document_per_person",
            ),
            models.CheckConstraint(
                name="document_expiry_after_issue",
                condition=Q(issue_date__isnull=True)
                | Q(expiry_date__isnull=True)
                | Q(expiry_date__gt=models.F("issue_date")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.issuing_state}"

    @property
    def issuing_state_name(self) -> str:
        return state_name(self.issuing_state)


class FinAllocation(models.Model):
    """Every FIN ever issued, kept forever so that no FIN is ever issued twice.

    The row outlives the person (the link is nulled on deletion, the id kept), so a FIN
    freed by a deletion or a merge stays taken.
    """

    fin = models.CharField(_("FIN"), max_length=7, primary_key=True)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("person")
    )
    person_id_at_issue = models.BigIntegerField()
    allocated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("FIN allocation")
        verbose_name_plural = _("FIN allocations")

    def __str__(self) -> str:
        return self.fin


# The duplicate flags, the merges and the blocking keys live in their own module.
from umis.people.duplicate_models import (  # noqa: E402,F401
    DuplicateStatus,
    PersonBlockingKey,
    PersonMerge,
    PotentialDuplicate,
)
from umis.people.source_models import PersonSourceRecord  # noqa: E402,F401
