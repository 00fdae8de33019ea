"""A page kind of the tests' own (``Leaflet``): what a new kind needs, and nothing more.

Installed only by ``config.test_settings``. Its kind is not registered by the app: a test
registers it (``tests.extra_kind.kinds.registered``) and takes it away again, so the rest of
the suite sees the site's own kinds only.
"""
