"""How tests and benchmarks start Debian's Chromium (never a downloaded browser)."""

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps dialling out, which this closed
# network refuses; the rest keeps a headless run quiet and repeatable.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def wait_ready(page, timeout: int = 15000) -> None:
    """Until the page is ready and its graph, if it has one, drawn. A page's graph is built
    when it comes near the screen, so it is scrolled to, as a reader would."""
    page.wait_for_function("() => document.body.dataset.ready === '1'", timeout=timeout)
    if not page.locator("#graph").count():
        return
    if page.evaluate("() => !document.getElementById('graph').dataset.drawn"):
        page.locator("#graph").scroll_into_view_if_needed()
    page.wait_for_function(
        "() => document.getElementById('graph').dataset.drawn !== undefined", timeout=timeout
    )
