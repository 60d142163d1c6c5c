"""The GitHub workflow has no findings: zizmor's offline audits, GitHub's schema
(check-jsonschema), shellcheck on .ci/run and on every shell step; actions pinned to commits,
no persisted credentials, the least permissions, the Netlify token only in the deploy step.
The tools come from the test lock (requirements/test.txt)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.netlify import resolve_config

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    assert found, f"{name} is missing: install requirements/test.txt"
    return found


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def steps() -> list[tuple[str, str, dict]]:
    found = []
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text("utf-8"))
        for job_name, job in workflow["jobs"].items():
            for step in job["steps"]:
                found.append((f"{path.name}:{job_name}", job_name, step))
    return found


def test_zizmor_finds_nothing():
    done = run(tool("zizmor"), "--offline", "--no-progress", ROOT / ".github" / "workflows")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr


def test_workflows_follow_githubs_schema():
    done = run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_shellcheck_passes_on_ci_run_and_every_shell_step(tmp_path):
    scripts = [ROOT / ".ci" / "run"]
    for i, (where, _, step) in enumerate(steps()):
        if "run" not in step:
            continue
        assert step.get("shell", "bash") == "bash", where
        # GitHub runs a step as `bash -e {0}`; an expression would be pasted into the script.
        assert "${{" not in step["run"], f"{where}: {step.get('name')}: pass it through env"
        script = tmp_path / f"step-{i}.sh"
        script.write_text(f"#!/usr/bin/env bash\nset -e\n{step['run']}", "utf-8")
        scripts.append(script)
    for context in ("production", "deploy-preview", "branch-deploy"):
        script = tmp_path / f"netlify-{context}.sh"
        script.write_text(
            f"#!/usr/bin/env bash\n{resolve_config(context)['build']['command']}\n", "utf-8"
        )
        scripts.append(script)
    done = run(tool("shellcheck"), "--severity=style", *scripts)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actions_are_pinned_to_commits_with_their_tag():
    uses = [(where, step["uses"]) for where, _, step in steps() if "uses" in step]
    assert uses
    for where, ref in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), (where, ref)
    for path in WORKFLOWS:
        for line in path.read_text("utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


def test_least_permissions_no_persisted_credentials_and_the_token_only_where_it_deploys():
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text("utf-8"))
        assert workflow["permissions"] == {}, path.name
        for name, job in workflow["jobs"].items():
            assert job["permissions"] == {"contents": read_only()}, name
    for where, _, step in steps():
        if "actions/checkout@" in step.get("uses", ""):
            assert step["with"]["persist-credentials"] is False, where
    text = "\n".join(p.read_text("utf-8") for p in WORKFLOWS)
    secrets = [
        (where, step.get("name"))
        for where, _, step in steps()
        if "secrets." in yaml.safe_dump(step)
    ]
    assert secrets == [("site.yml:deploy", "Deploy to Netlify")], secrets
    assert text.count("secrets.NETLIFY_AUTH_TOKEN") == 1
    deploy = next(s for _, _, s in steps() if s.get("name") == "Deploy to Netlify")
    assert "npx --no-install netlify deploy" in deploy["run"]  # netlify-cli of package-lock.json


def read_only() -> str:
    return "read"


@pytest.mark.parametrize("script", [".ci/run"])
def test_ci_installs_from_the_lock_with_hashes(script):
    text = (ROOT / script).read_text("utf-8")
    assert "pip install --quiet --require-hashes -r requirements/test.txt" in text
    assert "pip install --quiet --no-deps -e ." in text
    assert "zizmor --offline .github/workflows/" in text
