"""A sentence listing many actors on one side: one multilateral event with its participants, in every output."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import duckdb
import pytest
from hand_docs import TALKS_IN_MOSCOW, country
from store_fixtures import make_article, make_event

from tacitus.components.candidate import Candidate
from tacitus.components.roles import MAX_SIDE, pairs
from tacitus.formats import write
from tacitus.knowledge import load_knowledge
from tacitus.knowledge_files import load_knowledge_files
from tacitus.model import MULTILATERAL_CODE, multilateral
from tacitus.store import migrations
from tacitus.store.db import Store
from tacitus.store.ingest import write_articles

MODALITY = load_knowledge_files(None).modality


def _states(n: int):
    return tuple(country(c.iso3) for c in load_knowledge().countries[:n])


def test_multilateral_actor_lists_its_participants():
    actor = multilateral(_states(3))
    assert (actor.code, actor.country, actor.sector) == (MULTILATERAL_CODE, None, "IGO")
    assert actor.participants == ("AFG", "ALB", "DZA") and actor.key == MULTILATERAL_CODE
    assert actor.as_dict()["participants"] == ["AFG", "ALB", "DZA"]


@pytest.mark.parametrize("n", [2, MAX_SIDE])
def test_multilateral_up_to_the_cap_every_pair_is_an_event(n):
    assert len(pairs("040", _states(n), (), MODALITY)) == n * (n - 1)


@pytest.mark.parametrize("n", [MAX_SIDE + 1, 100])
def test_multilateral_a_summit_of_many_is_one_reciprocal_event(n):
    (source, target, reciprocal), = pairs("040", _states(n), (), MODALITY)
    assert source.code == MULTILATERAL_CODE and len(source.participants) == n
    assert target is None and reciprocal


def test_multilateral_many_sources_against_one_target():
    result = pairs("111", _states(40), (country("RUS"),), MODALITY)
    assert [(s.code, len(s.participants), t.code) for s, t, _ in result] == [(MULTILATERAL_CODE, 40, "RUS")]


def test_multilateral_one_source_against_many_targets():
    result = pairs("163", (country("USA"),), _states(20), MODALITY)
    assert [(s.code, t.code, len(t.participants)) for s, t, _ in result] == [("USA", MULTILATERAL_CODE, 20)]


def test_multilateral_through_the_roles_component():
    from test_components_roles import _run

    candidate = Candidate(3, "040", _states(30), (), "verb:hold talk[040]", 0.8, "verb")
    dyads = _run(TALKS_IN_MOSCOW, [candidate])
    assert [(d.source.code, d.target, d.reciprocal) for d in dyads] == [(MULTILATERAL_CODE, None, True)]


def _article():
    event = make_event("d1", "USA", "RUS", "040", start="2020-01-10")
    event = replace(event, source=multilateral(_states(12)))
    return make_article("d1", "2020-01-10", [event])


@pytest.mark.parametrize("fmt", ["jsonl", "documents"])
def test_multilateral_participants_in_json_outputs(fmt):
    out = io.StringIO()
    write([_article()], out, fmt)
    record = json.loads(out.getvalue().splitlines()[0])
    event = record["events"][0] if fmt == "documents" else record
    assert len(event["source"]["participants"]) == 12 and event["target"]["participants"] == []


def test_multilateral_participants_in_csv():
    out = io.StringIO()
    write([_article()], out, "csv")
    row, = csv.DictReader(io.StringIO(out.getvalue()))
    assert row["source_participants"].split() == [a.code for a in _states(12)]
    assert row["target_participants"] == ""


def test_multilateral_participants_in_the_store(tmp_path):
    with Store.open(tmp_path / "db.duckdb") as store:
        write_articles(store, [(_article(), "h")])
        source, target = store.execute("SELECT source_participants, target_participants FROM events").fetchone()
    assert source == [a.code for a in _states(12)] and target == []


def test_multilateral_migration_upgrades_an_older_database(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrations.upgrade(con, until="0005_commitments_best_match")
    con.close()
    with Store.open(path) as store:
        assert "0009_event_participants" in store.applied_migrations()
        write_articles(store, [(_article(), "h")])
        assert store.execute("SELECT len(source_participants) FROM events").fetchone() == (12,)
