"""Dates and times in the language of the page (or of the victim a text is addressed to)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from victimcare.i18n import format_date, format_datetime, format_month, in_language


@pytest.fixture
def request_context(shared_app):
    with shared_app.test_request_context("/"):
        yield


@pytest.mark.parametrize(("locale", "expected"), [("en", "25 November 2026"), ("cy", "25 Tachwedd 2026")])
def test_a_date_has_the_month_name_of_the_language(request_context, locale, expected):
    with in_language(locale):
        assert format_date(date(2026, 11, 25)) == expected


@pytest.mark.parametrize(("locale", "expected"), [("en", "1 July 2026 at 14:05"), ("cy", "1 Gorffennaf 2026 am 14:05")])
def test_a_moment_is_shown_in_uk_time_in_the_language(request_context, locale, expected):
    with in_language(locale):
        assert format_datetime(datetime(2026, 7, 1, 13, 5, tzinfo=UTC)) == expected  # BST


@pytest.mark.parametrize(("locale", "expected"), [("en", "March 2026"), ("cy", "Mawrth 2026")])
def test_a_month_stands_alone_in_the_language(request_context, locale, expected):
    with in_language(locale):
        assert format_month(date(2026, 3, 1)) == expected


def test_an_unknown_language_falls_back_to_english(request_context):
    with in_language("fr"):
        assert format_date(date(2026, 11, 25)) == "25 November 2026"
