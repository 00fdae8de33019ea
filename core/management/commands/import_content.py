from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import content_files


class Command(BaseCommand):
    help = (
        "Import content files (markdown with YAML front matter). Each PATH is a file or a "
        "folder. Creates or updates items by slug as new revisions. Bad files import "
        "nothing, are reported with their path and field, and make the command exit non-zero "
        "after every good file has been imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--publish", action="store_true",
            help="Publish what is imported, marked 'not yet clinically reviewed'.",
        )
        parser.add_argument(
            "--only-new", action="store_true",
            help="Skip items whose slug already exists (keeps edits made in the admin).",
        )

    def handle(self, *args, paths, publish=False, only_new=False, **options):
        with content_files.importing():
            errors = self._import(paths, publish, only_new, options["verbosity"])
        for error in errors:
            self.stderr.write(f"error: {error}")
        if errors:
            raise CommandError(
                f"{len(errors)} problem(s); the files named above were not imported."
            )

    def _import(self, paths, publish, only_new, verbosity):
        good, errors = content_files.load(paths)
        for item in good:
            for warning in item.warnings:
                self.stderr.write(f"warning: {warning}")
        counts: dict[str, int] = {}
        saved = []
        for item in good:
            kind = content_files.KINDS[item.kind]
            if only_new and kind.exists(item.slug):
                outcome = "kept (exists)"
            else:
                try:
                    with transaction.atomic():
                        outcome = kind.save(item, publish=publish)
                except Exception as error:  # a database rule the validators missed
                    errors.append(content_files.ContentError(item.path, "file", str(error)))
                    continue
                saved.append(item)
            counts[f"{item.kind} {outcome}"] = counts.get(f"{item.kind} {outcome}", 0) + 1
            if verbosity >= 2:
                self.stdout.write(f"{item.path}: {outcome}")
        for item in saved:  # links to files that were read later in this same run
            relink = content_files.KINDS[item.kind].relink
            if relink is not None:
                relink(item.slug)
        for label, count in sorted(counts.items()):
            self.stdout.write(f"{count} {label}")
        return errors
