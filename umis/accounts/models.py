"""Users, departments and the districts each department covers."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from umis.accounts.roles import NATIONAL_ROLES, STAFF_ROLES, Role
from umis.core.crypto import EncryptedTextField


class LocalizedNameMixin(models.Model):
    name_az = models.CharField(_("name (Azerbaijani)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        lang = (get_language() or "az")[:2]
        return getattr(self, f"name_{lang}", None) or self.name_az


class Department(LocalizedNameMixin):
    class Kind(models.TextChoices):
        HEADQUARTERS = "headquarters", _("Headquarters")
        NAKHCHIVAN = "nakhchivan", _("Service of the Nakhchivan Autonomous Republic")
        REGIONAL = "regional", _("Regional migration department")

    code = models.SlugField(unique=True, max_length=40)
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("department")

    @property
    def is_headquarters(self) -> bool:
        return self.kind == self.Kind.HEADQUARTERS


class District(LocalizedNameMixin):
    """An administrative district (rayon or city); jurisdiction follows the place of stay."""

    code = models.SlugField(unique=True, max_length=40)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="districts")

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("district")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.APPLICANT)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("department"),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=[("az", "Azərbaycanca"), ("ru", "Русский"), ("en", "English")],
        default="az",
    )
    # Portal accounts must confirm their e-mail before applying; staff accounts are
    # created by an administrator and need no confirmation.
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="staff_have_a_department",
                condition=~models.Q(role__in=sorted(STAFF_ROLES))
                | models.Q(department__isnull=False),
            )
        ]

    @property
    def is_office_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def has_national_scope(self) -> bool:
        """HQ staff and national roles see every district."""
        if self.role in NATIONAL_ROLES:
            return True
        return self.department is not None and self.department.is_headquarters


class ApiClient(models.Model):
    """A state system or partner calling the API with tokens instead of a staff session.

    It quacks like a member of staff for ``district_ids_visible_to``: a client bound to a
    department reaches that department's districts; a client without one, or bound to
    headquarters, has national reach.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="api_clients",
        verbose_name=_("department"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    is_authenticated = True
    is_office_staff = True

    class Meta:
        ordering = ["name"]
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")

    def __str__(self) -> str:
        return self.name

    @property
    def has_national_scope(self) -> bool:
        return self.department is None or self.department.is_headquarters


class ApiToken(models.Model):
    """A scoped bearer token; only a hash of it is stored (see ``umis.accounts.tokens``)."""

    client = models.ForeignKey(
        ApiClient, on_delete=models.CASCADE, related_name="tokens", verbose_name=_("client")
    )
    prefix = models.CharField(_("prefix"), max_length=8, unique=True)
    secret_hash = models.CharField(_("secret hash"), max_length=64)
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.client} {self.prefix}…"


class PortalIdentity(models.Model):
    """A portal account's identity at the e-government portal (single sign-on): the
    portal's subject identifier, and what the portal vouched for when it was linked or
    last signed in with. Only applicants, hosts and employers' representatives have one."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="portal_identities", verbose_name=_("user")
    )
    issuer = models.CharField(_("issuer"), max_length=255)
    subject = models.CharField(_("subject identifier"), max_length=255)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    nationality = models.CharField(_("nationality"), max_length=3, blank=True)
    document_type = models.CharField(_("document type"), max_length=32, blank=True)
    # Encrypted at rest, as every document number is.
    document_number = EncryptedTextField(_("document number"), blank=True, default="")
    document_issuing_state = models.CharField(_("issuing state"), max_length=3, blank=True)
    fin = models.CharField(_("FIN"), max_length=7, blank=True)
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)
    last_sign_in_at = models.DateTimeField(_("last signed in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-government portal identity")
        verbose_name_plural = _("e-government portal identities")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="accounts_one_account_per_portal_subject"
            ),
            models.UniqueConstraint(
                fields=["user", "issuer"], name="accounts_one_portal_identity_per_account"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.issuer}"
