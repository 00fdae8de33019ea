"""Keep the listings (``articles.listings``) in step with every change readers could see.

``publish()`` saves the article's row; the workflow unpublishes, archives and restores with a
queryset ``update()`` (no ``post_save``), so the publishing signals (``editorial.signals``)
relist the article too. They are sent inside the change's transaction, so the lists commit or
roll back with it. Topics change through the many-to-many relation, from either side.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.dispatch import receiver

from articles import listings
from articles.models import Article, Topic
from editorial.signals import PUBLISHING_SIGNALS


@receiver(post_save, sender=Article)
def article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        listings.relist([instance.pk])


@receiver(PUBLISHING_SIGNALS, sender=Article)
def article_published_or_taken_offline(sender, instance, **kwargs):
    listings.relist([instance.pk])


@receiver(pre_delete, sender=Article)
def article_deleted(sender, instance, **kwargs):
    # Take it out of every list while it still counts: the entries would cascade uncounted.
    listings.relist([instance.pk], deleting=True)


@receiver(m2m_changed, sender=Article.topics.through)
def topics_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        # Which articles lose this topic: gone from the table by "post_clear".
        instance._articles_losing_topic = list(instance.articles.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove", "post_clear"):
        if not reverse:
            listings.relist([instance.pk])
        elif action == "post_clear":
            listings.relist(instance.__dict__.pop("_articles_losing_topic", []))
        else:
            listings.relist(pk_set or [])


@receiver(post_save, sender=Topic)
def topic_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        listings.topic_listings([instance.pk])
