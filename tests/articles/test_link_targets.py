"""Finding 8: backslash links can't reach another host; images come only from the site."""

import re

import pytest

from core.markdown import render_markdown


@pytest.mark.parametrize("target", ["\\\\evil.example", "/\\evil.example", "\\/evil.example",
                                    " \\\\evil.example/x", "\\\\\\evil.example"])
def test_a_backslash_link_is_an_honest_external_link_not_a_hidden_one(target):
    html = render_markdown(f"[our page]({target})")
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs, html
    for href in hrefs:
        assert "\\" not in href
        # Either a plain https:// address (visibly external) or a path on this site.
        assert href.startswith("https://") or (href.startswith("/") and not href.startswith("//"))


@pytest.mark.parametrize("src", ["https://tracker.example/pixel.png", "http://x.example/a.png",
                                 "//cdn.example/a.png", "/\\cdn.example/a.png"])
def test_external_images_are_refused(src):
    html = render_markdown(f"![a picture]({src})")
    assert "src=" not in html
    assert "example" not in html


@pytest.mark.parametrize("html_source", ['<img src="\\\\cdn.example/a.png" alt="x">',
                                         '<img src="https://cdn.example/a.png" alt="x">'])
def test_external_images_in_raw_html_are_refused(html_source):
    assert "cdn.example" not in render_markdown(html_source)


@pytest.mark.parametrize("html_source", ['<a href="\\\\evil.example">x</a>',
                                         '<a href="/\\evil.example">x</a>'])
def test_backslash_links_in_raw_html_are_visibly_external(html_source):
    html = render_markdown(html_source)
    assert 'href="https://evil.example"' in html


def test_uploaded_images_are_kept():
    html = render_markdown("![A chart](/media/editor/0123456789abcdef0123456789abcdef.png)")
    assert 'src="/media/editor/0123456789abcdef0123456789abcdef.png"' in html


def test_images_from_the_media_domain_are_kept(settings):
    settings.AWS_S3_CUSTOM_DOMAIN = "media.benzo.example.org"
    html = render_markdown("![A chart](https://media.benzo.example.org/editor/a.png)")
    assert 'src="https://media.benzo.example.org/editor/a.png"' in html
