"""The exchange's tables: the message log, the check results, and the simulators' own
state (the payment ledger, the switches, the message ids seen).

The message log keeps what was asked of which system and what came of it, for operators
and auditors; it holds no more personal data than needed to tell messages apart (document
numbers are masked, names are never written).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MessageOutcome(models.TextChoices):
    OK = "ok", _("Answered")
    REFUSED = "refused", _("Refused the request")
    UNAVAILABLE = "unavailable", _("Unavailable")
    REJECTED = "rejected", _("Answer rejected")
    CIRCUIT_OPEN = "circuit_open", _("Not sent: the system is failing")


class RejectionReason(models.TextChoices):
    """Why an answer that came was not accepted (the answer is never used then)."""

    UNSIGNED = "unsigned", _("the answer is not signed, or its envelope cannot be read")
    UNKNOWN_MEMBER = (
        "unknown_member",
        _("the answer comes from a member the registry does not know"),
    )
    UNKNOWN_KEY = "unknown_key", _("the answer is signed with a key the registry does not hold")
    BAD_SIGNATURE = "bad_signature", _("the answer's signature does not verify")
    NOT_OURS = "not_ours", _("the answer is not for this request")
    REPLAYED = "replayed", _("the answer was received before (a replay)")
    STALE = "stale", _("the answer's time is too far from ours")
    SCHEMA = "schema", _("the answer does not match what the service returns")
    WRONG_SENDER = "wrong_sender", _("the message comes from a member that may not send it")


class ExchangeMessage(models.Model):
    """One message exchanged with a state system (one attempt), named as X-Road names the
    parts of a message: its id, the client and service members, the user on whose behalf it
    is made and the issue (our reference) it concerns.

    Bodies are never stored, only their SHA-256; the signatures and key ids are kept so that
    ``manage.py exchange_verify`` can re-verify each entry. ``seal`` is UMIS's signature over
    the entry's own fields (``umis.exchange.log``): an entry edited afterwards no longer
    verifies.
    """

    message_id = models.UUIDField(_("message id"), null=True, blank=True, unique=True)
    system = models.CharField(_("system"), max_length=32, db_index=True)
    operation = models.CharField(_("operation"), max_length=64)
    client_member = models.CharField(_("client member"), max_length=128, blank=True)
    service_member = models.CharField(_("service member"), max_length=128, blank=True)
    user_id = models.CharField(_("on behalf of"), max_length=150, blank=True)
    purpose = models.CharField(_("purpose"), max_length=64, blank=True)
    reference = models.CharField(_("reference"), max_length=64, blank=True, db_index=True)
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    request_summary = models.JSONField(_("request summary"), default=dict, blank=True)
    request_timestamp = models.CharField(_("request time (signed)"), max_length=40, blank=True)
    request_hash = models.CharField(_("request body SHA-256"), max_length=64, blank=True)
    request_key_id = models.CharField(_("request key id"), max_length=16, blank=True)
    request_signature = models.CharField(_("request signature"), max_length=128, blank=True)
    response_id = models.CharField(
        _("response id"), max_length=64, null=True, blank=True, unique=True
    )
    response_timestamp = models.CharField(_("response time (signed)"), max_length=40, blank=True)
    response_hash = models.CharField(_("response body SHA-256"), max_length=64, blank=True)
    response_key_id = models.CharField(_("response key id"), max_length=16, blank=True)
    response_signature = models.CharField(_("response signature"), max_length=128, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=MessageOutcome.choices, db_index=True
    )
    rejection_reason = models.CharField(
        _("rejection reason"), max_length=16, choices=RejectionReason.choices, blank=True
    )
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    seal_key_id = models.CharField(_("seal key id"), max_length=16, blank=True)
    seal = models.CharField(_("seal"), max_length=128, blank=True)
    # The chain: entries are numbered without gaps and each names the seal of the one
    # before, so that a deleted entry shows (empty on entries from before the chain).
    seq = models.PositiveBigIntegerField(_("sequence number"), null=True, blank=True, unique=True)
    previous_seal_hash = models.CharField(
        _("previous entry's seal SHA-256"), max_length=64, blank=True
    )
    # Pushed to UMIS by another member (the request is theirs, the answer ours), rather
    # than asked by UMIS.
    inbound = models.BooleanField(_("pushed to UMIS"), default=False)

    class Meta:
        verbose_name = _("exchange message")
        verbose_name_plural = _("exchange messages")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.system}.{self.operation} {self.reference} ({self.outcome})"

    @property
    def system_name(self) -> str:
        from umis.exchange.members import SYSTEM_NAMES

        return str(SYSTEM_NAMES.get(self.system, self.system))


class ExchangeLogHead(models.Model):
    """The chain's last link, sealed: where the log ends, so that entries cut off its end
    show too. One row, locked by every write to the log."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(_("last sequence number"), default=0)
    last_seal_hash = models.CharField(_("last entry's seal SHA-256"), max_length=64, blank=True)
    seal_key_id = models.CharField(_("seal key id"), max_length=16, blank=True)
    seal = models.CharField(_("seal"), max_length=128, blank=True)

    class Meta:
        verbose_name = _("exchange log head")
        verbose_name_plural = _("exchange log head")

    def __str__(self) -> str:
        return f"exchange log head at {self.seq}"


class CircuitState(models.TextChoices):
    CLOSED = "closed", _("Closed: calls go through")
    OPEN = "open", _("Open: no calls")
    HALF_OPEN = "half_open", _("Half-open: one trial call")


class SystemCircuit(models.Model):
    """The circuit breaker of one state system, shared by every process (web and workers).

    A table rather than the cache: the cache may be each process's own memory, and every
    transition here is one conditional UPDATE, so two processes never both probe.
    """

    system = models.CharField(_("system"), max_length=32, primary_key=True)
    state = models.CharField(
        _("state"), max_length=16, choices=CircuitState.choices, default=CircuitState.CLOSED
    )
    failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    probe_started_at = models.DateTimeField(_("trial call started at"), null=True, blank=True)

    class Meta:
        verbose_name = _("circuit breaker")
        verbose_name_plural = _("circuit breakers")

    def __str__(self) -> str:
        return f"{self.system}: {self.state}"


class CheckOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")
    UNAVAILABLE = "unavailable", _("No answer")


class CheckKind(models.TextChoices):
    CHECK = "check", _("Check with a state system")
    RULE = "rule", _("Rule of the service")


class CheckResult(models.Model):
    """What one check (or one rule of the service) found about one application.

    The summary is stored as a message code and its parameters, not as text, so that it is
    shown in the reader's language; ``umis.cases.checks_selectors`` turns it into words.
    """

    application = models.ForeignKey(
        "cases.Application",
        on_delete=models.CASCADE,
        related_name="check_results",
        verbose_name=_("application"),
    )
    kind = models.CharField(
        _("kind"), max_length=8, choices=CheckKind.choices, default=CheckKind.CHECK
    )
    code = models.CharField(_("code"), max_length=64)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=CheckOutcome.choices, default=CheckOutcome.PENDING
    )
    summary_code = models.CharField(_("summary"), max_length=64, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("check result")
        verbose_name_plural = _("check results")
        ordering = ["kind", "code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "code"], name="exchange_one_result_per_check"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.code}: {self.outcome}"


class VettingResult(models.TextChoices):
    CLEAR = "clear", _("No objection")
    OBJECTION = "objection", _("Objection")


class SecurityVetting(models.Model):
    """The state security vetting of one application: asked once, answered days later.

    The system acknowledges a request with a ticket at once; the result comes back either
    when UMIS polls with the ticket or when the system pushes it. ``result`` is written
    once: whichever way comes first lands it, the other changes nothing.
    """

    application = models.OneToOneField(
        "cases.Application",
        on_delete=models.CASCADE,
        related_name="security_vetting",
        verbose_name=_("application"),
    )
    ticket = models.CharField(_("ticket"), max_length=64, unique=True)
    requested_at = models.DateTimeField(_("requested at"))
    result = models.CharField(_("result"), max_length=16, choices=VettingResult.choices, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.CharField(_("answer came by"), max_length=8, blank=True)  # poll, push

    class Meta:
        verbose_name = _("security vetting")
        verbose_name_plural = _("security vettings")

    def __str__(self) -> str:
        return f"{self.ticket} {self.result or 'waiting'}"


class EgovHandover(models.Model):
    """An application the e-government portal handed over: the message it came in, so that
    the same message again gets the same receipt and never a second application."""

    message_id = models.UUIDField(_("message id"), unique=True)
    body_hash = models.CharField(_("body SHA-256"), max_length=64)
    application = models.OneToOneField(
        "cases.Application",
        on_delete=models.PROTECT,
        related_name="egov_handover",
        verbose_name=_("application"),
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("application handed over by the portal")
        verbose_name_plural = _("applications handed over by the portal")

    def __str__(self) -> str:
        return f"{self.message_id} {self.application_id}"


class SimulatedVetting(models.Model):
    """A vetting request as the state security simulator remembers it (demo and tests)."""

    reference = models.CharField(_("reference"), max_length=64, unique=True)
    ticket = models.CharField(_("ticket"), max_length=64, unique=True)
    mode = models.CharField(_("mode"), max_length=16)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    pushed_at = models.DateTimeField(_("pushed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("simulated vetting")
        verbose_name_plural = _("simulated vettings")

    def __str__(self) -> str:
        return f"{self.ticket} {self.mode}"


class SimulatedPayment(models.Model):
    """A state duty "paid" at the payment gateway simulator (demo and tests only)."""

    reference = models.CharField(_("reference"), max_length=64, unique=True)
    amount_azn = models.DecimalField(_("amount (AZN)"), max_digits=10, decimal_places=2)
    paid_at = models.DateTimeField(_("paid at"), auto_now_add=True)

    class Meta:
        verbose_name = _("simulated payment")
        verbose_name_plural = _("simulated payments")

    def __str__(self) -> str:
        return f"{self.reference} {self.amount_azn}"


class SimulatedSignInCode(models.Model):
    """An authorization code of the e-government portal's sign-in simulator (demo and tests
    only): what the applicant agreed to, kept until the code is exchanged once."""

    code_hash = models.CharField(max_length=64, unique=True)
    client_id = models.CharField(max_length=200)
    redirect_uri = models.CharField(max_length=500)
    code_challenge = models.CharField(max_length=128)
    nonce = models.CharField(max_length=200, blank=True)
    scope = models.CharField(max_length=200)
    person_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("simulated sign-in code")
        verbose_name_plural = _("simulated sign-in codes")

    def __str__(self) -> str:
        return f"{self.client_id} {self.created_at:%Y-%m-%d %H:%M}"


class SimulatorMode(models.TextChoices):
    NORMAL = "normal", _("Normal")
    SLOW = "slow", _("Slow: answers after a delay")
    FAILING = "failing", _("Failing: HTTP 503")
    GARBAGE = "garbage", _("Garbage: an answer off the operation's schema")
    FORGED = "forged", _("Forged: an answer whose signature does not verify")


class SimulatorSwitch(models.Model):
    """How one simulated system behaves now (demo and tests only).

    A table, not the cache: the demo's cache is each process's own memory, while the
    standalone simulators, the web server's in-process simulators, the worker and
    ``manage.py simulator_mode`` are separate processes that must all see one switch; the
    simulators already keep their payments in this database.
    """

    system = models.CharField(_("system"), max_length=32, primary_key=True)
    mode = models.CharField(
        _("mode"), max_length=16, choices=SimulatorMode.choices, default=SimulatorMode.NORMAL
    )
    delay_seconds = models.FloatField(_("delay (seconds)"), default=0)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("simulator switch")
        verbose_name_plural = _("simulator switches")

    def __str__(self) -> str:
        return f"{self.system}: {self.mode}"


class SimulatorSeenMessage(models.Model):
    """A request's message id a simulated system has already answered (replay protection).

    Kept only for a bounded time (``umis.exchange.simulators.replay``): a request older
    than the accepted clock skew is refused for its time anyway.
    """

    system = models.CharField(_("system"), max_length=32)
    message_id = models.CharField(_("message id"), max_length=64)
    seen_at = models.DateTimeField(_("seen at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("message seen by a simulator")
        verbose_name_plural = _("messages seen by simulators")
        constraints = [
            models.UniqueConstraint(
                fields=["system", "message_id"], name="exchange_simulator_message_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.system} {self.message_id}"
