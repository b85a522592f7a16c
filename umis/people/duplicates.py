"""Finding likely existing files when a person is created or changed, and raising flags.

``person_find_likely`` is the look-up: the blocking keys of the new data select the files
sharing a key (one indexed query), those files and their document indexes are read (two
more), and all are scored together by ``score_candidates``. It never scans the registry.

What a match leads to is the caller's choice, through two thresholds held as policy
values: a probability at or above ``people.duplicate_sure_match`` may link to the existing
file where the use case allows it (a returning applicant, a permit holder), when the files
also share a document or FIN and their birth dates do not disagree
(``LikelyMatch.may_link_automatically``); one at or above
``people.duplicate_possible_match`` raises a ``PotentialDuplicate`` for an officer.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone

from umis.accounts.models import User
from umis.audit.services import audit_record
from umis.core.policy import policy_value
from umis.people.duplicates_scoring import score_candidates
from umis.people.models import (
    DuplicateStatus,
    IdentityDocument,
    Person,
    PersonBlockingKey,
    PotentialDuplicate,
)
from umis.people.profiles import PersonProfile, blocking_keys, profile_of

SURE_MATCH_KEY = "people.duplicate_sure_match"
POSSIBLE_MATCH_KEY = "people.duplicate_possible_match"
# The files sharing most keys with the new data are scored; a very common name born in a
# common year must not turn one creation into thousands of comparisons.
CANDIDATE_LIMIT = 50


# Evidence an automatic link needs beyond the probability. The model weighs a level, not
# how common the value is: two Elvin Mammadovs born on one day are rare, not impossible,
# so names and a birth date alone never link; and files whose birth dates disagree are
# joined only by an officer, whatever else they share.
SHARED_IDENTIFIERS = {("document_number", "exact"), ("national_id", "exact")}


def shares_identifier(explanation: dict[str, Any]) -> bool:
    levels = {(f["field"], f["level"]) for f in explanation.get("fields", [])}
    return bool(levels & SHARED_IDENTIFIERS)


@dataclass(frozen=True)
class LikelyMatch:
    person_id: int
    probability: float
    explanation: dict[str, Any]

    @property
    def may_link_automatically(self) -> bool:
        fields = self.explanation.get("fields", [])
        disagree = any(f["field"] == "birth_date" and f["level"] == "disagrees" for f in fields)
        return shares_identifier(self.explanation) and not disagree


def match_thresholds() -> tuple[float, float]:
    """(sure, possible) in force today."""
    today = timezone.localdate()
    return (
        float(policy_value(SURE_MATCH_KEY, on=today)),
        float(policy_value(POSSIBLE_MATCH_KEY, on=today)),
    )


def person_find_likely(
    *,
    profile: PersonProfile,
    minimum: float | None = None,
    limit: int = CANDIDATE_LIMIT,
    with_shared_identifiers: bool = False,
) -> list[LikelyMatch]:
    """Files that may be the person of ``profile`` (never itself, never a merged file),
    most likely first, down to ``minimum`` (the possible-match threshold by default);
    with ``with_shared_identifiers``, also every file holding the same document or FIN
    however unlikely the rest makes it (two files on one passport need a look whichever
    way it turns out)."""
    keys = blocking_keys(profile)
    if not keys:
        return []
    if minimum is None:
        minimum = match_thresholds()[1]
    shared = PersonBlockingKey.objects.filter(key__in=sorted(keys))
    if profile.pk is not None:
        shared = shared.exclude(person_id=profile.pk)
    ids = [
        row["person_id"]
        for row in shared.values("person_id")
        .annotate(shared=Count("pk"))
        .order_by("-shared", "person_id")[:limit]
    ]
    if not ids:
        return []
    indexes: dict[int, list[str]] = defaultdict(list)
    for person_id, index in IdentityDocument.objects.filter(person_id__in=ids).values_list(
        "person_id", "number_index"
    ):
        indexes[person_id].append(index)
    persons = list(Person.objects.filter(pk__in=ids, merged_into__isnull=True))
    candidates = [profile_of(p, document_indexes=indexes[p.pk]) for p in persons]
    matches = [
        LikelyMatch(person.pk, probability, explanation)
        for person, (probability, explanation) in zip(
            persons, score_candidates(profile, candidates), strict=True
        )
        if probability >= minimum or (with_shared_identifiers and shares_identifier(explanation))
    ]
    matches.sort(key=lambda m: (-m.probability, m.person_id))
    return matches


def person_keys_refresh(*, person: Person) -> None:
    """Rewrite the person's blocking keys from the file as it is now (call inside the
    write that changed it). A merged file keeps none."""
    keys = set() if person.merged_into_id else blocking_keys(profile_of(person))
    stored = set(PersonBlockingKey.objects.filter(person=person).values_list("key", flat=True))
    if stored - keys:
        PersonBlockingKey.objects.filter(person=person, key__in=stored - keys).delete()
    if keys - stored:
        PersonBlockingKey.objects.bulk_create(
            [PersonBlockingKey(person=person, key=key) for key in sorted(keys - stored)]
        )


def duplicates_flag(
    *, person: Person, actor: Any, request: HttpRequest | None, found_by: str
) -> list[PotentialDuplicate]:
    """Raise (or refresh) a flag for every likely duplicate of ``person``; call inside the
    write that created or changed it. A pair an officer already decided stays decided."""
    if person.merged_into_id:
        return []
    raised = []
    for match in person_find_likely(profile=profile_of(person), with_shared_identifiers=True):
        first, second = sorted((person.pk, match.person_id))
        pair, created = PotentialDuplicate.objects.get_or_create(
            first_id=first,
            second_id=second,
            defaults={
                "probability": match.probability,
                "explanation": match.explanation,
                "found_by": found_by,
            },
        )
        if not created:
            if pair.status != DuplicateStatus.OPEN or pair.probability == match.probability:
                continue
            pair.probability, pair.explanation = match.probability, match.explanation
            pair.save(update_fields=["probability", "explanation", "updated_at"])
        audit_record(
            action="person.duplicate_flag",
            target_type="person",
            target_id=person.pk,
            request=request,
            actor=actor if isinstance(actor, User) else None,
            details={
                "duplicate": pair.pk,
                "other_person": match.person_id,
                "probability": match.probability,
                "found_by": found_by,
            },
        )
        raised.append(pair)
    return raised


def person_after_write(
    *, person: Person, actor: Any, request: HttpRequest | None, found_by: str
) -> None:
    """What every write of a person's identity does last: keys, then flags."""
    person_keys_refresh(person=person)
    duplicates_flag(person=person, actor=actor, request=request, found_by=found_by)


def blocking_keys_rebuild(*, batch_size: int = 2000) -> int:
    """Rewrite every file's keys, a batch per transaction; returns the keys written.

    Needed when the way keys are made changes (the name normaliser's sound key, say):
    keys made the old way would no longer meet new data made the new way.
    """
    written, last = 0, 0
    while True:
        batch = list(
            Person.objects.filter(pk__gt=last, merged_into__isnull=True).order_by("pk")[:batch_size]
        )
        if not batch:
            return written
        indexes: dict[int, list[str]] = defaultdict(list)
        for person_id, index in IdentityDocument.objects.filter(
            person_id__in=[p.pk for p in batch]
        ).values_list("person_id", "number_index"):
            indexes[person_id].append(index)
        rows = [
            PersonBlockingKey(person_id=person.pk, key=key)
            for person in batch
            for key in sorted(
                blocking_keys(profile_of(person, document_indexes=indexes[person.pk]))
            )
        ]
        with transaction.atomic():
            PersonBlockingKey.objects.filter(person_id__in=[p.pk for p in batch]).delete()
            PersonBlockingKey.objects.bulk_create(rows)
        written, last = written + len(rows), batch[-1].pk
