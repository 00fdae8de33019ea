"""Publishing signals: what changed for readers, sent from whichever process made the change.

Wagtail's names and arguments. ``sender`` is the page's model, ``instance`` the page:

- ``page_published`` (also ``revision``): a revision became what readers see — the admin's
  publish, cron's ``publish_scheduled``, ``import_content --publish``, or ``page.publish()``
  in a shell;
- ``page_unpublished``: a live page went offline;
- ``page_archived``: a page was archived (it leaves every public view);
- ``page_restored``: an archived page came back, unpublished.

They are sent by ``RevisionedPage.publish()`` and ``editorial.workflow`` at the end of the
change, inside its transaction — as Django's ``post_save`` and Wagtail's signals are — so a
receiver that keeps database rows in step (the article lists) commits or rolls back with the
change itself. A receiver whose work leaves the database (caches, search index, CDN purge)
must wait for the commit with ``transaction.on_commit()``: a rolled-back publish then never
reaches readers, and what runs sees the committed rows. Receivers are connected in the
apps' ``AppConfig.ready()``, so they run in web workers, commands and shells alike.
"""

from django.dispatch import Signal

page_published = Signal()
page_unpublished = Signal()
page_archived = Signal()
page_restored = Signal()

PUBLISHING_SIGNALS = (page_published, page_unpublished, page_archived, page_restored)
