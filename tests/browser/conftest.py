"""Browser tests: Debian's Chromium (/usr/bin/chromium) driven by Playwright for Python, against
pytest-django's ``live_server``. Every app's browser tests can use these fixtures:

- ``browser``: one Chromium per test module (never ``playwright install``).
- ``open_page(path, color_scheme="light", width=1280, javascript=True, reduced_motion=None)``:
  a fresh, private browser context showing ``site_url + path`` (``live_server.url`` unless a
  module overrides ``site_url``). Every request the browser makes is recorded in
  ``requested_urls``.
- ``axe_violations(page)``: axe-core's WCAG 2.0/2.1/2.2 A and AA violations, readably formatted.
- ``reader_site``: the bundled content in ``content/`` imported and published, per test
  (``transactional_db``: tests may write). ``shared_reader_site``: the same, imported once per
  module, for read-only tests (see its docstring).

Mark browser tests ``@pytest.mark.browser`` (``make test-browser`` runs them alone). Without
Playwright or Chromium they skip, except with ``CI=true``, where they fail: CI must prove them.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# database access from it. The live server runs in its own thread and is unaffected.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _unavailable(reason: str):
    if _in_ci():
        pytest.fail(f"{reason}. With CI=true browser tests must run, so this is a failure.",
                    pytrace=False)
    pytest.skip(reason)


def launch_chromium(path: str = CHROMIUM):
    """Start Playwright and Debian's Chromium; skip, or with CI=true fail, when they can't."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install -e '.[dev]')")
    if not os.access(path, os.X_OK):
        _unavailable(f"Chromium not found at {path} (apt-get install chromium)")
    manager = sync_playwright().start()
    try:
        return manager, manager.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
    except Error as error:
        manager.stop()
        _unavailable(f"Chromium at {path} did not start: {error}")


@pytest.fixture(scope="module")
def browser():
    # Per module, not per session: only one sync Playwright can run in a thread at a time, and
    # browser tests elsewhere in the suite (e.g. tests/admin_security) start their own.
    manager, chromium = launch_chromium()
    yield chromium
    chromium.close()
    manager.stop()


@pytest.fixture
def requested_urls() -> list[str]:
    """Every URL the browser asked for during the test, in order."""
    return []


@pytest.fixture
def site_url(live_server) -> str:
    """The server ``open_page`` visits: pytest-django's live server, with transactional_db.

    A module can override this fixture (see ``reader_site_url``) to visit a shared server.
    """
    return live_server.url


@pytest.fixture
def open_page(site_url, browser, requested_urls):
    # site_url first: a module-scoped server is then set up before, and stopped after, the
    # module's browser, whose closing ends the keep-alive connections the server is serving.
    contexts = []
    origin = site_url.rstrip("/")

    def open_(path="/", *, color_scheme="light", width=1280, height=900, javascript=True,
              reduced_motion=None, wait_until="load"):
        context = browser.new_context(
            base_url=origin, viewport={"width": width, "height": height},
            color_scheme=color_scheme, reduced_motion=reduced_motion,
            java_script_enabled=javascript, service_workers="block",
        )
        contexts.append(context)
        # Recorded, not intercepted: routing every request through Playwright doubles the time
        # a page takes, and a page that asks for anything outside the site fails its test.
        context.on("request", lambda request: requested_urls.append(request.url))
        page = context.new_page()
        page.goto(path, wait_until=wait_until)
        return page

    yield open_
    for context in contexts:
        context.close()


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: list[str]

    def __str__(self):
        return f"{self.rule} ({self.impact}): {self.help} -> {', '.join(self.targets)}"


@pytest.fixture(scope="session")
def axe_violations():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

    def run(page) -> list[Violation]:
        response = axe.run(page, options=options).response
        return [
            Violation(rule=v["id"], impact=v.get("impact") or "", help=v["help"],
                      targets=[" ".join(map(str, node["target"])) + " " + node["html"][:120]
                               for node in v["nodes"]])
            for v in response["violations"]
        ]

    return run


@dataclass(frozen=True)
class ReaderSite:
    """A live server showing the bundled content, and where its typical pages are."""

    url: str
    article: str = "/articles/dependence-when-taken-as-prescribed/"
    urgent_article: str = "/articles/getting-urgent-help/"
    topic: str = "/topics/clonazepam/"
    term: str = "/glossary/tolerance/"

    def paths(self) -> dict[str, str]:
        return {"article": self.article, "urgent_article": self.urgent_article,
                "topic": self.topic, "term": self.term}


@pytest.fixture
def reader_site(transactional_db, live_server) -> ReaderSite:
    """The bundled content imported into this test's database (slow: seconds per test).

    For tests that write (forms, feedback). Read-only tests should share one import per
    module through ``shared_reader_site`` instead.
    """
    from django.core.management import call_command

    call_command("import_content", str(ROOT / "content"), "--publish", stdout=StringIO())
    return ReaderSite(url=live_server.url)


def _let_requests_finish(seconds=3.0):
    """Wait for the live server's request threads to finish before stopping it: each closes its
    database connections when its browser connection closes, which must happen while the
    server still shares the SQLite in-memory connection with them."""
    deadline = time.monotonic() + seconds
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(max(0.0, deadline - time.monotonic()))


def _close_server_connections(connection, seconds=5.0):
    """Wait for the stopped server's database sessions to end (each request closes its own:
    the test settings set CONN_MAX_AGE to 0), so PostgreSQL can flush and drop the test database.

    Nothing is terminated: the session this teardown runs in may not be the one the tests use
    (connections are context-local), so "every other session" could include the tests' own.
    SQLite shares one connection and needs no wait.
    """
    if connection.vendor != "postgresql":
        return
    others = ("FROM pg_stat_activity WHERE datname = current_database() "
              "AND pid <> pg_backend_pid()")
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(f"SELECT count(*) {others}")
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)


def _is_test_database(connection) -> bool:
    name = str(connection.settings_dict["NAME"])
    return "memory" in name or Path(name).name.startswith("test")


@pytest.fixture(scope="module")
def shared_reader_site(django_db_setup, django_db_blocker):
    """The bundled content, imported once per test module, served by its own live server.

    Importing all of ``content/`` takes many seconds (each item is validated, rendered,
    revisioned, published and indexed), too slow to repeat for every test as
    ``transactional_db`` does. So the import is committed once for the module and the
    database is flushed when the module ends, as ``transactional_db`` does after each test.

    A module using it: marks its tests ``django_db`` (so the test database exists and each
    test's own writes roll back), overrides ``site_url`` with ``shared_reader_site_url``, and
    never uses ``live_server`` or ``transactional_db``, whose flush would empty the shared site.
    """
    from django.core.management import call_command
    from django.db import connection
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        if not _is_test_database(connection):
            pytest.fail("shared_reader_site needs the test database: mark the tests django_db.")
        call_command("import_content", str(ROOT / "content"), "--publish", stdout=StringIO())
    server = LiveServer(os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"))
    server._live_server_modified_settings.enable()
    try:
        yield ReaderSite(url=server.url)
    finally:
        server._live_server_modified_settings.disable()
        _let_requests_finish()
        server.stop()
        with django_db_blocker.unblock():
            _close_server_connections(connection)
            call_command("flush", interactive=False, verbosity=0)
            # A fresh connection for what follows: on PostgreSQL the one that imported and
            # flushed otherwise outlives the session and blocks dropping the test database.
            connection.close()


@pytest.fixture
def shared_reader_site_url(shared_reader_site, django_db_blocker):
    """``shared_reader_site``'s address, with the database open to its server for the test."""
    with django_db_blocker.unblock():
        yield shared_reader_site.url
