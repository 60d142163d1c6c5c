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
    """Until the page is ready and its map and graph, where it has them, drawn. A page's map
    and graph are built when they come near the screen, so they are scrolled to, as a reader
    would."""
    page.wait_for_function("() => document.body.dataset.ready === '1'", timeout=timeout)
    if page.locator(".map-frame[data-libs]").count() and not page.evaluate("() => !!KTS.map"):
        page.locator(".map-frame[data-libs]").scroll_into_view_if_needed()
        page.wait_for_function("() => !!KTS.map", timeout=timeout)
    settle_map(page)
    if not page.locator("#graph").count():
        return
    # A graph behind the switch (Karte | Netzwerk) says "drawn" once the start has seen it
    # hidden; one on the page is drawn when scrolled to.
    if (
        page.evaluate("() => !document.getElementById('graph').dataset.drawn")
        and page.locator("#graph").is_visible()
    ):
        page.locator("#graph").scroll_into_view_if_needed()
    page.wait_for_function(
        "() => document.getElementById('graph').dataset.drawn !== undefined", timeout=timeout
    )


def settle_map(page) -> None:
    """Offline, the map's tiles fail and a line below the map says so; the map then shrinks
    and is drawn again. Wait for that line (briefly: a hidden map asks for no tiles), so that
    what a test measures on the map stays put."""
    import contextlib

    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):  # no tile was asked for: nothing will change
        page.wait_for_function(
            "() => !window.KTS || !KTS.map || document.getElementById('map-status').textContent",
            timeout=2000,
        )


def show_graph(page) -> None:
    """Switch to the graph where map and graph share one view, and wait until it is drawn."""
    tab = page.locator("#tab-netzwerk")
    if tab.count() and tab.is_visible() and not page.locator("#graph").is_visible():
        tab.click()
    # A hidden graph says "drawn" at once (nothing is drawn until it shows): wait for the real one.
    page.wait_for_function(
        "() => window.KTS && KTS.network && document.getElementById('graph').dataset.drawn"
        " && KTS.network.body.nodeIndices.length + 1 > 0"
    )
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def show_map(page) -> None:
    """Switch back to the map where map and graph share one view."""
    tab = page.locator("#tab-karte")
    if tab.count() and tab.is_visible() and not page.locator(".map-frame").is_visible():
        tab.click()
