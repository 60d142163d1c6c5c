"""Write phase: everything goes to a temporary folder that replaces the output only on success."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import BuildError

MARKER = ".kts-dashboard"


def check_output_dir(out: Path) -> None:
    """Refuse to replace a folder that is not one of our builds (no --out / or ~ accidents)."""
    resolved = out.resolve()
    if resolved == Path(resolved.anchor) or resolved == Path.home().resolve():
        raise BuildError(f"{out}: als Ausgabeordner nicht erlaubt")
    if resolved.exists():
        if not resolved.is_dir():
            raise BuildError(f"{out}: ist eine Datei, kein Ordner")
        if any(resolved.iterdir()) and not (resolved / MARKER).exists():
            raise BuildError(
                f"{out}: Ordner ist nicht leer und stammt nicht von kts-dashboard "
                f"(es fehlt {MARKER}); bitte einen anderen Ausgabeordner wählen"
            )


@contextmanager
def staging(
    out: Path, merge: Callable[[], Collection[str] | None] = lambda: None
) -> Iterator[Path]:
    """A temporary folder beside the output that replaces it when the block succeeds and is
    removed when it fails or is interrupted; the output stays as it was until then. When
    merge() answers files (serve's incremental rebuild), the folder's files are moved into
    the output instead, and those files are removed from it."""
    check_output_dir(out)
    resolved = out.resolve()
    resolved.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{resolved.name}-new-", dir=resolved.parent))
    try:
        yield tmp
        stale = merge()
        if stale is not None:
            _merge(tmp, resolved, stale)
            shutil.rmtree(tmp, ignore_errors=True)
            return
        (tmp / MARKER).write_text("Von kts-dashboard erzeugt; wird bei jedem Build ersetzt.\n")
        os.chmod(tmp, 0o755)
        _swap(tmp, resolved)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _merge(new: Path, out: Path, stale: Collection[str]) -> None:
    """Move every file of new into out (replacing), then remove the stale files of out and
    the folders they leave empty."""
    for dirpath, _, filenames in os.walk(new):
        target_dir = out / Path(dirpath).relative_to(new)
        target_dir.mkdir(parents=True, exist_ok=True)
        for name in filenames:
            os.replace(os.path.join(dirpath, name), target_dir / name)
    for rel in sorted(stale):
        target = out / rel
        target.unlink(missing_ok=True)
        parent = target.parent
        while parent != out and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def write_files(root: Path, files: Iterable[tuple[str, bytes]]) -> int:
    """Write (relative path, bytes) pairs below root; returns how many."""
    count = 0
    made: set[Path] = set()
    for rel, data in files:
        target = root / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)
        count += 1
    return count


def _swap(new: Path, out: Path) -> None:
    if not out.exists():
        new.rename(out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
    old.rmdir()
    out.rename(old)
    try:
        new.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)
