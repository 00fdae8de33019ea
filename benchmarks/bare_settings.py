"""The site's own settings and middleware, with one bare view instead of the site's URLs.

Used by ``throughput.py``: whatever the site's pages cost beyond this is the cost of their
views and templates.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bare_urls"
