"""One search interface, two real backends, chosen by the database in use."""

from django.db import connection

from search.backends.base import SearchBackend


def get_backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        from search.backends.postgresql import PostgresBackend

        return PostgresBackend()
    if connection.vendor == "sqlite":
        from search.backends.sqlite import SqliteBackend

        return SqliteBackend()
    raise NotImplementedError(f"No search backend for the {connection.vendor} database.")
