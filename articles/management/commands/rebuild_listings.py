from django.core.management.base import BaseCommand

from articles import listings
from articles.models import Listing


class Command(BaseCommand):
    help = ("Rebuild the article lists (all articles, each topic) from the live articles. "
            "Only needed after changes that bypassed the site, such as bulk inserts or raw SQL.")

    def handle(self, *args, **options):
        entries = listings.rebuild()
        self.stdout.write(self.style.SUCCESS(
            f"Listed {listings.all_articles_listing().article_count} live articles: "
            f"{entries} entries in {Listing.objects.count()} lists."))
