"""What readers look for and don't find: counted by words alone, per day, kept for a while."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from search.models import SearchQueryCount

pytestmark = pytest.mark.django_db


def test_a_search_is_counted_by_its_normalised_words_with_its_result_count(client, article):
    article("tapering", title="Tapering", body="Slowly.")
    client.get("/search/?q=  TAPERING  ", HTTP_USER_AGENT="Secret/1.0",
               REMOTE_ADDR="203.0.113.9")
    client.get("/search/?q=tapering")
    row = SearchQueryCount.objects.get()
    assert (row.query, row.searches, row.results, row.day) == (
        "tapering", 2, 1, timezone.localdate())
    stored = " ".join(str(v) for v in SearchQueryCount.objects.values_list())
    assert "203.0.113.9" not in stored and "Secret" not in stored


def test_searches_are_counted_even_with_the_page_cache_on(client, settings, article):
    settings.PAGE_CACHE_SECONDS = 60
    article("tapering", title="Tapering", body="Slowly.")
    for _ in range(3):
        client.get("/search/?q=nothingmatcheshere")
    assert SearchQueryCount.objects.get().searches == 3


def test_counting_sets_no_cookie_and_keeps_the_page_public(client):
    response = client.get("/search/?q=zzqqx")
    assert not response.cookies
    assert "private" not in response.get("Cache-Control", "")


def test_the_next_page_of_results_is_not_a_new_search(client, article):
    for number in range(12):
        article(f"taper-{number}", title=f"Tapering {number}", body="Slowly.")
    client.get("/search/?q=tapering")
    client.get("/search/?q=tapering&page=2")
    assert SearchQueryCount.objects.get().searches == 1


def test_old_counts_are_purged_by_the_command_and_on_write(client, settings):
    settings.SEARCH_LOG_RETENTION_DAYS = 90
    today = timezone.localdate()
    SearchQueryCount.objects.create(day=today - timedelta(days=91), query="old", searches=1)
    SearchQueryCount.objects.create(day=today - timedelta(days=89), query="recent", searches=1)
    call_command("purge_search_log", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(SearchQueryCount.objects.values_list("query", flat=True)) == ["recent"]
    SearchQueryCount.objects.create(day=today - timedelta(days=100), query="older", searches=1)
    from search import querylog
    querylog._last_purge = None
    client.get("/search/?q=anything")
    assert set(SearchQueryCount.objects.values_list("query", flat=True)) == {"recent",
                                                                              "anything"}


@pytest.fixture
def author_client(client, django_user_model, login_staff):
    from django.contrib.auth.models import Group

    from editorial.roles import AUTHOR
    user = django_user_model.objects.create_user("author", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=AUTHOR))
    return login_staff(client, user)


def test_authors_see_top_queries_with_no_or_few_results(author_client):
    today = timezone.localdate()
    SearchQueryCount.objects.create(day=today, query="gabapentin taper", searches=7, results=0)
    SearchQueryCount.objects.create(day=today, query="tapering", searches=50, results=12)
    SearchQueryCount.objects.create(day=today - timedelta(days=1), query="gabapentin taper",
                                    searches=3, results=0)
    page = author_client.get("/admin/search/searchquerycount/").content.decode()
    table = page.split('class="search-poor-queries"')[1].split("</table>")[0]
    assert "gabapentin taper" in table and "<td>10</td>" in table
    assert "tapering</a>" not in table


def test_privacy_page_states_what_searches_keep_and_for_how_long(client, settings):
    settings.SEARCH_LOG_RETENTION_DAYS = 45
    call_command("import_content", "content/pages", publish=True, verbosity=0)
    page = client.get("/privacy/").content.decode()
    assert "When you search" in page and "after 45 days" in page
