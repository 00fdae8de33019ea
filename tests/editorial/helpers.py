"""Small helpers shared by the editorial tests."""

from django.urls import reverse


def admin_url(page, name, *args):
    opts = page._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=[page.pk, *args])


def reload(page):
    return type(page).objects.get(pk=page.pk)


def seen(revision):
    """What a workflow form says about the revision it acts on (its id and content hash)."""
    if revision is None:
        return {}
    return {"revision": str(revision.pk), "content_hash": revision.content_hash}
