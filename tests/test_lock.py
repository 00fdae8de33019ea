"""requirements/dev.lock (``make lock``) pins every dependency pyproject.toml asks for, at a
version pyproject.toml allows: a dependency added without regenerating the lock fails here."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def pins() -> dict[str, str]:
    text = (ROOT / "requirements" / "dev.lock").read_text(encoding="utf-8")
    return {canonicalize_name(name): version
            for name, version in re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", text, re.MULTILINE)}


def wanted() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(line) for line in project["dependencies"]
            + project["optional-dependencies"]["dev"]]


def test_the_lock_pins_every_runtime_and_dev_dependency_within_its_range():
    locked = pins()
    assert len(locked) >= 30
    for requirement in wanted():
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement} is not in requirements/dev.lock: run make lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"requirements/dev.lock pins {name}=={locked[name]}, outside {requirement}: "
            "run make lock")


def test_the_lock_names_no_machine_specific_index():
    text = (ROOT / "requirements" / "dev.lock").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(--index-url|--extra-index-url|--find-links|-f |-i )", text,
                         re.MULTILINE)
    assert "file://" not in text
