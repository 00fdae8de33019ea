from django.core.management.base import BaseCommand

from editorial.workflow import publish_due


class Command(BaseCommand):
    help = ("Publish approved revisions whose go-live time has come. Idempotent and safe to run "
            "every minute from cron.")

    def handle(self, *args, **options):
        published = publish_due()
        for page in published:
            self.stdout.write(f"Published {page._meta.verbose_name} “{page}”.")
        self.stdout.write(f"{len(published)} page(s) published.")
