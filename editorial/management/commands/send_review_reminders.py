from django.core.management.base import BaseCommand

from editorial.reminders import send_review_reminders


class Command(BaseCommand):
    help = ("Email each clinical reviewer about their pages whose review is due within 30 days "
            "or overdue. Sends at most one email per reviewer per day, however often it runs.")

    def handle(self, *args, **options):
        sent, skipped = send_review_reminders()
        self.stdout.write(f"Sent {sent} reminder(s); {skipped} reviewer(s) already reminded today.")
