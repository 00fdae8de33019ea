"""Finding 8: export_content refuses to write through symbolic links in the target folder."""

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_a_planted_file_link_is_not_followed(tmp_path, make_article):
    make_article("tolerance")
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    target = tmp_path / "export"
    (target / "articles").mkdir(parents=True)
    (target / "articles" / "tolerance.md").symlink_to(outside)
    with pytest.raises(CommandError, match="symbolic link"):
        call_command("export_content", str(target))
    assert outside.read_text() == "keep me"


def test_a_linked_kind_folder_is_not_written_into(tmp_path, make_article):
    make_article("tolerance")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = tmp_path / "export"
    target.mkdir()
    (target / "articles").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(CommandError, match="symbolic link"):
        call_command("export_content", str(target))
    assert list(elsewhere.iterdir()) == []


def test_an_ordinary_export_still_overwrites_its_own_files(tmp_path, make_article):
    make_article("tolerance")
    call_command("export_content", str(tmp_path))
    (tmp_path / "articles" / "tolerance.md").write_text("old")
    call_command("export_content", str(tmp_path))
    assert (tmp_path / "articles" / "tolerance.md").read_text().startswith("---\ntitle:")
