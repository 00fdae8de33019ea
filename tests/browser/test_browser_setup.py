"""The browser tests' own setup: in CI a missing browser is a failure, elsewhere a skip."""

import pytest

from tests.browser.conftest import launch_chromium


def test_missing_chromium_fails_in_ci(monkeypatch, tmp_path):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        launch_chromium(str(tmp_path / "no-chromium"))


def test_missing_chromium_skips_outside_ci(monkeypatch, tmp_path):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium not found"):
        launch_chromium(str(tmp_path / "no-chromium"))

