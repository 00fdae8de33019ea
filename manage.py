#!/usr/bin/env python
import os
import sys
from pathlib import Path

# Settings a local run remembers (written by `make run`; see the Makefile's local-env).
# Only DJANGO_ENV, only when the environment doesn't set it, and only for manage.py: gunicorn
# never reads this file, so production still refuses to start without SECRET_KEY.
LOCAL_ENV_KEYS = {"DJANGO_ENV"}


def read_local_env() -> None:
    var_dir = Path(os.environ.get("VAR_DIR") or Path(__file__).resolve().parent / "var")
    try:
        lines = (var_dir / "local.env").read_text(encoding="utf-8").splitlines()
    except OSError:
        return
    for line in lines:
        name, _, value = line.partition("=")
        if name.strip() in LOCAL_ENV_KEYS and not line.lstrip().startswith("#"):
            os.environ.setdefault(name.strip(), value.strip())


def main():
    read_local_env()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
