"""Forms of the office pages for applications: the queue filters and the decision panel.

Forms only read and check what was typed; what may happen is decided by the services.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from umis.accounts.jurisdiction import district_ids_visible_to
from umis.accounts.models import District, User
from umis.cases.queues import QUERY_MAX, UNASSIGNED, QueueFilters
from umis.cases.services import REASON_MAX_LENGTH
from umis.cases.states import Flag, Status
from umis.eservices import registry

_DATE = forms.DateInput(attrs={"type": "date"})


def _any(choices: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [("", _("Any")), *choices]


class QueueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Application number or surname"),
        help_text=_("For example UMIS-2026-7KQ4M9XD, its last 8 characters, or Rezaei."),
        max_length=QUERY_MAX,
        required=False,
    )
    service = forms.ChoiceField(label=_("Service"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    district = forms.TypedChoiceField(
        label=_("District"), required=False, coerce=int, empty_value=None
    )
    assigned = forms.ChoiceField(label=_("Assigned officer"), required=False)
    flag = forms.ChoiceField(label=_("Flag"), required=False)
    submitted_from = forms.DateField(label=_("Submitted from"), required=False, widget=_DATE)
    submitted_to = forms.DateField(
        label=_("Submitted to (inclusive)"), required=False, widget=_DATE
    )

    def __init__(self, data: Any, *, user: User, officers: list[User]) -> None:
        super().__init__(data)
        self.fields["service"].choices = _any([(s.code, s.name) for s in registry.all_services()])
        statuses = [c for c in Status.choices if c[0] != Status.DRAFT]
        self.fields["status"].choices = _any(statuses)
        reach = district_ids_visible_to(user)
        districts = (
            District.objects.all() if reach is None else District.objects.filter(id__in=reach)
        )
        self.fields["district"].choices = _any([(d.pk, d.name) for d in districts])
        people = [(str(o.pk), o.get_full_name() or o.get_username()) for o in officers]
        self.fields["assigned"].choices = _any([(UNASSIGNED, _("Nobody yet")), *people])
        self.fields["flag"].choices = _any(list(Flag.choices))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("submitted_from"), data.get("submitted_to")
        if start and end and start > end:
            self.add_error("submitted_to", _("The end date must not be before the start date."))
        return data

    def filters(self) -> QueueFilters:
        """The filters as asked; only call after ``is_valid()``."""
        data = self.cleaned_data
        return QueueFilters(
            service=data.get("service") or "",
            status=data.get("status") or "",
            district=data.get("district"),
            assigned=data.get("assigned") or "",
            flag=data.get("flag") or "",
            submitted_from=data.get("submitted_from"),
            submitted_to=data.get("submitted_to"),
            query=data.get("q") or "",
        )


class DecisionForm(forms.Form):
    """One action of the panel: the version the officer saw, a reason, grounds of refusal."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    grounds = forms.MultipleChoiceField(
        label=_("Grounds for refusal"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "usa-checkbox__input"}),
    )

    def __init__(
        self,
        *args: Any,
        reason_required: bool = False,
        grounds: list[tuple[str, Any]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.reason_required = reason_required
        self.fields["grounds"].choices = grounds or []
        self.asks_grounds = bool(grounds)
        if reason_required and not grounds:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = _(
                "Give the reason for this decision."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.asks_grounds:
            chosen = data.get("grounds") or []
            if not chosen:
                self.add_error("grounds", _("Choose at least one ground for refusal."))
            elif "other" in chosen and not (data.get("reason") or "").strip():
                self.add_error("reason", _("Explain the other grounds in the reason."))
        return data


class DocumentsRequestForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    kinds = forms.MultipleChoiceField(
        label=_("Documents needed"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "usa-checkbox__input"}),
    )
    other = forms.CharField(
        label=_("Anything else needed"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, kinds: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = kinds

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("kinds") and not (data.get("other") or "").strip():
            self.add_error("kinds", _("Choose the documents needed or describe them."))
        return data

    def needed(self) -> str:
        """What the applicant is asked for, as one line for the history and the e-mail."""
        labels = dict(self.fields["kinds"].choices)
        parts = [str(labels[k]) for k in self.cleaned_data.get("kinds") or []]
        other = (self.cleaned_data.get("other") or "").strip()
        return "; ".join([*parts, other] if other else parts)


class AssignForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    assignee = forms.ModelChoiceField(
        label=_("Officer"), queryset=User.objects.none(), empty_label=_("Choose an officer")
    )

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = officers
        self.fields["assignee"].label_from_instance = lambda u: (
            u.get_full_name() or u.get_username()
        )
