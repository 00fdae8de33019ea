"""Worst-case markdown: the time to render (or refuse) hostile text up to the size limit.

Run by hand: ``.venv/bin/python benchmarks/adversarial_markdown.py``. Each input is cut to
``BODY_MAX_CHARS``; the table shows its length, whether the validators accept it, and the
time ``render_document`` takes (best of 3). Before the bounded link parser, ``"[" * 8000``
took 10.9 s and 16,000 brackets timed a gunicorn worker out (30 s).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CASES = {
    '"[" * n': lambda n: "[" * n,
    '"![" * n': lambda n: "![" * n,
    '"[a](" * n': lambda n: "[a](" * n,
    '"[^" * n': lambda n: "[^" * n,
    '"<a " * n': lambda n: "<a " * n,
    '"> " * n': lambda n: "> " * n,
    '"*a" * n': lambda n: "*a" * n,
    "200 '[' per paragraph": lambda n: ("[" * 200 + "\n\n") * n,
    "200 '[a' then ']' per paragraph": lambda n: ("[a" * 199 + "]\n\n") * n,
    "100 links per paragraph": lambda n: ("[a](https://x.org) " * 100 + "\n\n") * n,
    "50 nested links per paragraph": lambda n: ("[[a]](b)" * 50 + "\n\n") * n,
    "199 '*a' per paragraph": lambda n: ("*a" * 99 + "\n\n") * n,
    "199 '`a' per paragraph": lambda n: ("`a" * 199 + "\n\n") * n,
    "20 unclosed tags": lambda n: "<a " * 20 + "b " * n,
    "200 closed tags per paragraph": lambda n: ("<b>a</b> " * 100 + "\n\n") * n,
    "8-deep quotes and lists": lambda n: ("> - " * 4 + "x\n") * n,
    "nested indented lists": lambda n: "\n".join("    " * (i % 100) + "- a" for i in range(n)),
}


def main() -> None:
    temp = tempfile.TemporaryDirectory(prefix="benzo-adversarial-")
    os.environ.update({"DJANGO_ENV": "local", "DJANGO_SETTINGS_MODULE": "config.settings",
                       "VAR_DIR": temp.name, "LOG_LEVEL": "WARNING",
                       "DATABASE_URL": f"sqlite:///{temp.name}/db.sqlite3"})
    import django

    django.setup()
    from core.markdown import render_document
    from core.markdown_limits import BODY_MAX_CHARS, MarkdownTooComplex, check_complexity

    print(f"{'input':40} {'chars':>7} {'accepted':>9} {'render ms':>10}")
    worst = 0.0
    for name, make in CASES.items():
        text = make(BODY_MAX_CHARS)[:BODY_MAX_CHARS]
        try:
            check_complexity(text)
            accepted = "yes"
        except MarkdownTooComplex:
            accepted = "refused"
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            render_document(text)
            best = min(best, (time.perf_counter() - started) * 1000)
        worst = max(worst, best)
        print(f"{name:40} {len(text):>7} {accepted:>9} {best:>10.0f}")
    print(f"worst: {worst:.0f} ms")


if __name__ == "__main__":
    main()
