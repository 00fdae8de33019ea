"""A migration operation for SQL that only one database understands."""

from django.db import migrations


class VendorSQL(migrations.RunSQL):
    """``RunSQL`` that runs only on the named database vendor ("sqlite", "postgresql").

    The full-text index is the one part of the search schema that differs between the two
    databases; everything Django's model state knows about is shared.
    """

    def __init__(self, vendor, sql, reverse_sql=None, **kwargs):
        self.vendor = vendor
        super().__init__(sql, reverse_sql=reverse_sql, **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, [self.vendor, *args], kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"Raw SQL for {self.vendor} only"
