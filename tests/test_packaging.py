"""A non-editable install (``pip install .``) carries everything the site needs to run.

The wheel is built from a copy of the project (so no build/ or egg-info lands in the
checkout), without build isolation (nothing is downloaded). It must hold every app package,
the templates, static files and bundled content; unpacked somewhere else and imported from
another directory, Django must find its templates and static files there.
"""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ["config", "articles", "glossary", "editorial", "search", "pages", "feedback", "editor",
        "admin_security", "seo"]
DATA_FOLDERS = ["templates", "static", "content"]
NOT_SOURCE = shutil.ignore_patterns(".*", "__pycache__", "*.pyc", "*.egg-info", "build")


def data_files() -> list[str]:
    """Every file the site reads at run time: the top-level folders and the apps' own."""
    folders = [ROOT / name for name in DATA_FOLDERS]
    folders += [ROOT / app / kind for app in APPS for kind in ("templates", "static")]
    return sorted(str(path.relative_to(ROOT)) for folder in folders if folder.is_dir()
                  for path in folder.rglob("*")
                  if path.is_file() and "__pycache__" not in path.parts)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    shutil.copy(ROOT / "pyproject.toml", source)
    shutil.copy(ROOT / "README.md", source)
    for name in APPS + DATA_FOLDERS:
        shutil.copytree(ROOT / name, source / name, ignore=NOT_SOURCE)
    dist = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "--wheel-dir", str(dist), str(source)],
        cwd=source, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = dist.glob("benzo_guide-*.whl")
    return built


def test_the_wheel_holds_every_app_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for app in APPS:
        assert f"{app}/__init__.py" in names, app
        assert f"{app}/apps.py" in names or app == "config", app
    assert "seo/__init__.py" in names
    assert "config/settings.py" in names and "config/gunicorn.conf.py" in names
    assert "articles/migrations/0001_initial.py" in names
    assert not any(name.startswith(("tests/", "benchmarks/")) for name in names)


def test_the_wheel_holds_the_templates_static_files_and_content(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = data_files()
    assert len([f for f in expected if f.startswith("content/articles/")]) >= 10
    assert {"templates/base.html", "static/css/site.css"} <= set(expected)
    missing = [name for name in expected if name not in names]
    assert missing == [], f"left out of the wheel: {missing}"


def test_an_installed_copy_finds_its_templates_and_static_files_from_elsewhere(wheel,
                                                                               tmp_path):
    installed = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(installed)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import django, config; django.setup()\n"
        "from django.conf import settings\n"
        "from django.contrib.staticfiles import finders\n"
        "from django.template.loader import get_template\n"
        "print(config.__file__)\n"
        "print(get_template('base.html').origin.name)\n"
        "print(get_template('editor/widget.html').origin.name)\n"
        "print(finders.find('css/site.css'))\n"
        "print(finders.find('editor/js/editor.js'))\n"
        "print(len(list((settings.BASE_DIR / 'content' / 'articles').glob('*.md'))))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.update({"PYTHONPATH": str(installed), "DJANGO_SETTINGS_MODULE": "config.settings",
                "DJANGO_ENV": "local", "VAR_DIR": str(tmp_path / "var")})
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    result = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 6, result.stdout
    for found in lines[:5]:
        assert found.startswith(str(installed)), lines
    assert int(lines[5]) == len(list((ROOT / "content" / "articles").glob("*.md")))


# psycopg stays a required dependency: search/models.py imports django.contrib.postgres.
WITHOUT_EXTRAS = "import sys; sys.modules.update(redis=None)\n"


def run_without_extras(tmp_path, code: str, **environ: str) -> subprocess.CompletedProcess:
    """Python with redis-py made unimportable, as in a plain ``pip install .``."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"}}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_ENV": "local",
                "VAR_DIR": str(tmp_path / "var"), **environ})
    return subprocess.run([sys.executable, "-c", WITHOUT_EXTRAS + code], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_default_local_memory_cache_does_without_redis(tmp_path):
    code = ("import django; django.setup()\n"
            "from django.core.management import call_command\n"
            "call_command('migrate', verbosity=0); call_command('check')\n"
            "from django.test import Client\n"
            "print(Client(HTTP_HOST='127.0.0.1').get('/healthz').status_code)\n")
    result = run_without_extras(tmp_path, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "200"


def test_redis_url_without_redis_installed_names_the_extra(tmp_path):
    result = run_without_extras(tmp_path, "import django; django.setup()\n",
                                REDIS_URL="redis://127.0.0.1:1/0")
    assert result.returncode != 0
    assert 'REDIS_URL is set but redis-py is not installed: pip install ".[redis]"' in result.stderr
