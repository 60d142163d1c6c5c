"""docs/redaktion.md: the messages it explains are the ones the tool prints."""

from __future__ import annotations

import re

from generator.content.schema import readme_tables
from tests.conftest import ROOT

GUIDE = ROOT / "docs" / "redaktion.md"
SOURCES = "".join(
    (ROOT / "generator" / name).read_text("utf-8")
    for name in (
        "content/load.py",
        "content/validate.py",
        "cli.py",
        "commands/diff.py",
        "commands/serve.py",
        "errors.py",
    )
)


def explained_messages() -> list[str]:
    """The example message of every table row under 'Fehlermeldungen'."""
    text = GUIDE.read_text("utf-8")
    section = text[text.index("## 5. Fehlermeldungen") : text.index("## 6.")]
    return re.findall(r"^\| `([^`]+)`", section, re.M)


def printed_fragment(message: str) -> str | None:
    """The first two words in a row of the message (without file, line and field) that the
    tool's sources hold literally, or None when the message is not the tool's."""
    body = re.sub(r"^[\w.…/]+(:\d+)?: [\w-]+: (Warnung: )?", "", message)
    words = body.split()
    for a, b in zip(words, words[1:], strict=False):
        pair = f"{a} {b}"
        if len(pair) >= 9 and "'" not in pair and pair in SOURCES:
            return pair
    return None


def test_every_explained_message_is_one_the_tool_prints():
    messages = explained_messages()
    assert len(messages) >= 45
    assert [m for m in messages if printed_fragment(m) is None] == []
    assert printed_fragment("kommunen.csv:3: name: Irgendein erfundener Fehlertext hier") is None


def test_the_guide_covers_excel_and_the_round_trip():
    text = GUIDE.read_text("utf-8")
    for needle in ("Daten › Aus Text/CSV", "CSV UTF-8", "als Text", "kts-dashboard validate"):
        assert needle in text
    for step in ("serve", "diff --seit HEAD", "git commit", "Pull Request", "Veröffentlichen"):
        assert step in text
    assert "docs/redaktion.md" in (ROOT / "README.md").read_text("utf-8")


def test_the_readme_holds_the_generated_column_tables():
    text = (ROOT / "README.md").read_text("utf-8")
    start = text.index("<!-- schema:start")
    block = text[text.index("-->", start) + 4 : text.index("<!-- schema:end -->")]
    assert block.strip() == readme_tables().strip()


def test_the_readme_gives_the_shipped_contents_figures():
    from generator.commands.build import load_network

    net, _ = load_network(ROOT / "content")
    text = " ".join((ROOT / "README.md").read_text("utf-8").split())
    public = sum(1 for v in net.verbindungen if v.quelle_url)
    belegt = sum(1 for v in net.verbindungen if v.belegt)
    covered = sum(1 for k in net.kommunen if k.mpsc) - len(net.mpsc_without_beleg)
    assert f"**Documented** ({public})" in text
    assert (
        f"of the {belegt} documented rows). {len(net.sources)} sources; {covered} of the 73" in text
    )
