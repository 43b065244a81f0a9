"""Without Chromium the browser tests skip, saying how to install it, except where CI requires them."""

from __future__ import annotations

import pytest

from tests.browser import conftest


def test_a_missing_chromium_skips_with_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setattr(conftest, "CHROMIUM", tmp_path / "chromium")
    monkeypatch.delenv("VICTIMCARE_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y chromium"):
        conftest.require_chromium()


def test_a_missing_chromium_fails_when_ci_requires_the_browser_tests(monkeypatch, tmp_path):
    monkeypatch.setattr(conftest, "CHROMIUM", tmp_path / "chromium")
    monkeypatch.setenv("VICTIMCARE_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="apt-get install -y chromium"):
        conftest.require_chromium()


def test_an_installed_chromium_is_used(monkeypatch, tmp_path):
    (tmp_path / "chromium").touch()
    monkeypatch.setattr(conftest, "CHROMIUM", tmp_path / "chromium")
    monkeypatch.setenv("VICTIMCARE_REQUIRE_BROWSER", "1")
    conftest.require_chromium()  # neither skips nor fails
