"""Write content files all or none: each is staged beside its target, then moved in place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def read_text(path: Path) -> str | None:
    """A content file's text as it is (UTF-8, with a BOM, or Windows-1252); None if absent."""
    if not path.is_file():
        return None
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def write_content_files(content: Path, texts: dict[str, str]) -> None:
    """Write every file (name → text, UTF-8), or none when one cannot be staged."""
    staged: list[tuple[Path, Path]] = []
    try:
        for name, text in texts.items():
            fd, tmp = tempfile.mkstemp(dir=content, prefix=f".{name}.", suffix=".tmp")
            staged.append((Path(tmp), content / name))
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            target = content / name  # keep the file's mode (mkstemp creates 0600)
            os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o644)
    except BaseException:
        for staged_file, _ in staged:
            staged_file.unlink(missing_ok=True)
        raise
    for staged_file, target in staged:
        os.replace(staged_file, target)
