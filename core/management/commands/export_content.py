from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core import content_files


class Command(BaseCommand):
    help = "Write the live content as content files under PATH (one folder per kind)."

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH")

    def handle(self, path, **options):
        root = Path(path)
        for kind in sorted(content_files.KINDS.values(), key=lambda k: k.order):
            try:
                count = kind.export(root / kind.folder)
            except content_files.ContentError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"{count} {kind.name}(s) written to {root / kind.folder}")
