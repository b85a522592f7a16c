"""An officer's approval waits for the checks, as the Service's own decision does.

While an application carries ``checks pending``, approving it is refused as long as any
check its service asked for has no answer yet (waiting, the system down, an answer
rejected). Once an officer who checked by other means clears the flag, the approval goes
through; refusing never waits (nothing a late answer says could make a refusal wrong
that the officer's reasons did not already settle).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from umis.cases.checks import ANSWERED
from umis.cases.checks_runners import LABELS
from umis.cases.effects import before_save
from umis.cases.models import Application
from umis.cases.states import Flag
from umis.core.errors import Conflict
from umis.exchange.models import CheckKind, CheckResult


@before_save("approve")
def approval_waits_for_checks(application: Application) -> None:
    if Flag.CHECKS_PENDING not in application.flags:
        return  # never flagged, concluded, or cleared by an officer
    waiting = (
        CheckResult.objects.filter(application_id=application.pk, kind=CheckKind.CHECK)
        .exclude(outcome__in=ANSWERED)
        .order_by("code")
        .values_list("code", flat=True)
    )
    codes = list(waiting)
    if codes:
        raise Conflict(
            _(
                "These checks have not answered yet: %(checks)s. The application can be "
                "approved once they have, or once an officer who checked by other means "
                "clears “checks pending”."
            )
            % {"checks": ", ".join(str(LABELS.get(code, code)) for code in codes)},
            code="checks_pending",
        )
