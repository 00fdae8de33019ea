"""The editors' time zone (TIME_ZONE): named beside the schedule input and every printed time."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from editorial import workflow
from tests.editorial.helpers import admin_url, reload, seen

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
# A July (British Summer Time) always ahead of today, so scheduling there stays valid.
SUMMER = timezone.now().year + 1


@pytest.fixture
def london(settings):
    settings.TIME_ZONE = "Europe/London"
    with timezone.override("Europe/London"):
        yield


def test_time_zone_comes_from_the_environment():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.TIME_ZONE)"],
        cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_ENV": "local",
                       "TIME_ZONE": "Europe/London"},
        capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "Europe/London", result.stderr


def test_the_schedule_input_is_labelled_with_the_time_zone(approved_draft, publisher, client,
                                                          login_staff, london):
    login_staff(client, publisher)
    html = client.get(admin_url(approved_draft, "history")).content.decode()
    assert "Go live at (Europe/London, " in html  # and the abbreviation in force today
    assert 'type="datetime-local" name="go_live_at"' in html


def test_the_go_live_time_typed_is_read_in_the_editors_time_zone(approved_draft, publisher,
                                                                 client, login_staff, london):
    login_staff(client, publisher)
    client.post(admin_url(approved_draft, "workflow", "schedule"),
                {"go_live_at": f"{SUMMER}-07-01T09:00",
                 **seen(reload(approved_draft).latest_revision)})
    # 09:00 in London in July is 08:00 UTC (British Summer Time).
    assert reload(approved_draft).go_live_at == dt.datetime(SUMMER, 7, 1, 8, 0, tzinfo=dt.UTC)


def test_printed_times_carry_the_zone_abbreviation(approved_draft, publisher, client,
                                                   login_staff, london):
    workflow.schedule(approved_draft, user=publisher,
                      go_live_at=dt.datetime(SUMMER, 7, 1, 8, 0, tzinfo=dt.UTC))
    login_staff(client, publisher)
    html = client.get(admin_url(approved_draft, "change")).content.decode()
    assert f"July 1, {SUMMER}, 9 a.m. BST" in html
    winter = client.get(admin_url(approved_draft, "history")).content.decode()
    assert " GMT" in winter or " BST" in winter  # revision times, in the zone of their date


def test_utc_is_the_default_and_is_named(approved_draft, publisher, client, login_staff):
    login_staff(client, publisher)
    html = client.get(admin_url(approved_draft, "history")).content.decode()
    assert "Go live at (UTC)" in html
    assert " UTC</td>" in html


def test_the_form_names_the_zone_above_its_dates(approved_draft, make_term, publisher, client,
                                                 login_staff, london):
    login_staff(client, publisher)
    note = "Dates and times are in the Europe/London time zone."
    assert note in client.get(admin_url(approved_draft, "change")).content.decode()
    assert note in client.get(admin_url(make_term("gaba", "GABA"), "change")).content.decode()
