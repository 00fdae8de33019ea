"""Every public page type is valid HTML: the Nu Html Checker (vnu) finds 0 errors.

The pages are rendered from the bundled content, written to files and checked in one vnu
run. vnu comes from the npm package ``vnu-jar`` (``.ci/run`` installs it) and needs Java.
Without them the test is skipped locally, and fails in CI (CI=true).
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone

from articles.models import Article, Topic
from glossary.models import Term

pytestmark = pytest.mark.django_db
VNU_JAR_CANDIDATES = [
    os.environ.get("VNU_JAR", ""),
    str(settings.BASE_DIR / "node_modules/vnu-jar/build/dist/vnu.jar"),
    str(Path.home() / ".cache/benzo-guide/node_modules/vnu-jar/build/dist/vnu.jar"),
]
VNU_TIMEOUT_SECONDS = 300


def find_vnu() -> tuple[str, str]:
    java = shutil.which("java")
    jar = next((path for path in VNU_JAR_CANDIDATES if path and Path(path).is_file()), None)
    if java and jar:
        return java, jar
    missing = "java" if not java else "vnu.jar (npm package vnu-jar; set VNU_JAR)"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"The Nu Html Checker can't run in CI: {missing} is missing.")
    pytest.skip(f"The Nu Html Checker needs {missing}.")


def public_pages(client) -> dict[str, str]:
    """Page type → the address of one page of that type (every article and term, too)."""
    pages = {"home": "/", "article list": "/articles/", "glossary": "/glossary/",
             "not found": "/articles/no-such-article/", "gone": "/articles/withdrawn/"}
    pages.update({f"article {a.slug}": a.get_absolute_url() for a in Article.objects.live()})
    pages.update({f"topic {t.slug}": t.get_absolute_url() for t in Topic.objects.all()})
    pages.update({f"term {t.slug}": t.get_absolute_url() for t in Term.objects.live()})
    optional = {"search results": "/search/?q=clonazepam", "empty search": "/search/?q=",
                "article list page 2": "/articles/?page=2", "about": "/about/",
                "editorial policy": "/editorial-policy/", "privacy": "/privacy/",
                "urgent help": "/urgent-help/"}
    for name, url in optional.items():
        try:
            resolve(url.split("?")[0])
        except Resolver404:
            continue
        pages[name] = url
    return pages


@pytest.fixture(scope="module")
def vnu_messages(django_db_setup, django_db_blocker, tmp_path_factory):
    """Render every page type, run vnu once over them all; messages keyed by page type."""
    java, jar = find_vnu()
    folder = tmp_path_factory.mktemp("html")
    files = {}
    with django_db_blocker.unblock(), transaction.atomic():
        # Never the developer's database: the pages are built inside a rolled-back transaction
        # of the test database.
        assert connection.settings_dict["NAME"].startswith(("test_", "file:memorydb")), (
            connection.settings_dict["NAME"])
        call_command("import_content", str(settings.BASE_DIR / "content"), "--publish",
                     verbosity=0)
        withdrawn = Article.objects.live().first()
        Article.objects.filter(pk=withdrawn.pk).update(slug="withdrawn",
                                                       archived_at=timezone.now(), live=False)
        client = Client()
        for number, (name, url) in enumerate(sorted(public_pages(client).items())):
            response = client.get(url)
            assert response.status_code in (200, 404, 410), (name, url, response.status_code)
            path = folder / f"page-{number}.html"
            path.write_bytes(response.content)
            files[path.name] = name
        transaction.set_rollback(True)
    result = subprocess.run(
        [java, "-Dnu.validator.servlet.allow-forbidden-hosts=true", "-jar", jar,
         "--errors-only", "--format", "json", "--stdout", *sorted(str(folder / p)
                                                                 for p in os.listdir(folder))],
        capture_output=True, text=True, timeout=VNU_TIMEOUT_SECONDS, check=False,
    )
    report = json.loads(result.stdout)
    found = {name: [] for name in files.values()}
    for message in report["messages"]:
        url = message.get("url", "")
        found.setdefault(files.get(url.rsplit("/", 1)[-1], url), []).append(message)
    return found


PAGE_TYPES = ["home", "article list", "glossary", "not found", "gone"]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_is_valid_html(vnu_messages, page_type):
    assert vnu_messages[page_type] == []


@pytest.mark.parametrize("prefix", ["article ", "topic ", "term "])
def test_every_article_topic_and_term_page_is_valid_html(vnu_messages, prefix):
    checked = {name: messages for name, messages in vnu_messages.items()
               if name.startswith(prefix)}
    assert checked, f"no {prefix.strip()} pages were rendered"
    assert {name: messages for name, messages in checked.items() if messages} == {}


def test_other_public_pages_are_valid_html(vnu_messages):
    """Search results, later article pages and the site's own pages, where the site has them."""
    known = set(PAGE_TYPES)
    others = {name: messages for name, messages in vnu_messages.items()
              if name not in known and not name.startswith(("article ", "topic ", "term "))}
    assert {name: messages for name, messages in others.items() if messages} == {}
