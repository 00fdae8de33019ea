from django.conf import settings
from django.core.management.base import BaseCommand

from search.querylog import purge_expired


class Command(BaseCommand):
    help = "Delete search counts older than SEARCH_LOG_RETENTION_DAYS (run daily, e.g. from cron)."

    def handle(self, *args, **options):
        deleted = purge_expired()
        self.stdout.write(f"Deleted {deleted} search counts older than "
                          f"{settings.SEARCH_LOG_RETENTION_DAYS} days.")
