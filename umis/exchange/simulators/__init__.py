"""Simulators of the state systems: the same signed HTTP interface, deterministic answers.

Mounted under ``/simulators/<system>/`` only when ``settings.UMIS_SIMULATORS`` is on (the
demo profile and tests; never in production). Each simulated system checks the request's
envelope as a real member would (a known client, a signature that verifies, its own member
id, the time) and signs its answer with its own demo key from the trust registry
(``umis.exchange.members``). Answers follow from the request, so the demo and the tests
can call up each outcome. By the LAST CHARACTER of the travel document number:

====  =====================================================================
 0    border: a travel ban; internal affairs: a criminal record; state security: an
      objection (after the delay)
 1    health: no valid medical certificate
 2    state security: the vetting is never answered
 3    border: an answer that does not match the operation's schema
 4    border: an answer whose signature does not verify
 5    state security: no objection, answered at once
 6    border: the entry is recorded 5 days after the arrival date given
 7    border, internal affairs, health, state security, labour, foreign affairs: the
      system is down (HTTP 503)
 8    state security: the result is pushed to UMIS after the delay (a poll finds it
      pending)
 9    border: no entry recorded for this document
else  entered on the arrival date given (or 30 days ago); no ban, no record,
      a valid medical certificate; no security objection (after the delay); an
      active employment contract with the employer asked about; a visa valid from
      30 days ago for 90 days
====  =====================================================================

Letters, for the labour ministry and foreign affairs only:

====  =====================================================================
 N    labour: no employment contract registered; foreign affairs: no visa
 S    labour, foreign affairs: an answer that does not match the schema
 E    labour: the contract is terminated; foreign affairs: the visa expired
====  =====================================================================

By the LAST CHARACTER of a citizen's FIN (population registry) or of a taxpayer's TIN (tax
service):

====  =====================================================================
 0    population: the citizen is deceased; tax: the taxpayer is no longer
      active (deregistered)
 3    an answer that does not match the operation's schema
 4    an answer whose signature does not verify
 7    the system is down (HTTP 503)
 9    no such FIN or TIN is registered
else  a living citizen, an active taxpayer
====  =====================================================================

Who they are is drawn from the demo's synthetic population (``registers``): the same FIN
gives the same citizen every time. The demo host (FIN ``5ABC7DE``, Rəşad Quliyev), the
demo employer (TIN ``1402345671``) and a hotel (TIN ``1700123451``) are fixed. A search of
the population registry by name and birth date finds the demo host and 200 seeded
citizens (``registers.listed_citizens()``).

State security answers a vetting request with a ticket at once and the result
``UMIS_SIMULATOR_VETTING_DELAY_SECONDS`` later (default 120): by poll
(``vetting/result``), or pushed to ``UMIS_SIMULATOR_PUSH_URL`` (``state_security``).

E-government portal: besides its sign-in (``egov_oidc``), it hands applications over to
UMIS (``egov_handover``, sent by ``manage.py egov_handover``): a signed push, not a view.

Border: ``POST /simulators/border/restrictions/list`` answers the restrictions list (travel
bans and wanted persons) as the fixed ``border.RESTRICTIONS``, the same on every call.

Payment gateway: a duty is paid once a payment with its reference (the application
number) has been made at ``POST /simulators/payment/payments``
(``{"reference": ..., "amount_azn": ...}``, the applicant's own payment, not a message of
the exchange); until then it is unpaid.
"""

from __future__ import annotations
