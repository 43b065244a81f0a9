from datetime import date

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from forms.fields import GovDateField


class DateForm(Form):
    when = GovDateField("Date reported", required_message="Enter the date reported")


def form_with(*values):
    return DateForm(MultiDict([("when", v) for v in values]))


def test_a_real_date_is_read():
    form = form_with("24", "12", "2026")
    assert form.validate()
    assert form.when.data == date(2026, 12, 24)


@pytest.mark.parametrize(("values", "message"), [
    (("31", "2", "2026"), "Date reported must be a real date"),
    (("", "2", "2026"), "Date reported must include a day"),
    (("1", "", ""), "Date reported must include a month and year"),
    (("1", "2", "26"), "4-digit year"),
    (("a", "2", "2026"), "must be a real date"),
])
def test_each_wrong_date_is_explained(values, message):
    form = form_with(*values)
    assert not form.validate()
    assert message in form.when.errors[0]
    assert form.when.raw_data == list(values)  # what was typed is shown again


def test_required_date_left_empty():
    form = form_with("", "", "")
    assert not form.validate()
    assert form.when.errors == ["Enter the date reported"]


def test_missing_from_the_form_data_altogether_renders_empty_boxes():
    form = DateForm(MultiDict())
    assert not form.validate()
    assert form.when.raw_data == ["", "", ""]
