"""Template helpers shared by every page (portal and office): forms and the language switch.

Load with ``{% load umis_ui %}``. Fields are rendered through ``includes/field.html``:
    {% include "includes/field.html" with field=form.username %}
and the error summary through ``includes/error_summary.html`` (``with form=form``).
"""

from __future__ import annotations

from django import forms, template
from django.conf import settings
from django.utils.html import format_html

register = template.Library()

# Each language is named in itself, so that a reader finds their own whatever the page shows.
NATIVE_LANGUAGE_NAMES = {"az": "Azərbaycanca", "ru": "Русский", "en": "English"}


def _usa_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "usa-checkbox__input"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return ""
    if isinstance(widget, forms.Select):
        return "usa-select"
    if isinstance(widget, forms.Textarea):
        return "usa-textarea"
    if isinstance(widget, forms.FileInput):
        return "usa-file-input"
    return "usa-input"


@register.filter
def usa_widget(field: forms.BoundField) -> str:
    """The field's widget with the USWDS class (and its error variant) added.

    Django already sets aria-invalid and aria-describedby ("<id>_helptext <id>_error")
    when a field has help text or errors; ``includes/field.html`` uses those ids.
    """
    widget = field.field.widget
    classes = [widget.attrs.get("class", ""), _usa_class(widget)]
    if field.errors and classes[1] in {"usa-input", "usa-select", "usa-textarea"}:
        classes.append(f"{classes[1]}--error")
    return field.as_widget(attrs={"class": " ".join(c for c in classes if c)})


@register.simple_tag
def language_choices() -> list[tuple[str, str]]:
    """(code, name in its own language) for every language the site ships."""
    return [(code, NATIVE_LANGUAGE_NAMES.get(code, name)) for code, name in settings.LANGUAGES]


@register.simple_tag
def error_title_prefix(form: forms.Form | None) -> str:
    """Screen-reader users hear that a page came back with errors in the title first."""
    from django.utils.translation import gettext

    if form is not None and form.is_bound and form.errors:
        return format_html("{}: ", gettext("Error"))
    return ""
