"""Light on a cheap phone: what a first visit to each public page costs over the wire, and the
purged Bootstrap build (scripts/purge_css.py) keeping every class the templates use."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from tests.personas import World

ROOT = Path(__file__).resolve().parents[2]
BOOTSTRAP = ROOT / "static" / "vendor" / "bootstrap" / "css"
BUDGET = 50 * 1024  # bytes, compressed, HTML plus what it links
CLASS_ATTR = re.compile(r'class="([^"{}]*)"')
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


def _first_visit_bytes(html: str) -> tuple[int, list[str]]:
    """HTML gzipped plus every stylesheet and script it links, gzipped as WhiteNoise serves
    them (level 9 here; WhiteNoise's own .gz files are no larger)."""
    total = len(gzip.compress(html.encode(), compresslevel=6))
    assets = re.findall(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"', html)
    for url in dict.fromkeys(assets):
        assert url.startswith(settings.STATIC_URL), f"{url}: only local static files"
        path = finders.find(url.removeprefix(settings.STATIC_URL))
        assert path, url
        total += len(gzip.compress(Path(path).read_bytes(), compresslevel=9))
    return total, assets


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/opd/",
        "/opd/{opd}/",
        "/pengaduan/",
        "/pengaduan/baru/",
        "/pengaduan/lacak/",
        "/pengaduan/statistik/",
        "/reputasi/",
        "/laporan/",
        "/akun/masuk/",
    ],
)
def test_every_public_page_weighs_at_most_50_kb_compressed_on_a_first_visit(
    world: World, path: str
) -> None:
    path = path.format(opd=world.dukcapil.slug)
    response = Client().get(path)
    assert response.status_code == 200, path
    weight, assets = _first_visit_bytes(response.content.decode())
    assert weight <= BUDGET, f"{path}: {weight:,} bytes with {assets}"
    # Only the filing form carries scripts, each a small enhancement it uses (the upload
    # size check and the location button); every other public page loads none.
    scripts = {a.rsplit("/", 1)[-1] for a in assets if a.endswith(".js")}
    allowed = {"upload-check.js", "location.js"} if path == "/pengaduan/baru/" else set()
    assert scripts <= allowed, f"{path} loads a script it does not need: {assets}"


def test_the_purged_bootstrap_keeps_every_class_the_templates_use() -> None:
    full = set(SELECTOR_CLASS.findall((BOOTSTRAP / "bootstrap.min.css").read_text()))
    purged = set(SELECTOR_CLASS.findall((BOOTSTRAP / "bootstrap.purged.min.css").read_text()))
    used = {
        name
        for template in (ROOT / "templates").rglob("*.html")
        for attr in CLASS_ATTR.findall(template.read_text())
        for name in attr.split()
    }
    missing = sorted((used & full) - purged)
    assert not missing, f"run scripts/purge_css.py: {missing}"
    assert len(purged) < len(full) / 2, "the purge keeps only what is used"


def test_the_purged_bootstrap_is_what_the_script_makes_from_the_sources(tmp_path: Path) -> None:
    """The committed file is reproducible: running the script again changes nothing."""
    target = BOOTSTRAP / "bootstrap.purged.min.css"
    before = target.read_bytes()
    run = subprocess.run(  # noqa: S603 - the repository's own script
        [sys.executable, str(ROOT / "scripts" / "purge_css.py")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    after = target.read_bytes()
    target.write_bytes(before)
    assert after == before, "the purged CSS is stale: run scripts/purge_css.py and commit it"
