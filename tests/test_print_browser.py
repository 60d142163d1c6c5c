"""Printing the dashboard: the current view on A4, every listed connection in the text."""

from __future__ import annotations

import io
import unicodedata

import pytest

pytestmark = pytest.mark.browser


def test_printed_dashboard_has_the_filters_pictures_and_every_listed_connection(
    shipped_site, offline_page
):
    from pypdf import PdfReader

    view = offline_page()
    page = view.page
    view.open(shipped_site / "index.html", "#art=uebertragung")
    listed = page.evaluate("KTS.view.matching.length")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(p.extract_text() for p in pdf.pages)
    flat = " ".join(unicodedata.normalize("NFKC", text).split())  # "ﬀ" ligatures as "ff"
    assert 1 < len(pdf.pages) <= 40
    assert "Filter: Art: Übertragung." in flat
    assert "Datenstand" in flat and "Abspielen" not in flat and "Filter zurücksetzen" not in flat
    # On screen the list shows its first 100; printed, every listed connection.
    items = page.evaluate(
        """() => {
            KTS.view.shown = KTS.data.nV;
            KTS.updateList();
            const pairs = document.querySelectorAll('#result-list > li .pair');
            return [...pairs].map(e => e.textContent);
        }"""
    )
    assert len(items) == listed > 100
    missing = [i for i in items if " ".join(i.split()) not in flat]
    assert missing == []
    # Map and graph are pictures, each whole on one page.
    assert page.evaluate("document.getElementById('print-map').src.startsWith('data:image/png')")
    assert page.evaluate("document.getElementById('print-graph').src.startsWith('data:image/png')")
    page.emulate_media(media="screen")
