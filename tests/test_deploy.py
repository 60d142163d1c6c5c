"""Publishing configuration: netlify.toml as Netlify's own code resolves it per deploy context
(@netlify/config, @netlify/headers-parser; tests/netlify.py), the CI workflow, and the
kts-dashboard commands both run."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.cli import _parser
from tests.conftest import ROOT
from tests.netlify import matching, resolve_config, site_rules

CONTEXTS = ("production", "deploy-preview", "branch-deploy")
NETLIFY = {context: resolve_config(context) for context in CONTEXTS}
WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text("utf-8"))
SUBSTITUTES = {
    "$DEPLOY_PRIME_URL": "https://deploy-preview-1--example.netlify.app",
    "$RUNNER_TEMP": "/tmp/runner",
    '${BASE:+--seit "$BASE"}': "--seit 0123abc",
    "$BASE": "0123abc",
    "python -m generator": "kts-dashboard",
}


def kts_commands(script: str) -> list[list[str]]:
    """The argument lists of every kts-dashboard call in a shell script."""
    found = []
    for line in script.replace("\\\n", " ").splitlines():
        for part in re.split(r"&&|\|\||;|\|", line):
            text = part.strip()
            for name, value in SUBSTITUTES.items():
                text = text.replace(name, value)
            text = re.sub(r"\d?>>?\s*\S+", "", text)  # output redirections
            words = shlex.split(text, comments=True) if "kts-dashboard" in text else []
            if "kts-dashboard" in words:
                args = words[words.index("kts-dashboard") + 1 :]
                found.append(args)
    return found


def workflow_scripts() -> list[str]:
    return [
        step["run"] for job in WORKFLOW["jobs"].values() for step in job["steps"] if "run" in step
    ]


def netlify_commands() -> list[str]:
    return [NETLIFY[context]["build"]["command"] for context in CONTEXTS]


@pytest.mark.parametrize("source", ["netlify", "workflow"])
def test_every_kts_dashboard_command_parses(source):
    scripts = netlify_commands() if source == "netlify" else workflow_scripts()
    calls = [call for script in scripts for call in kts_commands(script)]
    assert calls, f"no kts-dashboard command in {source}"
    for args in calls:
        parsed = _parser().parse_args(args)  # argparse exits (fails the test) on unknown options
        assert parsed.command in {"build", "validate", "snapshot", "diff", "serve"}
    if source == "workflow":
        assert {c[0] for c in calls} >= {"build", "snapshot", "diff"}


@pytest.mark.parametrize("context", CONTEXTS)
def test_netlify_builds_from_the_lock_and_publishes_dist_with_python_311(context):
    build = NETLIFY[context]["build"]
    assert Path(build["publish"]) == ROOT / "dist"
    assert build["environment"]["PYTHON_VERSION"] == "3.11"
    assert build["processing"]["html"]["pretty_urls"] is True
    # The lock with every hash checked, then the project alone.
    install = "pip install --require-hashes -r requirements/run.txt && pip install --no-deps . && "
    assert build["command"].startswith(install), build["command"]
    assert (ROOT / "requirements" / "run.txt").is_file()
    if context == "production":
        assert "--base-url" not in build["command"]  # base_url of site.yaml
    else:  # previews and branch deploys live at their own address
        assert build["command"].endswith('--base-url "$DEPLOY_PRIME_URL"'), build["command"]
    config = NETLIFY[context]
    redirects = [(r["from"], r["to"], r["status"], r["force"]) for r in config["redirects"]]
    # Only when no file matches; below /en/ the English 404 page (the first rule that matches).
    assert redirects == [("/en/*", "/en/404.html", 404, False), ("/*", "/404.html", 404, False)]
    toml_headers = NETLIFY[context]["headers"]
    assert [h["for"] for h in toml_headers] == ["/*"]
    assert set(toml_headers[0]["values"]) == {
        "Referrer-Policy",
        "X-Content-Type-Options",
        "Permissions-Policy",
        "Strict-Transport-Security",
    }


def _headers_for(url_path: str, rules: list[dict]) -> list[dict[str, str]]:
    return matching(rules, url_path)


def test_every_built_path_gets_exactly_one_cache_rule_and_security_headers(built):
    urls = []
    for file in sorted(
        p for p in built.rglob("*") if p.is_file() and p.name not in (".kts-dashboard", "_headers")
    ):
        rel = "/" + file.relative_to(built).as_posix()
        urls.append(rel)
        if rel.endswith("/index.html"):
            urls.append(rel.removesuffix("index.html"))  # pretty URL
    assert "/" in urls and "/kommunen/bamberg/" in urls
    all_rules = site_rules(built)
    for url in urls:
        rules = _headers_for(url, all_rules)
        cache = [r["Cache-Control"] for r in rules if "Cache-Control" in r]
        assert len(cache) == 1, (url, cache)
        if url.startswith("/assets/"):
            assert "immutable" in cache[0] and "max-age=31536000" in cache[0]
        else:
            assert cache[0] == "public, max-age=0, must-revalidate", url
        merged = {k: v for r in rules for k, v in r.items()}
        for name in ("X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"):
            assert name in merged, (url, name)
        if url.startswith("/assets/"):
            continue  # scripts, styles and pictures: no page to frame
        # One Content-Security-Policy per path (two would both apply); framing only einbetten/
        # of each edition.
        policies = [r["Content-Security-Policy"] for r in rules if "Content-Security-Policy" in r]
        assert len(policies) == 1, (url, policies)
        if url.startswith(("/einbetten/", "/en/einbetten/")):
            assert "X-Frame-Options" not in merged
            assert "frame-ancestors 'none'" not in policies[0]
        else:
            assert merged.get("X-Frame-Options") == "DENY", url
            assert policies[0].endswith("frame-ancestors 'none'"), url


def test_hashed_assets_are_the_only_immutable_files(built):
    rules = site_rules(built)
    immutable = [r["for"] for r in rules if "immutable" in str(r["values"])]
    assert immutable == ["/assets/*"]
    names = [p.name for p in (built / "assets").rglob("*") if p.is_file()]
    assert names and all(re.search(r"\.[0-9a-f]{10}\.\w+$", n) for n in names), names


@pytest.mark.parametrize("context", CONTEXTS)
def test_one_production_deploy_path_and_one_run_per_pull_request(context):
    ignore = NETLIFY[context]["build"]["ignore"]  # exit 0 skips Netlify's build
    assert ignore == NETLIFY["production"]["build"]["ignore"]  # no context sets its own
    done = subprocess.run(["bash", "-c", ignore], env={"CONTEXT": context}, check=False)
    assert (done.returncode == 0) is (context == "production"), context
    triggers = WORKFLOW.get("on", WORKFLOW.get(True))  # YAML 1.1 reads the key `on` as True
    assert triggers["push"] == {"branches": ["main"]}  # a PR's branch runs only as the PR


def test_workflow_checks_every_push_and_deploys_main_with_secrets():
    triggers = WORKFLOW.get("on", WORKFLOW.get(True))  # YAML 1.1 reads the key `on` as True
    assert "push" in triggers and "pull_request" in triggers
    check, deploy = WORKFLOW["jobs"]["check"], WORKFLOW["jobs"]["deploy"]
    scripts = "\n".join(workflow_scripts())
    assert ".ci/run" in scripts and (ROOT / ".ci" / "run").is_file()
    uploads = [s["with"]["path"] for s in check["steps"] if "upload-artifact" in s.get("uses", "")]
    assert "review/" in uploads and "dist/" in uploads
    assert "review/momentaufnahme.html" in scripts and "review/diff.html" in scripts
    assert deploy["needs"] == "check"
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    env = next(s["env"] for s in deploy["steps"] if "netlify" in s.get("run", ""))
    assert env["NETLIFY_AUTH_TOKEN"] == "${{ secrets.NETLIFY_AUTH_TOKEN }}"
    assert env["NETLIFY_SITE_ID"] == "${{ secrets.NETLIFY_SITE_ID }}"
    deploy_run = next(s["run"] for s in deploy["steps"] if "netlify" in s.get("run", ""))
    assert "--prod" in deploy_run and "--dir dist" in deploy_run


def test_kts_commands_finds_calls_in_scripts():
    calls = kts_commands('a && SOURCE_DATE_EPOCH=1 kts-dashboard build --base-url "$X" > out')
    assert calls == [["build", "--base-url", "$X"]]
    with pytest.raises(SystemExit):
        _parser().parse_args(["build", "--no-such-option"])
