"""The hosted site in real Chromium over http://127.0.0.1: pages open, links work, nothing leaves the host."""

import pytest
from urllib.parse import urlparse


@pytest.mark.parametrize("which", ["site", "hiring_site"])
def test_home_to_entry_and_back(which, request, serve, page):
    folder = request.getfixturevalue(which)
    base = serve(folder)
    page.goto(base)
    overview = page.locator(".kb-overview a[href*='/']").filter(has_text=":").first
    title = overview.inner_text()
    overview.click()
    page.wait_for_load_state()
    entry_id = title.split(":")[0]
    assert page.locator("h1").inner_text().startswith(entry_id)
    assert page.locator("#avoid").is_visible()
    page.locator(".kb-facts a").first.click()  # its category page
    page.wait_for_load_state()
    assert page.locator(f"article a:has-text('{entry_id}:')").count() == 1
    hosts = {urlparse(u).netloc for u in page.recorder.urls}
    assert hosts == {urlparse(base).netloc}, hosts
    assert page.recorder.errors == []
