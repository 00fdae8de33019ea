import sys

from django.core.management.base import BaseCommand

from search.indexing import rebuild

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Rebuild the search index from every live article and glossary term."

    def handle(self, *args, **options):
        self._shown = -1
        interactive = hasattr(self.stdout, "isatty") and self.stdout.isatty()
        count = rebuild(progress=lambda done, total: self._progress(done, total, interactive))
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} pages."))

    def _progress(self, done, total, interactive):
        percent = 100 if total == 0 else done * 100 // total
        # On a terminal the bar redraws in place; in a log, one line per tenth.
        step = percent if interactive else percent // 10 * 10
        if step == self._shown:
            return
        self._shown = step
        filled = BAR_WIDTH * percent // 100
        bar = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {percent:3d}% {done}/{total}"
        if interactive:
            self.stdout.write("\r" + bar, ending="\n" if done >= total else "")
            sys.stdout.flush()
        else:
            self.stdout.write(bar)
