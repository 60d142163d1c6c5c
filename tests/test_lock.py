"""The lock (requirements/run.txt, requirements/test.txt) and pyproject.toml agree: every
dependency of one is in the other, each pin lies in pyproject's range and carries hashes, and the
test lock holds the run-time lock's pins unchanged. `bash .ci/run lock` writes both."""

from __future__ import annotations

import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
LOCKS = {"run": ROOT / "requirements" / "run.txt", "test": ROOT / "requirements" / "test.txt"}
SELF = "kts-netzwerk-dashboard (pyproject.toml)"


def requirements(lock: str) -> dict[str, Requirement]:
    reqs = list(PYPROJECT["dependencies"])
    if lock == "test":
        reqs += PYPROJECT["optional-dependencies"]["test"]
    parsed = [Requirement(r) for r in reqs]
    return {canonicalize_name(r.name): r for r in parsed}


def pins(lock: str) -> dict[str, dict]:
    """name -> {"version", "hashes", "via"} of a file written by `uv pip compile`."""
    found: dict[str, dict] = {}
    entry: dict | None = None
    for line in LOCKS[lock].read_text("utf-8").splitlines():
        if m := re.match(r"^([A-Za-z0-9._-]+)==(\S+)", line):
            entry = {"version": m.group(2), "hashes": [], "via": []}
            found[canonicalize_name(m.group(1))] = entry
        elif m := re.match(r"^\s+--hash=sha256:([0-9a-f]{64})", line):
            assert entry is not None
            entry["hashes"].append(m.group(1))
        elif m := re.match(r"^\s+#\s+(?:via\s+)?(\S.*)$", line):
            if entry is not None and m.group(1) != "via":
                entry["via"].append(m.group(1).strip())
        elif line.strip() and not line.startswith("#"):
            raise AssertionError(f"{LOCKS[lock].name}: unexpected line {line!r}")
    return found


@pytest.mark.parametrize("lock", LOCKS)
def test_lock_and_pyproject_name_the_same_dependencies(lock):
    wanted, locked = requirements(lock), pins(lock)
    direct = {name for name, entry in locked.items() if SELF in entry["via"]}
    assert direct == set(wanted), (
        f"in pyproject.toml only: {sorted(set(wanted) - direct)}; "
        f"in {LOCKS[lock].name} only: {sorted(direct - set(wanted))} (run `bash .ci/run lock`)"
    )
    for name, req in wanted.items():
        assert req.specifier.contains(locked[name]["version"], prereleases=True), (name, req)
    # Nothing that no dependency needs (e.g. one removed from pyproject.toml, its own left behind).
    for name, entry in locked.items():
        assert entry["hashes"], f"{name} has no hash"
        for via in entry["via"]:
            ok = via == SELF or via.startswith("-c ") or canonicalize_name(via) in locked
            assert ok, (name, via)


def test_test_lock_is_the_run_lock_plus_the_test_extra():
    run, test = pins("run"), pins("test")
    for name, entry in run.items():
        assert name in test and test[name]["version"] == entry["version"], name
        assert set(test[name]["hashes"]) == set(entry["hashes"]), name


@pytest.mark.parametrize("lock", LOCKS)
def test_lock_is_written_by_the_command_of_ci_run(lock):
    """The README's one command (`bash .ci/run lock`) wrote the lock as it stands."""
    header = LOCKS[lock].read_text("utf-8").splitlines()[1].removeprefix("#").strip()
    script = (ROOT / ".ci" / "run").read_text("utf-8")
    commands = [
        re.sub(r" --index-url \S+| -q(?= )| \"\$@\"", "", line.strip().replace('"$uv"', "uv"))
        for line in script.splitlines()
        if line.strip().startswith('"$uv" pip compile')
    ]
    assert len(commands) == 2
    assert header.replace(" --upgrade", "") in commands, (header, commands)
    assert "--generate-hashes" in header and "--python-version 3.11" in header
    assert "bash .ci/run lock" in (ROOT / "README.md").read_text("utf-8")
