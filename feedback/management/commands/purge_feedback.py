from django.core.management.base import BaseCommand

from feedback.retention import purge_expired


class Command(BaseCommand):
    help = ("Delete reader feedback, problem reports and rate-limit counts older than the "
            "retention periods in settings (run daily from cron).")

    def handle(self, **options):
        for name, count in purge_expired().items():
            self.stdout.write(f"{count} {name} deleted")
