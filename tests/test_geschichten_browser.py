"""Geschichten in Chromium, offline, on the shipped content: both stories from the first
screen at 1400×900 and 390×844, each step's fact in view, Weiter, Zurück, Beenden, a shared
address, the keyboard alone, axe with a story open. Prints the activations per story."""

from __future__ import annotations

import pytest

from tests import a11y
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

SIZES = [(1400, 900), (390, 844)]

# Per story and step: the Kommunen whose points must be on the screen (not under a sheet),
# texts the list of Verbindungen names, the selected Kommune's name in the details, and what
# else the step is about.
FACTS = {
    "inspiration-bayern": [
        {"map": ["ringelai", "bamberg"], "list": ["Bamberg"], "details": "Gemeinde Ringelai"},
        {"map": ["regensburg", "wien"], "list": ["Wien"], "details": "Regensburg"},
        {"map": ["wien", "utrecht"], "list": ["Wien", "Utrecht"]},
        {"map": ["regensburg"], "hub": "Regensburg"},
        {"map": ["regensburg"], "list": ["Energiezwilling"], "details": "Regensburg"},
        {"map": ["ringelai", "grafenau"], "weg": "Grafenau", "details": "Gemeinde Ringelai"},
        {"map": ["regensburg"], "details": "Regensburg", "kontakt": "regensburg.de/r-next"},
    ],
    "transfer-brandenburg": [
        {"map": ["bad-belzig"], "list": ["Bad Belzig-App"], "details": "Bad Belzig"},
        {
            "map": ["bad-belzig", "rostock"],
            "list": ["Rostock"],
            "weg": "Rostock",
            "details": "Bad Belzig",
        },
        {
            "map": ["frankfurt-oder", "bad-belzig"],
            "list": ["Bad Belzig"],
            "details": "Frankfurt (Oder)",
        },
        {"map": ["cottbus", "bad-belzig"], "list": ["Bad Belzig"], "details": "Cottbus"},
        {
            "map": ["bad-belzig", "landkreis-havelland", "hagenow"],
            "list": ["Landkreis Havelland", "Hagenow"],
            "details": "Bad Belzig",
        },
    ],
}


@pytest.fixture
def dashboard(offline_page, shipped_site):
    """A factory: the shipped dashboard at a size, with axe, opened at an address."""

    def make(width: int, height: int, fragment: str = ""):
        wrapper = offline_page(width=width, height=height)
        a11y.install_axe(wrapper.page.context)
        wrapper.open(shipped_site / "index.html", fragment)
        return wrapper

    return make


class Counter:
    """Clicks that count: the activations a reader needs."""

    def __init__(self, page) -> None:
        self.page = page
        self.n = 0

    def click(self, selector: str) -> None:
        self.page.locator(selector).click()
        self.n += 1
        settle(self.page)


def settle(page) -> None:
    """Until the step's view is drawn and map and page have come to rest in their new frame
    (the same centre, zoom and scroll over 150 ms, no animation running)."""
    state = """() => { const m = KTS.map; if (!m) return String(scrollY);
        const busy = m._animatingZoom || (m._panAnim && m._panAnim._inProgress);
        const c = m.getCenter();
        return busy ? Math.random() : [c.lat, c.lng, m.getZoom(), scrollY].join(); }"""
    before = page.evaluate(state)
    for _ in range(40):
        page.wait_for_timeout(150)
        now = page.evaluate(state)
        if now == before:
            return
        before = now
    raise AssertionError("the map did not come to rest")


def in_viewport(page, selector: str) -> bool:
    """The element lies wholly within the window, as it is scrolled now."""
    return page.evaluate(
        """s => { const r = document.querySelector(s).getBoundingClientRect();
                  return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight
                         && r.right <= innerWidth; }""",
        selector,
    )


def uncovered(page, selector: str) -> bool:
    """The middle of the element is the element itself (no sheet or menu lies over it)."""
    return page.evaluate(
        """s => { const e = document.querySelector(s), r = e.getBoundingClientRect();
                  const x = r.left + r.width / 2, y = r.top + Math.min(r.height / 2, 12);
                  const hit = document.elementFromPoint(x, y);
                  return !!hit && e.contains(hit); }""",
        selector,
    )


def off_screen(page, ids: list[str]) -> list[str]:
    """Of these Kommunen, those whose point is not visible on the map (outside it, outside
    the window, or under something that covers the map)."""
    return page.evaluate(
        """ids => ids.filter(id => {
             const K = KTS.data.K, i = K.id.indexOf(id), map = KTS.map;
             const p = map.latLngToContainerPoint([K.lat[i], K.lon[i]]);
             const box = map.getContainer().getBoundingClientRect();
             const x = box.left + p.x, y = box.top + p.y;
             if (x < box.left || x > box.right || y < box.top || y > box.bottom) return true;
             if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return true;
             const hit = document.elementFromPoint(x, y);
             return !hit || !map.getContainer().contains(hit);
           })""",
        ids,
    )


def check_step(page, story: dict, n: int, width: int) -> None:
    """Step n (from 1) is shown: panel, its text readable beside the map, its view, its fact."""
    steps = story["schritte"]
    assert page.locator("#geschichte-stand").text_content() == f"Schritt {n} von {len(steps)}"
    assert page.locator("#geschichte-text").text_content() == steps[n - 1]["text"]
    assert page.locator("#geschichte-titel").text_content() == story["titel"]
    assert in_viewport(page, "#geschichte") and uncovered(page, "#geschichte-text")
    # The view is the step's, as the dashboard itself writes it; the address names the step.
    assert page.evaluate("KTS.hashOf(KTS.state)") == steps[n - 1]["ansicht"]
    assert page.evaluate("location.hash").endswith(f"geschichte={story['id']}&schritt={n}")
    fact = FACTS[story["id"]][n - 1]
    missing = off_screen(page, fact["map"])
    assert not missing, f"{story['id']} Schritt {n} at {width}: not on the screen: {missing}"
    listed = page.locator("#result-list").text_content()
    for text in fact.get("list", []):
        assert text in listed, (story["id"], n, text)
        if width > 1000:  # beside the map; on a phone the list is a tab of its own
            assert page.locator("#result-list li", has_text=text).first.is_visible()
    if "details" in fact:
        assert page.locator("#details").is_visible()
        assert fact["details"] in page.locator("#details-titel").text_content()
    else:
        assert "k=" not in steps[n - 1]["ansicht"] and page.locator("#details").is_hidden()
    if "weg" in fact:
        assert fact["weg"] in page.locator("#weg-liste").text_content()
    if "hub" in fact:
        assert page.locator("#hub-list li").first.text_content().startswith(fact["hub"])
    if "kontakt" in fact:
        link = page.locator("#details a", has_text="Kontakt aufnehmen")
        assert fact["kontakt"] in link.get_attribute("href")
        link.scroll_into_view_if_needed()
        assert link.is_visible()


def stories(page) -> dict[str, dict]:
    return {s["id"]: s for s in page.evaluate("KTS.stories.list")}


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("story_id", list(FACTS))
def test_a_story_runs_from_the_first_screen(dashboard, width, height, story_id):
    wrapper = dashboard(width, height)
    page = wrapper.page
    story = stories(page)[story_id]
    assert len(story["schritte"]) == len(FACTS[story_id])
    page.evaluate("window.scrollTo(0, 0)")
    assert in_viewport(page, "#geschichten-toggle"), "Geschichten not on the first screen"
    clicks = Counter(page)
    clicks.click("#geschichten-toggle")
    assert page.locator("#geschichten-toggle").get_attribute("aria-expanded") == "true"
    clicks.click(f"button.geschichte-start[data-geschichte='{story_id}']")
    started = clicks.n
    assert started <= 3
    check_step(page, story, 1, width)
    for n in range(2, len(story["schritte"]) + 1):
        clicks.click("#geschichte-weiter")
        check_step(page, story, n, width)
    per_step = (clicks.n - started) / (len(story["schritte"]) - 1)
    assert per_step == 1
    print(
        f"\n{story_id} {width}×{height}: Start {started} Aktivierungen, dann {per_step:g} "
        f"je Schritt, {clicks.n} für alle {len(story['schritte'])} Schritte"
    )
    # Weiter does nothing on the last step; Zurück goes one back, Weiter forth again.
    assert page.locator("#geschichte-weiter").get_attribute("aria-disabled") == "true"
    page.locator("#geschichte-weiter").click(force=True)
    settle(page)
    check_step(page, story, len(story["schritte"]), width)
    clicks.click("#geschichte-zurueck")
    check_step(page, story, len(story["schritte"]) - 1, width)
    clicks.click("#geschichte-weiter")
    check_step(page, story, len(story["schritte"]), width)
    # Beenden: the free view of before (here: none), the panel gone, focus on Geschichten.
    clicks.click("#geschichte-beenden")
    assert page.locator("#geschichte").is_hidden()
    assert page.evaluate("KTS.hashOf(KTS.state)") == ""
    assert page.evaluate("location.hash.replace('#', '')") == ""
    assert page.evaluate("document.activeElement.id") == "geschichten-toggle"
    assert not wrapper.errors
    assert all("tile." in url for url in wrapper.external)  # only the map's tiles ask out


def test_beenden_returns_to_the_view_before_the_story(dashboard):
    page = dashboard(1400, 900, "#hf=bildung&k=ulm").page
    page.locator("#geschichten-toggle").click()
    page.locator("button.geschichte-start[data-geschichte='transfer-brandenburg']").click()
    settle(page)
    page.locator("#geschichte-weiter").click()
    settle(page)
    page.locator("#geschichte-beenden").click()
    settle(page)
    assert page.evaluate("KTS.hashOf(KTS.state)") == "hf=bildung&k=ulm"
    assert page.locator("#details-titel").text_content() == "Ulm"


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_shared_address_opens_its_step(dashboard, width, height):
    wrapper = dashboard(width, height, "#geschichte=inspiration-bayern&schritt=3")
    page = wrapper.page
    settle(page)
    story = stories(page)["inspiration-bayern"]
    check_step(page, story, 3, width)
    # The browser's Back goes to the step before.
    page.locator("#geschichte-weiter").click()
    settle(page)
    check_step(page, story, 4, width)
    page.go_back()
    settle(page)
    check_step(page, story, 3, width)
    assert not wrapper.errors


def test_an_address_beyond_the_steps_opens_the_last(dashboard):
    page = dashboard(1400, 900, "#geschichte=transfer-brandenburg&schritt=99").page
    settle(page)
    check_step(page, stories(page)["transfer-brandenburg"], 5, 1400)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_keyboard_alone_runs_a_story(dashboard, width, height):
    page = dashboard(width, height).page
    active = "document.activeElement.id || document.activeElement.className"
    # Tab from the page's start reaches Geschichten.
    page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate(active) == "geschichten-toggle":
            break
    assert page.evaluate(active) == "geschichten-toggle"
    page.keyboard.press("Enter")
    assert page.locator("#geschichten-menu").is_visible()
    page.keyboard.press("Escape")  # closes the menu, focus stays on its button
    assert page.locator("#geschichten-menu").is_hidden()
    assert page.evaluate(active) == "geschichten-toggle"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(active) == "geschichte-start"
    page.keyboard.press("Enter")
    settle(page)
    story = stories(page)["inspiration-bayern"]
    assert page.evaluate(active) == "geschichte-titel"  # the panel's heading: read first
    check_step(page, story, 1, width)
    page.keyboard.press("Tab")
    assert page.evaluate(active) == "geschichte-zurueck"
    page.keyboard.press("Tab")
    assert page.evaluate(active) == "geschichte-weiter"
    page.keyboard.press("Enter")
    settle(page)
    check_step(page, story, 2, width)
    assert page.evaluate(active) == "geschichte-weiter"  # Enter again: the next step
    page.keyboard.press("Enter")
    settle(page)
    check_step(page, story, 3, width)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    settle(page)
    check_step(page, story, 2, width)
    # Escape in the panel ends the story (not the details' Escape as well: it is the same key).
    page.keyboard.press("Escape")
    settle(page)
    assert page.locator("#geschichte").is_hidden()
    assert page.evaluate(active) == "geschichten-toggle"
    assert page.evaluate("KTS.hashOf(KTS.state)") == ""


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_axe_finds_nothing_with_a_story_open(dashboard, width, height):
    page = dashboard(width, height).page
    page.locator("#geschichten-toggle").click()
    violations = a11y.run_axe(page)
    assert not violations, a11y.describe(violations)
    page.locator("button.geschichte-start[data-geschichte='inspiration-bayern']").click()
    settle(page)
    page.locator("#geschichte-weiter").click()
    settle(page)
    violations = a11y.run_axe(page)
    assert not violations, a11y.describe(violations)


def test_the_shipped_content_has_the_stories_this_test_knows():
    text = (ROOT / "content" / "geschichten.yaml").read_text("utf-8")
    assert all(f"- id: {story_id}" in text for story_id in FACTS)
