"""How an e-service is declared: one frozen ``EService`` per service module.

A declaration names the service, who may apply, the form (a Pydantic model), the
documents, the fee and the legal deadline. Fees and deadlines are *policy keys*, never
literals: the value is read from the policy in force on the date that matters, so a
decree changes the rule for later applications without rewriting earlier ones.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from dateutil.relativedelta import relativedelta
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import BaseModel, ConfigDict, ValidationError

from umis.core.calendar import national_calendar
from umis.core.errors import ValidationFailed
from umis.core.policy import policy_value
from umis.permits.types import PermitType

LANGUAGE_CODES = ("az", "ru", "en")

# The checks the engine knows how to run (each against one connected state system).
CHECK_CODES = frozenset(
    {
        "payment",
        "criminal_record",
        "health",
        "entry_exit",
        "host_citizen",
        "host_taxpayer",
        "employer",
        "employment_contract",
        "visa",
        "security_vetting",
    }
)

# Whether a check applies to an application, from its form data as submitted.
CheckCondition = Callable[[Mapping[str, Any]], bool]

WORKING_DAYS = "working_days"
CALENDAR_DAYS = "days"


class FieldError(ValueError):
    """A cross-field rule's failure, reported on the field the person has to change."""

    def __init__(self, field_name: str, message: str):
        self.field_name = field_name
        super().__init__(message)


@dataclass(frozen=True)
class FormStep:
    """One page of the web form: a small group of questions under one heading."""

    slug: str
    title: Promise
    fields: tuple[str, ...]


class ServiceForm(BaseModel):
    """Base of every service form: unknown fields are refused, labels name the fields.

    Validators raise ``ValueError`` with a translated message that names the field; the
    context may carry ``today`` so that date rules can be tested on a fixed day.
    ``steps`` splits the web form into pages; every field belongs to exactly one step;
    ``choices_labels`` names the options of choice fields for people.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    labels: ClassVar[dict[str, Promise]] = {}
    steps: ClassVar[tuple[FormStep, ...]] = ()
    # What each option of a choice field (a ``Literal``) is called on the web form:
    # {"fee_tier": {"fast": gettext_lazy("Fast"), ...}}. Options without one show as is.
    choices_labels: ClassVar[dict[str, dict[str, Promise]]] = {}

    @classmethod
    def form_steps(cls) -> tuple[FormStep, ...]:
        if cls.steps:
            return cls.steps
        return (FormStep("details", gettext_lazy("Details"), tuple(cls.model_fields)),)


@dataclass(frozen=True)
class RequiredDocument:
    kind: str
    label: Promise
    mandatory: bool = True


@dataclass(frozen=True)
class Deadline:
    """The officer's legal period, counted from the day after acceptance.

    ``policy_key`` may hold ``{tier}``: the period then depends on the fee tier chosen.
    """

    policy_key: str
    unit: str = WORKING_DAYS


@dataclass(frozen=True)
class FeeTable:
    """``policy_key`` holds ``{tier}`` and/or ``{period}`` placeholders filled from the form."""

    policy_key: str


@dataclass(frozen=True)
class Finding:
    """A rule of the service that an application does not meet: an officer must look.

    ``params`` are JSON values (dates as ISO strings): findings are stored and put into
    words later, in the reader's language, with the service's message for ``code``.
    """

    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AutoDecision:
    """A service that the Service decides by itself when every check passes and
    ``assess(form, submitted_on)`` finds nothing; ``messages`` words each finding code."""

    assess: Callable[[Any, date], list[Finding]]
    messages: Mapping[str, Promise]


# (the form as submitted, the day of issue) -> (first day valid, last day valid)
Validity = Callable[[Mapping[str, Any], date], tuple[date, date]]


@dataclass(frozen=True)
class PermitEffect:
    """The document that issuing an application of this service creates (a permit record).

    ``permit_type`` is one of ``umis.permits.types.PermitType``; ``validity`` computes the
    first and the last day of validity (both inclusive) from the form data as submitted and
    the day of issue in the Service's time zone. It must be pure (no database), so that the
    rule can be tested on its own and the permit written in the issue's own transaction.
    """

    permit_type: str
    validity: Validity


def months_from_issue(field_name: str, months: Mapping[str, int]) -> Validity:
    """Valid from the day of issue for the period the form asks (``months[form[field]]``).

    Like every period, it runs from the day after the event that starts it: a one-year
    permit issued on 15 March 2026 is valid to 15 March 2027 inclusive.
    """

    def validity(form: Mapping[str, Any], issued_on: date) -> tuple[date, date]:
        return issued_on, issued_on + relativedelta(months=months[form[field_name]])

    return validity


@dataclass(frozen=True)
class EService:
    code: str
    name: Promise
    description: Promise
    applicant_roles: frozenset[str]
    form: type[ServiceForm]
    deadline: Deadline
    documents: tuple[RequiredDocument, ...] = ()
    fee: FeeTable | None = None
    fee_tiers: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()
    # Checks asked only when the form says so (the employer's on work grounds): the code
    # of a declared check and its condition, a pure function of the submitted form data.
    # A check not named here is asked of every application.
    check_conditions: Mapping[str, CheckCondition] = field(default_factory=dict)
    # When False the application ends at ``approved``: nothing is issued.
    produces_document: bool = True
    # None: an officer decides every application (see umis.cases.checks_decision).
    auto_decision: AutoDecision | None = None
    # What the applicant is told to do next, by status, where this service differs from
    # the engine's general words (e.g. "collect your permit"). May use %(department)s.
    next_steps: dict[str, Promise] = field(default_factory=dict)
    # The permit issuing creates; None: the document issued is not a permit record.
    permit: PermitEffect | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = set(self.checks) - CHECK_CODES
        if unknown:
            raise ValueError(f"{self.code}: unknown checks {sorted(unknown)}")
        undeclared = set(self.check_conditions) - set(self.checks)
        if undeclared:
            raise ValueError(f"{self.code}: conditions of undeclared checks {sorted(undeclared)}")
        if "{tier}" in self.deadline.policy_key and not self.fee_tiers:
            raise ValueError(f"{self.code}: a deadline by tier needs fee tiers")
        if self.permit is not None:
            if not self.produces_document:
                raise ValueError(f"{self.code}: a permit needs a service that issues a document")
            if self.permit.permit_type not in PermitType.values:
                raise ValueError(f"{self.code}: unknown permit type {self.permit.permit_type!r}")
        stepped = [name for step in self.form.form_steps() for name in step.fields]
        if sorted(stepped) != sorted(self.form.model_fields):
            raise ValueError(f"{self.code}: every form field must be in exactly one step")

    def checks_for(self, form_data: Mapping[str, Any]) -> tuple[str, ...]:
        """The checks to ask for an application with this form data, in declared order."""
        return tuple(
            code
            for code in self.checks
            if code not in self.check_conditions or self.check_conditions[code](form_data)
        )

    # --- names -----------------------------------------------------------------------

    def names(self) -> dict[str, str]:
        """The service's name in each language of the Service."""
        return _in_each_language(self.name)

    def descriptions(self) -> dict[str, str]:
        return _in_each_language(self.description)

    # --- form ------------------------------------------------------------------------

    def validate_form(self, data: Any, *, today: date | None = None) -> ServiceForm:
        """The form as a model, or ``ValidationFailed`` with one message per bad field."""
        if not isinstance(data, dict):
            raise ValidationFailed(fields={"form_data": _("The form could not be read.")})
        context = {"today": today} if today is not None else {}
        try:
            return self.form.model_validate(data, context=context)
        except ValidationError as exc:
            raise ValidationFailed(fields=form_errors(self.form, exc)) from None

    # --- money and time ----------------------------------------------------------------

    def _tier(self, tier: str | None) -> str | None:
        if not self.fee_tiers:
            return None
        if tier not in self.fee_tiers:
            raise ValidationFailed(fields={"fee_tier": _("Choose a fee tier.")})
        return tier

    def fee_azn(self, *, on: date, tier: str | None = None, period: str | None = None) -> Any:
        """The state duty in force on ``on``; 0 for a service without a fee."""
        if self.fee is None:
            return 0
        key = self.fee.policy_key.format(tier=self._tier(tier), period=period)
        return policy_value(key, on=on)

    def deadline_days(self, *, on: date, tier: str | None = None) -> int:
        key = self.deadline.policy_key.format(tier=self._tier(tier))
        return int(policy_value(key, on=on))

    def due_date(self, *, accepted_on: date, tier: str | None) -> date:
        """The last day the Service has to decide, under the rules in force at acceptance."""
        n = self.deadline_days(on=accepted_on, tier=tier)
        calendar = national_calendar()
        if self.deadline.unit == CALENDAR_DAYS:
            return calendar.add_calendar_days(accepted_on, n)
        return calendar.add_working_days(accepted_on, n)


def _in_each_language(text: Promise) -> dict[str, str]:
    out = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            out[code] = str(text)
    return out


def form_errors(form: type[ServiceForm], exc: ValidationError) -> dict[str, str]:
    """One translated message per field; a validator's own message is kept as written."""
    fields: dict[str, str] = {}
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        name = loc[0] if loc else "form_data"
        original = (err.get("ctx") or {}).get("error")
        if isinstance(original, FieldError):
            name = original.field_name
        if name in fields:
            continue
        label = str(form.labels.get(name, name))
        if err["type"] == "value_error" and original is not None:
            fields[name] = str(original)
        elif err["type"] == "missing":
            fields[name] = _("%(field)s: this field is required.") % {"field": label}
        elif err["type"] == "extra_forbidden":
            fields[name] = _("%(field)s: this form has no such field.") % {"field": label}
        else:
            fields[name] = _("%(field)s: the value is not valid.") % {"field": label}
    return fields
