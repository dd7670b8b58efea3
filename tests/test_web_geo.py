"""The map's data (web/geo.py, web/iso_numeric.tsv) and the vendored browser libraries (static/vendor/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tacitus.errors import DataFileError
from tacitus.knowledge import load_knowledge
from tacitus.web import geo
from tacitus.web.app import HERE, plot_style_hashes
from tacitus.web.queries import make_filter

VENDOR = HERE / "static" / "vendor"


def test_web_geo_iso_numeric_covers_every_country():
    codes = geo.iso_numeric()
    assert set(codes) == {c.iso3 for c in load_knowledge().countries}
    assert codes["JPN"] == "392" and codes["RUS"] == "643" and codes["XKX"] == ""


def test_web_geo_iso_numeric_codes_name_world_atlas_shapes():
    world = json.loads((VENDOR / "countries-110m.json").read_text())
    ids = {g.get("id") for g in world["objects"]["countries"]["geometries"]}
    assert {"392", "643", "156", "804", "840"} <= ids
    assert {geo.iso_numeric()[c] for c in ("JPN", "RUS", "CHN", "UKR", "USA")} <= ids


@pytest.mark.parametrize("text, message", [
    ("iso3\tnumeric\nJPN\t392\nJPN\t392\n", "duplicate"),
    ("iso3\tnumeric\nZZZ\t999\n", "not a country"),
    ("iso3\tnumeric\nJPN\t39\n", "3-digit"),
    ("iso\tnum\n", "header"),
])
def test_web_geo_iso_numeric_rejects_bad_rows(tmp_path, text, message):
    path = tmp_path / "iso_numeric.tsv"
    path.write_text(text)
    with pytest.raises(DataFileError, match=message):
        geo.iso_numeric(path)


def test_web_geo_country_totals(tmp_path):
    from web_fixtures import build_handmade

    from tacitus.store.query import EventDB

    with EventDB(build_handmade(tmp_path / "events.duckdb")) as db:
        rows = geo.country_totals(db.store.con, make_filter())
    assert rows and all(r["events"] >= 1 and r["name"] and "numeric" in r for r in rows)


@pytest.mark.parametrize("name", ["d3.min.js", "plot.umd.min.js", "topojson-client.min.js", "countries-110m.json",
                                  "VENDOR.md"])
def test_web_vendor_files_are_shipped(name):
    assert (VENDOR / name).stat().st_size > 100


def test_web_vendor_licences_copied():
    licences = sorted(p.name for p in (VENDOR / "licenses").iterdir())
    assert len(licences) == 4
    table = (VENDOR / "VENDOR.md").read_text()
    for package in ("d3", "@observablehq/plot", "topojson-client", "world-atlas"):
        assert f"| {package} |" in table


def test_web_plot_style_hashes_found_in_the_bundle():
    # Plot's two fixed <style> texts (the plot's and a legend's): the CSP allows exactly these
    assert len(plot_style_hashes()) == 2 and all(h.startswith("'sha256-") for h in plot_style_hashes())
