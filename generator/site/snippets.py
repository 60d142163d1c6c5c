"""Render phase: HTML for links and connection items, built once per record and cached."""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup, escape

from generator.content.model import Network, Verbindung, zeitraum_label
from generator.content.vocab import ART_BY_ID


class Snippets:
    """Escaped HTML pieces that many pages repeat; links are relative to the page's root."""

    def __init__(self, net: Network) -> None:
        self.net = net
        self.kommune = lru_cache(maxsize=None)(self._kommune)
        self.connection = lru_cache(maxsize=200_000)(self._connection)

    def _kommune(self, kid: str, root: str) -> Markup:
        k = self.net.kommune_by_id[kid]
        return Markup(f'<a href="{escape(root)}kommunen/{k.id}/index.html">{escape(k.name)}</a>')

    def felder(self, ids: tuple[str, ...], root: str) -> Markup:
        """Links to Handlungsfelder, comma-separated."""
        by_id, base = self.net.handlungsfeld_by_id, escape(root)
        return Markup(", ").join(
            Markup(f'<a href="{base}handlungsfelder/{h}/index.html">{escape(by_id[h].name)}</a>')
            for h in ids
        )

    def pair(self, v: Verbindung, root: str) -> Markup:
        """'A nimmt sich B zum Vorbild', 'A überträgt an B' or 'A – B', with links."""
        return Markup(ART_BY_ID[v.art].says(self.kommune(v.von, root), self.kommune(v.nach, root)))

    def _connection(self, v: Verbindung, root: str, with_art: bool) -> Markup:
        # f-strings with escape(): Markup.format escapes through a Python-level formatter,
        # five times slower, and this runs some 100,000 times on a big network.
        meta = []
        if with_art:
            meta.append(f'<span class="art art-{v.art}">{ART_BY_ID[v.art].label}</span>')
        meta.append(self.felder(v.handlungsfelder, root))
        if v.massnahme:
            m = self.net.massnahme_by_id[v.massnahme]
            meta.append(
                f'Maßnahme: <a href="{escape(root)}massnahmen/{m.id}/index.html">'
                f"{escape(m.titel)}</a>"
            )
        meta.append(escape(zeitraum_label(v.zeitraum)))
        source = ""
        if v.beschreibung:
            source += f'<span class="desc">{escape(v.beschreibung)}</span> '
        if v.illustrative:
            source += '<span class="badge">Beispiel</span> '
        if v.quelle_url:
            source += (
                f'Quelle: <a href="{escape(v.quelle_url)}" rel="noopener">{escape(v.quelle)}</a>'
            )
        else:
            source += f"Quelle: {escape(v.quelle)}"
        if v.beleg:
            cite = f' cite="{escape(v.quelle_url)}"' if v.quelle_url else ""
            source += f' <q class="beleg"{cite}>{escape(v.beleg)}</q>'
        return Markup(
            f'<li>\n  <span class="pair">{self.pair(v, root)}</span>\n'
            f'  <span class="meta">{" · ".join(meta)}</span>\n'
            f'  <span class="source">{source}</span>\n</li>'
        )
