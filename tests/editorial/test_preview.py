"""A reviewer previews a revision and sees the page readers would get (issue 15, defect 2).

A preview is the public template with the public context, built by the same function as
the public view from the page as publishing the revision would leave it; only a banner and
the noindex bits are added. So each preview here is compared, as normalised HTML, with the
public page once that revision is published.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from articles.models import Topic
from editorial import workflow
from tests.editorial.helpers import admin_url, reload

pytestmark = pytest.mark.django_db

MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)?")


def without_preview_marks(html: str) -> str:
    """The page with the preview's banner, noindex and banner style taken out, normalised.

    Timestamps (JSON-LD's dateModified: the moment of publishing, which a preview can only
    guess) become one token; whitespace between and inside tags is collapsed.
    """
    html = re.sub(r'<div class="preview-banner".*?</div>', "", html, flags=re.S)
    html = html.replace('<meta name="robots" content="noindex, nofollow">', "")
    html = re.sub(r'<link rel="stylesheet" href="[^"]*/editorial/preview\.css">', "", html)
    html = MOMENT.sub("<moment>", html)
    return re.sub(r">\s+<", "><", " ".join(html.split()))


def public_html(path: str, settings) -> str:
    response = Client().get(path)
    assert response.status_code == 200, path
    return without_preview_marks(response.text)


def preview(client, page, revision):
    response = client.get(admin_url(reload(page), "preview", revision.pk))
    assert response.status_code == 200
    assert 'class="preview-banner"' in response.text
    return response


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Readers' pages freshly rendered: these tests compare rendering, not cache freshness."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def topics(db):
    return [Topic.objects.create(title=title, slug=slug, summary=f"About {slug}.", position=n,
                                 about_type="Drug" if slug == "clonazepam" else "",
                                 about_name="Clonazepam" if slug == "clonazepam" else "")
            for n, (title, slug) in enumerate([("Dependence", "dependence"),
                                               ("Clonazepam", "clonazepam"),
                                               ("Withdrawal", "withdrawal")])]


@pytest.fixture
def signed_in_reviewer(client, reviewer, login_staff):
    login_staff(client, reviewer)
    return client


def test_a_reviewer_can_preview_an_article_that_has_topics(make_article, topics, author, edit,
                                                           signed_in_reviewer):
    """Every bundled article has a topic; its preview used to be a 500."""
    client = signed_in_reviewer
    article = make_article("tolerance", topics=topics[:2])
    draft = edit(article, author, title="Draft title")
    client.raise_request_exception = False
    response = client.get(admin_url(reload(article), "preview", draft.pk))
    assert response.status_code == 200
    assert "<h1>Draft title</h1>" in response.text


def test_a_revision_saved_without_topics_previews_with_the_articles_topics(
        make_article, topics, signed_in_reviewer):
    """Content from before topics travelled in revisions: the saved topics are shown."""
    from editorial.models import Revision

    article = make_article("tolerance", topics=topics[:1])
    content = {k: v for k, v in article.latest_revision.content.items() if k != "topics"}
    old = Revision.objects.create(content_type=article.latest_revision.content_type,
                                  object_id=article.pk, content={**content, "title": "Old"})
    shown = preview(signed_in_reviewer, article, old)
    assert "<h1>Old</h1>" in shown.text and 'href="/topics/dependence/"' in shown.text


def test_every_revision_of_an_article_with_topics_previews_as_it_is_published(
        make_article, make_term, topics, author, edit, signed_in_reviewer, settings):
    make_term("tolerance", short="Needing more for the same effect.")
    make_article("neighbour-one", title="Neighbour one", topics=topics[:1])
    make_article("neighbour-two", title="Neighbour two", topics=topics[1:])
    body = "## Part {n}\n\nAbout tolerance.\n\n## More\n\nWords.\n\n## Last\n\nEnd.\n"
    article = make_article("as-prescribed", title="First title", topics=topics[:2],
                           body=body.format(n=1))
    revisions = [article.live_revision]
    revisions.append(edit(reload(article), author, title="Second title", topics=["withdrawal"],
                          body=body.format(n=2), notices=["dont-stop-suddenly"]))
    revisions.append(edit(reload(article), author, topics=["clonazepam", "dependence"],
                          key_points=["A new point."], glossary_exclude=["tolerance"]))
    revisions.append(edit(reload(article), author, title="No topics", topics=[],
                          body="Short.\n"))
    for number, revision in enumerate(revisions):
        shown = preview(signed_in_reviewer, article, revision)
        if number == 0:
            assert "Neighbour one" in shown.text and "Neighbour two" in shown.text
            assert 'href="/glossary/tolerance/"' in shown.text
        if number:  # the first is already live
            assert f"Preview of revision {revision.pk}, not live" in shown.text
            reload(article).publish(revision, actor_label="test")
        else:
            assert f"Preview of revision {revision.pk}, the live revision" in shown.text
        path = reload(article).get_absolute_url()
        assert without_preview_marks(shown.text) == public_html(path, settings), revision.pk


def test_an_approved_revision_previews_with_the_review_readers_will_see(
        approved_draft, topics, publisher, signed_in_reviewer, settings):
    article = reload(approved_draft)
    shown = preview(signed_in_reviewer, article, article.latest_revision)
    assert "Reviewed by Dr Ada Reviewer, MD, psychiatry" in shown.text
    assert "<h1>Reviewed title</h1>" in shown.text
    workflow.publish(reload(article), user=publisher)
    assert without_preview_marks(shown.text) == public_html("/articles/tolerance/", settings)


def test_a_draft_previews_as_not_yet_reviewed_even_when_the_live_page_is(
        approved_draft, publisher, author, edit, signed_in_reviewer):
    """A review belongs to the revision it approved: a later draft has none to show."""
    workflow.publish(reload(approved_draft), user=publisher)
    draft = edit(reload(approved_draft), author, title="Unreviewed draft")
    shown = preview(signed_in_reviewer, approved_draft, draft)
    assert "Not yet clinically reviewed" in shown.text
    assert "Reviewed by" not in shown.text


def test_every_revision_of_a_term_with_aliases_and_related_terms_previews_as_published(
        make_term, make_article, author, edit, signed_in_reviewer, settings,
        django_capture_on_commit_callbacks):
    make_term("withdrawal", short="What happens when the dose goes down.")
    make_term("dependence", short="The body gets used to a medicine.")
    make_term("rebound-insomnia", term="rebound insomnia", short="Worse sleep for a while.")
    term = make_term("tolerance", aliases=["tolerant"], related=["dependence"],
                     short="Needing more for the same effect.",
                     definition="Linked to withdrawal.\n")
    with django_capture_on_commit_callbacks(execute=True):  # backlinks are found on commit
        make_article("uses-it", title="Uses it", body="About tolerance.\n")
    revisions = [term.live_revision]
    revisions.append(edit(reload(term), author, aliases=["tolerant", "drug tolerance"],
                          related=["dependence", "withdrawal"],
                          definition="Also see rebound insomnia.\n"))
    revisions.append(edit(reload(term), author, aliases=[], related=["rebound-insomnia"],
                          short_definition="A new plain sentence."))
    for number, revision in enumerate(revisions):
        shown = preview(signed_in_reviewer, term, revision)
        if number == 1:
            assert "Also called: tolerant, drug tolerance" in shown.text
            assert 'href="/glossary/withdrawal/"' in shown.text  # a related term
            assert 'href="/articles/uses-it/"' in shown.text  # an article that uses it
        if number:
            reload(term).publish(revision, actor_label="test")
        assert without_preview_marks(shown.text) == public_html("/glossary/tolerance/",
                                                                 settings), revision.pk
    assert '"alternateName"' not in shown.text  # the last revision has no aliases


def test_a_term_preview_has_the_public_structured_data(make_term, author, edit,
                                                       signed_in_reviewer):
    term = make_term("tolerance", aliases=["tolerant"])
    draft = edit(reload(term), author, aliases=["tolerant", "drug tolerance"])
    html = preview(signed_in_reviewer, term, draft).text
    assert '"alternateName": ["tolerant", "drug tolerance"]' in html
    assert '"inDefinedTermSet": "http' in html


def test_every_revision_of_a_page_previews_as_it_is_published(make_page_revisions,
                                                              signed_in_reviewer, settings):
    page, revisions = make_page_revisions
    for number, revision in enumerate(revisions):
        shown = preview(signed_in_reviewer, page, revision)
        if number:
            reload(page).publish(revision, actor_label="test")
        assert without_preview_marks(shown.text) == public_html("/about/", settings)


@pytest.fixture
def make_page_revisions(db, author, edit, settings):
    from editorial.models import Revision
    from pages.models import Page

    settings.PUBLISHER_NAME = "Example Trust"
    page = Page(slug="about")
    first = page.save_revision(source=Revision.Source.IMPORT, content={
        "title": "About us", "slug": "about", "summary": "Who we are.",
        "body": "## Who we are\n\nPublished by {{ publisher_name }}.\n", "language": "en"})
    page.publish(first, actor_label="test")
    second = edit(reload(page), author, title="About this site",
                  body="## Who we are\n\nWe are {{ publisher_name }}.\n\n## Money\n\nNone.\n")
    return page, [first, second]


def test_preview_is_refused_to_staff_without_the_preview_permission(make_article, topics,
                                                                    client, login_staff):
    article = make_article("tolerance", topics=topics)
    nobody = get_user_model().objects.create_user("no-role", password="x" * 20, is_staff=True)
    login_staff(client, nobody)
    response = client.get(admin_url(article, "preview", article.latest_revision_id))
    assert response.status_code == 403
    assert "<h1>" not in response.text or "Tolerance" not in response.text


def test_anonymous_preview_goes_to_the_admin_sign_in(make_article, topics, client):
    article = make_article("tolerance", topics=topics)
    response = client.get(admin_url(article, "preview", article.latest_revision_id))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_preview_is_never_cached_nor_indexed(make_article, topics, author, edit,
                                               signed_in_reviewer):
    article = make_article("tolerance", topics=topics)
    draft = edit(reload(article), author, title="Draft title")
    response = preview(signed_in_reviewer, article, draft)
    cache_control = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control and "public" not in cache_control
    assert response["X-Robots-Tag"].startswith("noindex")
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    assert "Draft title" not in Client().get("/articles/tolerance/").text
