"""Fields shared by the forms: one date field for the whole app, and GOV.UK widgets whose own words (the
date's Day, Month and Year, the password's Show and Hide) are in the page's language."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext
from govuk_frontend_wtf.wtforms_widgets import GovDateInput, GovPasswordInput
from wtforms import Field
from wtforms.validators import StopValidation

from victimcare.i18n import lazy_gettext as _l

# The three boxes, as an error names the missing ones.
DATE_PARTS = (_l("day"), _l("month"), _l("year"))


class TranslatedDateInput(GovDateInput):
    """GOV.UK's date input, with its Day, Month and Year labels in the page's language."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        for item, label in zip(params.get("items", []), (gettext("Day"), gettext("Month"), gettext("Year"))):
            item["label"] = label
        return params


class TranslatedPasswordInput(GovPasswordInput):
    """GOV.UK's password input, its Show/Hide button and what it announces in the page's language."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        params.update({
            "showPasswordText": gettext("Show"),
            "hidePasswordText": gettext("Hide"),
            "showPasswordAriaLabelText": gettext("Show password"),
            "hidePasswordAriaLabelText": gettext("Hide password"),
            "passwordShownAnnouncementText": gettext("Your password is visible"),
            "passwordHiddenAnnouncementText": gettext("Your password is hidden"),
        })
        return params


class GovDateField(Field):
    """A GOV.UK date input (day, month, year boxes) that explains each way a date can be wrong.

    The three boxes share the field's name, so the form data holds three values in order.
    """

    widget = TranslatedDateInput()

    def __init__(self, label=None, validators=None, *, required_message: str | None = None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.required_message = required_message
        self.problem: str | None = None

    def process_formdata(self, valuelist):
        values = [v.strip() for v in valuelist] + [""] * (3 - len(valuelist))
        self.raw_data = values[:3]
        self.data = None
        self.problem = None
        day, month, year = self.raw_data
        if not any(self.raw_data):
            return
        name = self.label.text
        if not all(self.raw_data):
            missing = [part for part, value in zip(DATE_PARTS, self.raw_data) if not value]
            self.problem = gettext("%(name)s must include a %(parts)s", name=name,
                                   parts=gettext(" and ").join(str(part) for part in missing))
            return
        if not all(v.isdigit() for v in self.raw_data) or len(year) != 4:
            self.problem = gettext("%(name)s must be a real date, with a 4-digit year, for example 27 3 2026", name=name)
            return
        try:
            self.data = date(int(year), int(month), int(day))
        except ValueError:
            self.problem = gettext("%(name)s must be a real date", name=name)

    def _value(self):
        return self.raw_data

    def pre_validate(self, form):
        if self.raw_data is None:
            self.raw_data = ["", "", ""]
        if self.problem:
            raise StopValidation(self.problem)
        if self.data is None and self.required_message:
            raise StopValidation(self.required_message)
