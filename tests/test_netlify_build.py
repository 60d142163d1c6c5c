"""Netlify's own build (netlify-cli from package-lock.json) runs netlify.toml's deploy-preview
command offline on a fixture site and publishes the folder netlify.toml names."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys

from tests.conftest import FIXTURES, ROOT
from tests.netlify import matching, site_rules

NETLIFY = ROOT / "node_modules" / ".bin" / "netlify"
INSTALL = "pip install --require-hashes -r requirements/run.txt && pip install --no-deps . && "


def test_netlify_build_offline_publishes_the_preview_built_at_its_own_address(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "mini", site / "content")
    # netlify.toml as it is, less the install (this venv has the project) and with this Python.
    toml = (ROOT / "netlify.toml").read_text("utf-8")
    assert toml.count(INSTALL) == 3
    python = shlex.quote(sys.executable).replace('"', '\\"')
    toml = toml.replace(INSTALL, "").replace("python -m generator", f"{python} -m generator")
    (site / "netlify.toml").write_text(toml, "utf-8")
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q", "-b", "vorschau"], cwd=site, check=True)
    subprocess.run([*git, "add", "-A"], cwd=site, check=True)
    subprocess.run([*git, "commit", "-qm", "fixture"], cwd=site, check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NETLIFY", "DEPLOY_"))}
    env["NETLIFY_TELEMETRY_DISABLED"] = "1"
    done = subprocess.run(
        [str(NETLIFY), "build", "--offline", "--context", "deploy-preview"],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    assert "Netlify Build Complete" in log and "deploy-preview" in log
    assert '--base-url "$DEPLOY_PRIME_URL"' in log  # the deploy-preview command ran
    dist = site / "dist"
    assert (dist / "index.html").is_file() and (dist / "404.html").is_file()
    assert (dist / "kommunen").is_dir() and (dist / "_headers").is_file()
    # The address is Netlify's DEPLOY_PRIME_URL (the CLI names it after the git branch offline),
    # not the base_url of site.yaml.
    robots = (dist / "robots.txt").read_text("utf-8")
    url = re.search(r"^Sitemap: (\S+)/sitemap\.xml$", robots, re.M)
    assert url and re.fullmatch(r"https://vorschau--[\w-]+\.netlify\.app", url.group(1)), robots
    assert f"<loc>{url.group(1)}/kommunen/" in (dist / "sitemap.xml").read_text("utf-8")
    # What Netlify would send with the published folder: its _headers and the [[headers]].
    rules = site_rules(dist, site / "netlify.toml")
    merged = {k: v for values in matching(rules, "/kommunen/") for k, v in values.items()}
    assert merged["X-Frame-Options"] == "DENY" and "Strict-Transport-Security" in merged
    assert shlex.split(merged["Cache-Control"].replace(",", " ")) == [
        "public",
        "max-age=0",
        "must-revalidate",
    ]
