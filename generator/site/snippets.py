"""Render phase: HTML for links and connection items, built once per record and cached."""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup, escape

from generator.content.model import Network, Verbindung, zeitraum_label
from generator.content.vocab import arten_in
from generator.i18n import SOURCE, translations
from generator.site import deps


class Snippets:
    """Escaped HTML pieces that many pages repeat; links are relative to the page's root."""

    def __init__(self, net: Network, code: str = SOURCE.code) -> None:
        self.net = net
        self.code = code
        self.art = {a.id: a for a in arten_in(code)}
        t = translations(code).gettext
        # German content inside another language's page says so (BITV 2.0, WCAG 3.1.2).
        self.de = "" if code == "de" else ' lang="de"'
        self.words = {
            "massnahme": t("Maßnahme:"),
            "beispiel": t("Beispiel"),
            "quelle": t("Quelle:"),
        }
        # While serve notes what each page reads (deps.py), a cached piece would hide it.
        self.kommune = self._kommune
        self.connection = self._connection
        if not deps.tracking():
            self.kommune = lru_cache(maxsize=None)(self._kommune)
            self.connection = lru_cache(maxsize=200_000)(self._connection)

    def _kommune(self, kid: str, root: str) -> Markup:
        k = self.net.kommune_by_id[kid]
        return Markup(f'<a href="{escape(root)}kommunen/{k.id}/index.html">{escape(k.name)}</a>')

    def felder(self, ids: tuple[str, ...], root: str) -> Markup:
        """Links to Handlungsfelder, comma-separated."""
        by_id, base = self.net.handlungsfeld_by_id, escape(root)
        return Markup(", ").join(
            Markup(
                f'<a href="{base}handlungsfelder/{h}/index.html">'
                f"{escape(by_id[h].name_in(self.code))}</a>"
            )
            for h in ids
        )

    def pair(self, v: Verbindung, root: str) -> Markup:
        """'A nimmt sich B zum Vorbild', 'A überträgt an B' or 'A – B', with links."""
        return Markup(self.art[v.art].says(self.kommune(v.von, root), self.kommune(v.nach, root)))

    def _connection(self, v: Verbindung, root: str, with_art: bool) -> Markup:
        # f-strings with escape(): Markup.format escapes through a Python-level formatter,
        # five times slower, and this runs some 100,000 times on a big network.
        meta = []
        if with_art:
            meta.append(f'<span class="art art-{v.art}">{self.art[v.art].label}</span>')
        meta.append(self.felder(v.handlungsfelder, root))
        if v.massnahme:
            m = self.net.massnahme_by_id[v.massnahme]
            titel = m.titel_in(self.code)
            lang = self.de if titel == m.titel else ""
            meta.append(
                f'{self.words["massnahme"]} <a href="{escape(root)}massnahmen/{m.id}/index.html"'
                f"{lang}>{escape(titel)}</a>"
            )
        meta.append(escape(zeitraum_label(v.zeitraum, self.code)))
        source = ""
        if v.beschreibung:
            source += f'<span class="desc"{self.de}>{escape(v.beschreibung)}</span> '
        if v.illustrative:
            source += f'<span class="badge">{self.words["beispiel"]}</span> '
        quelle = self.words["quelle"]
        if v.quelle_url:
            source += (
                f'{quelle} <a href="{escape(v.quelle_url)}" rel="noopener"{self.de}>'
                f"{escape(v.quelle)}</a>"
            )
        else:
            source += (
                f"{quelle} <span{self.de}>{escape(v.quelle)}</span>"
                if self.de
                else (f"{quelle} {escape(v.quelle)}")
            )
        if v.beleg:
            cite = f' cite="{escape(v.quelle_url)}"' if v.quelle_url else ""
            source += f' <q class="beleg"{cite}{self.de}>{escape(v.beleg)}</q>'
        return Markup(
            f'<li>\n  <span class="pair">{self.pair(v, root)}</span>\n'
            f'  <span class="meta">{" · ".join(meta)}</span>\n'
            f'  <span class="source">{source}</span>\n</li>'
        )
