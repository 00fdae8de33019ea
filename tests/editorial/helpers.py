"""Small helpers shared by the editorial tests."""

from django.urls import reverse


def admin_url(page, name, *args):
    opts = page._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=[page.pk, *args])


def reload(page):
    return type(page).objects.get(pk=page.pk)
