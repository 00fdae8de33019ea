"""Read a form out of an admin page as the browser would send it (hidden fields included)."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.found, self.data = action, False, False, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("action") == self.action and not self.found:
            self.inside = self.found = True
        elif tag == "input" and self.inside and attrs.get("name"):
            self.data[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def form_fields(html: str, action: str) -> dict[str, str]:
    """The named inputs of the first form posting to ``action``; fails if there is none."""
    reader = _FormReader(action)
    reader.feed(html)
    assert reader.found, f"no form posts to {action}"
    return reader.data
