"""The dashboard's details name a Kommune's kontakt as "Kontakt aufnehmen" (issue 25, item 11):
a mailto: link for an e-mail address, the web address itself otherwise; none without one."""

from __future__ import annotations

import pytest

from generator.commands.build import build
from tests.conftest import TEMPLATES, edit

pytestmark = pytest.mark.browser


@pytest.fixture
def kontakt_site(tmp_path, content):
    """The mini fixture with a kontakt for Bamberg (e-mail) and Regensburg (web address)."""
    edit(content / "kommunen.csv", "ags,website\n", "ags,website,kontakt\n")
    edit(
        content / "kommunen.csv",
        "09461000,https://www.bamberg.de\n",
        "09461000,https://www.bamberg.de,smart-city@example.org\n",
    )
    edit(
        content / "kommunen.csv",
        "regensburg,Regensburg,grossstadt,DE,Bayern,49.0134,12.1016,ja,2021,,\n",
        'regensburg,Regensburg,grossstadt,DE,Bayern,49.0134,12.1016,ja,2021,,,"https://'
        'www.example.org/r-next?a=1&b=<2>"\n',
    )
    build(content, TEMPLATES, tmp_path / "dist")
    return tmp_path / "dist"


def _contact(page, kommune: str):
    page.evaluate(f"location.hash = 'k={kommune}'")
    page.wait_for_function(
        f"() => !document.getElementById('details').hidden && "
        f"document.getElementById('details-titel').textContent === '{kommune.title()}'"
    )
    return page.locator("#details-body a", has_text="Kontakt aufnehmen")


def test_the_details_show_kontakt_aufnehmen_for_a_kommune_with_kontakt(kontakt_site, offline_page):
    view = offline_page()
    page = view.page
    view.open(kontakt_site / "index.html")
    bamberg = _contact(page, "bamberg")
    assert bamberg.count() == 1
    assert bamberg.get_attribute("href") == "mailto:smart-city@example.org"
    assert bamberg.get_attribute("target") is None  # a mail program, not a new tab
    regensburg = _contact(page, "regensburg")
    assert regensburg.get_attribute("href") == "https://www.example.org/r-next?a=1&b=<2>"
    assert regensburg.get_attribute("target") == "_blank"
    assert regensburg.get_attribute("rel") == "noopener"
    # Wien has none: no link, no empty one.
    assert _contact(page, "wien").count() == 0
    # The Kommune page carries it too, escaped.
    html = (kontakt_site / "kommunen" / "regensburg" / "index.html").read_text("utf-8")
    assert 'href="https://www.example.org/r-next?a=1&amp;b=&lt;2&gt;"' in html
    assert ">Kontakt aufnehmen</a>" in html
    assert view.errors == []
