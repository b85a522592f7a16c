"""Re-verifying the message log: every entry's seal and signatures, and the chain.

The chain is checked in sequence order: numbers without gaps from the first, each entry
naming the seal of the one before, and the last one being the one the sealed head names.
``since`` limits the entries read, not the chain: the link into the first of them is still
checked against the entry before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from umis.core.calendar import SERVICE_TZ
from umis.exchange.envelope import sha256_hex, verifies
from umis.exchange.log import GENESIS, head_sealed_form, log_entry_problems
from umis.exchange.members import own_keyring, trust_registry
from umis.exchange.models import ExchangeLogHead, ExchangeMessage


@dataclass
class LogVerification:
    checked: int = 0
    before_signing: int = 0  # entries written before the log was signed at all
    broken: list[tuple[ExchangeMessage, list[str]]] = field(default_factory=list)
    chain: list[str] = field(default_factory=list)  # missing entries, a wrong head

    @property
    def ok(self) -> bool:
        return not self.broken and not self.chain


def _start(since: date | None) -> datetime | None:
    if since is None:
        return None
    return timezone.make_aware(datetime.combine(since, datetime.min.time()), SERVICE_TZ)


def _unchained(since: date | None) -> Iterator[ExchangeMessage]:
    entries = ExchangeMessage.objects.filter(seq__isnull=True).order_by("id")
    if since is not None:
        entries = entries.filter(created_at__gte=_start(since))
    return entries.iterator(chunk_size=2000)


def _chained(since: date | None) -> Iterator[ExchangeMessage]:
    entries = ExchangeMessage.objects.filter(seq__isnull=False).order_by("seq")
    if since is not None:
        entries = entries.filter(created_at__gte=_start(since))
    return entries.iterator(chunk_size=2000)


def _seal_hash(message: ExchangeMessage) -> str:
    return sha256_hex(message.seal.encode())


def _link_problems(message: ExchangeMessage, previous: ExchangeMessage | None) -> list[str]:
    """What is wrong with the link from ``previous`` (the entry read before) to ``message``."""
    if previous is None:  # the first entry read: fetch the one before it, if it should exist
        if message.seq == 1:
            return (
                [] if message.previous_seal_hash == GENESIS else [_("the chain's start is wrong")]
            )
        previous = ExchangeMessage.objects.filter(seq=message.seq - 1).first()
        if previous is None:
            return [_("entries before this one are missing")]
    problems = []
    if message.seq != previous.seq + 1:
        problems.append(
            _("%(count)s entries before this one are missing")
            % {"count": message.seq - previous.seq - 1}
        )
    elif message.previous_seal_hash != _seal_hash(previous):
        problems.append(_("the entry does not follow the one before it"))
    return problems


def _head_problems(last: ExchangeMessage | None) -> list[str]:
    head = ExchangeLogHead.objects.filter(pk=1).first()
    if head is None:
        return [_("the log's head is missing")] if last is not None else []
    key = own_keyring().verifying.get(head.seal_key_id)
    if key is None or not verifies(key, head_sealed_form(head), head.seal):
        return [_("the log's head does not verify: it was changed after it was written")]
    if last is None:
        return [_("the head names %(count)s entries; none are in the log") % {"count": head.seq}]
    if head.seq != last.seq:
        return [
            _("the log ends at entry %(last)s but was written up to %(head)s: entries are missing")
            % {"last": last.seq, "head": head.seq}
        ]
    if head.last_seal_hash != _seal_hash(last):
        return [_("the log's last entry is not the one the head names")]
    return []


def exchange_log_verify(*, since: date | None = None) -> LogVerification:
    """Re-verify every entry (from ``since``, a day of the Service's calendar, on) and the
    chain they form."""
    registry = trust_registry()
    result = LogVerification()
    first_sealed = (
        ExchangeMessage.objects.exclude(seal="").order_by("id").values_list("id", flat=True).first()
    )
    for message in _unchained(since):
        result.checked += 1
        # Entries from before the log was signed carry no message id and come before the
        # first sealed one; anything else without a seal has been tampered with.
        legacy = message.message_id is None and not message.seal
        if legacy and (first_sealed is None or message.id < first_sealed):
            result.before_signing += 1
            continue
        problems = log_entry_problems(message, registry=registry)
        if problems:
            result.broken.append((message, problems))
    previous = None
    for message in _chained(since):
        result.checked += 1
        problems = _link_problems(message, previous) + log_entry_problems(
            message, registry=registry
        )
        if problems:
            result.broken.append((message, problems))
        previous = message
    if previous is None and since is not None:
        previous = ExchangeMessage.objects.filter(seq__isnull=False).order_by("-seq").first()
    result.chain = _head_problems(previous)
    return result
