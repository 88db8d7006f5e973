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


def test_all_entries_table_sorts_by_any_column(site, serve, page):
    page.goto(serve(site) + "pitfalls/")
    ids = lambda: page.locator(".kb-sortable tbody tr td:first-child").all_inner_texts()  # noqa: E731
    severities = lambda: page.locator(".kb-sortable tbody tr td:nth-child(4)").all_inner_texts()  # noqa: E731
    numbers = [int(i.split("-")[1]) for i in ids()]
    assert numbers == sorted(numbers)  # generated in id order: OP-9 before OP-10
    severity = page.get_by_role("button", name="Severity")
    severity.click()
    order = {"Low": 1, "Medium": 2, "High": 3}
    assert [order[s] for s in severities()] == sorted(order[s] for s in severities())
    assert page.locator("th[aria-sort='ascending']").inner_text().startswith("Severity")
    severity.press("Enter")  # a real button: the keyboard works too
    assert severities()[0] == "High" and severities()[-1] == "Low"
    assert page.locator("th[aria-sort='descending']").inner_text().startswith("Severity")
    page.get_by_role("button", name="Id").click()
    assert [int(i.split("-")[1]) for i in ids()] == sorted(numbers)
    assert page.locator("thead th[aria-sort]").count() == 1
    assert page.recorder.errors == []


PAGE_KINDS = ["", "pitfalls/", "pitfalls/op-12/", "categories/managing/", "sources/", "about/", "data/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_any_kind_of_page(site, serve, browser, scheme):
    from axe_playwright_python.sync_playwright import Axe

    base, axe = serve(site), Axe()
    page = browser.new_page(color_scheme=scheme)
    try:
        for path in PAGE_KINDS:
            page.goto(base + path)
            report = axe.run(page)
            assert report.violations_count == 0, (path, report.generate_report())
    finally:
        page.close()
