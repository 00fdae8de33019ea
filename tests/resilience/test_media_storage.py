"""Media on S3-compatible storage when a bucket is configured, so every instance shares it."""

import os
import subprocess
import sys

from tests.support.live_site import ROOT

S3_ENV = {
    "DJANGO_ENV": "local", "AWS_STORAGE_BUCKET_NAME": "benzo-media",
    "AWS_S3_ENDPOINT_URL": "https://objects.example.org", "AWS_S3_REGION_NAME": "eu-west-1",
    "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
}


def run_in_site(code, env, tmp_path):
    base = {k: v for k, v in os.environ.items()
            if not k.startswith("AWS_") and k not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}}
    return subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT,
                          env={**base, "VAR_DIR": str(tmp_path), **env}, capture_output=True,
                          text=True, timeout=120)


def test_media_uses_the_local_file_system_without_a_bucket(tmp_path):
    code = "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    result = run_in_site(code, {"DJANGO_ENV": "local"}, tmp_path)
    assert result.stdout.split()[-1] == "django.core.files.storage.FileSystemStorage", (
        result.stderr)


def test_media_goes_to_the_s3_compatible_bucket_when_one_is_configured(tmp_path):
    code = "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    result = run_in_site(code, S3_ENV, tmp_path)
    assert result.stdout.split()[-1] == "storages.backends.s3.S3Storage", result.stderr


def test_s3_media_urls_are_public_and_on_the_media_domain(tmp_path):
    """The ``s3`` extra is in the dev dependencies; building a URL makes no network request."""
    code = "from django.core.files.storage import default_storage as s; print(s.url('a/b.png'))"
    result = run_in_site(code, S3_ENV, tmp_path)
    assert result.stdout.split()[-1] == "https://media.example.org/a/b.png", result.stderr
