"""Tests of the CAMEO ontology file and its loader."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tacitus.errors import DataFileError
from tacitus.ontology import PLOVER_TYPES, CameoCode, Ontology, load_ontology

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "cameo_codes.tsv"
HEADER = "code\tlabel\troot\tquad_class\tgoldstein\tplover\n"
# The reference names some PLOVER types by their pre-2021 names.
OLD_PLOVER_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return load_ontology()


@pytest.fixture(scope="module")
def reference() -> dict[str, dict[str, str]]:
    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} is absent")
    with REFERENCE.open(encoding="utf-8") as handle:
        return {row["code"]: row for row in csv.DictReader(handle, delimiter="\t")}


def write_tsv(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "cameo.tsv"
    path.write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_ontology_loads_packaged_file(ontology: Ontology) -> None:
    assert len(ontology) > 300
    assert "042" in ontology


def test_ontology_has_twenty_roots(ontology: Ontology) -> None:
    assert [entry.code for entry in ontology.roots()] == [f"{root:02d}" for root in range(1, 21)]


@pytest.mark.parametrize(
    ("code", "root", "quad_class", "goldstein", "plover"),
    [
        ("010", "01", 1, 0.0, None),
        ("042", "04", 1, 1.9, "CONSULT"),
        ("057", "05", 1, 8.0, "SUPPORT"),
        ("0841", "08", 2, 7.0, "RETREAT"),
        ("111", "11", 3, -2.0, "ACCUSE"),
        ("163", "16", 4, -8.0, "COERCE"),
        ("190", "19", 4, -10.0, "ASSAULT"),
        ("2042", "20", 4, -10.0, "ASSAULT"),
    ],
)
def test_ontology_get_returns_code(
    ontology: Ontology, code: str, root: str, quad_class: int, goldstein: float, plover: str | None
) -> None:
    entry = ontology.get(code)
    assert (entry.root, entry.quad_class, entry.goldstein, entry.plover) == (root, quad_class, goldstein, plover)


@pytest.mark.parametrize("code", ["999", "42", "", 42])
def test_ontology_get_unknown_code_raises_key_error(ontology: Ontology, code: object) -> None:
    with pytest.raises(KeyError, match="unknown CAMEO code"):
        ontology.get(code)  # type: ignore[arg-type]


def test_ontology_iterates_in_code_order(ontology: Ontology) -> None:
    codes = [entry.code for entry in ontology]
    assert codes == sorted(codes)
    assert len(codes) == len(ontology)


def test_ontology_quad_class_follows_root(ontology: Ontology) -> None:
    expected = {root: 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4 for root in range(1, 21)}
    wrong = [entry.code for entry in ontology if entry.quad_class != expected[int(entry.root)]]
    assert wrong == []


def test_ontology_plover_types_are_current_names(ontology: Ontology) -> None:
    assert {entry.plover for entry in ontology} - {None} <= PLOVER_TYPES


def test_ontology_statements_are_dropped_by_plover(ontology: Ontology) -> None:
    assert {entry.plover for entry in ontology if entry.root == "01"} == {None}


def test_load_ontology_default_is_cached() -> None:
    assert load_ontology() is load_ontology()


def test_load_ontology_reads_user_file_with_comments(tmp_path: Path) -> None:
    path = write_tsv(tmp_path, "04\tconsult\t04\t1\t1.0\tCONSULT", "042\tvisit\t04\t1\t1.9\tCONSULT",
                     header="# a comment\n" + HEADER)
    loaded = load_ontology(path)
    assert loaded.get("042") == CameoCode("042", "visit", "04", 1, 1.9, "CONSULT")
    assert len(loaded) == 2


@pytest.mark.parametrize(
    ("rows", "line", "message"),
    [
        (["04\tconsult\t04\t1\t1.0"], 2, "columns"),
        (["04\tconsult\t04\t1\t1.0\tCONSULT", "04\tconsult\t04\t1\t1.0\tCONSULT"], 3, "already defined"),
        (["4a\tconsult\t4a\t1\t1.0\tCONSULT"], 2, "digits"),
        (["04211\tconsult\t04\t1\t1.0\tCONSULT"], 2, "digits"),
        (["21\tbeyond\t21\t4\t1.0\t"], 2, "between 01 and 20"),
        (["04\tconsult\t05\t1\t1.0\tCONSULT"], 2, "first two digits"),
        (["04\tconsult\t04\t5\t1.0\tCONSULT"], 2, "quad_class"),
        (["04\tconsult\t04\t1\tone\tCONSULT"], 2, "not a number"),
        (["04\tconsult\t04\t1\t10.5\tCONSULT"], 2, "between -10 and 10"),
        (["04\tconsult\t04\t1\t1.0\tFIGHT"], 2, "unknown PLOVER type"),
        (["04\t\t04\t1\t1.0\tCONSULT"], 2, "no label"),
        (["042\tvisit\t04\t1\t1.9\tCONSULT"], 2, "root 04"),
        (["04\tconsult\t04\t1\t1.0\tCONSULT", "0421\tvisit\t04\t1\t1.9\tCONSULT"], 3, "parent 042"),
    ],
)
def test_load_ontology_rejects_bad_row(tmp_path: Path, rows: list[str], line: int, message: str) -> None:
    path = write_tsv(tmp_path, *rows)
    with pytest.raises(DataFileError, match=message) as caught:
        load_ontology(path)
    assert caught.value.line == line
    assert caught.value.path == str(path)


@pytest.mark.parametrize(
    "header",
    ["code\tlabel\troot\tquad\tgoldstein\tplover\n", "code\tlabel\troot\tquad_class\tgoldstein\n", ""],
)
def test_load_ontology_rejects_bad_header(tmp_path: Path, header: str) -> None:
    path = write_tsv(tmp_path, header=header)
    with pytest.raises(DataFileError, match="header"):
        load_ontology(path)


def test_ontology_matches_reference_code_set(ontology: Ontology, reference: dict[str, dict[str, str]]) -> None:
    ours = {entry.code for entry in ontology}
    assert sorted(ours - set(reference)) == []
    assert sorted(set(reference) - ours) == []


def test_ontology_matches_reference_goldstein_and_quad_class(
    ontology: Ontology, reference: dict[str, dict[str, str]]
) -> None:
    differences = []
    for code, row in reference.items():
        entry = ontology.get(code)
        if row["goldstein"] and float(row["goldstein"]) != entry.goldstein:
            differences.append((code, "goldstein", entry.goldstein, row["goldstein"]))
        if int(row["quad_class"]) != entry.quad_class:
            differences.append((code, "quad_class", entry.quad_class, row["quad_class"]))
    assert differences == []


def test_ontology_matches_reference_plover_mapping(ontology: Ontology, reference: dict[str, dict[str, str]]) -> None:
    differences = []
    for code, row in reference.items():
        theirs = row["plover_event"]
        if not theirs or "(" in theirs:  # blank, or a root split between two types
            continue
        expected = None if theirs == "dropped" else OLD_PLOVER_NAMES.get(theirs, theirs)
        if ontology.get(code).plover != expected:
            differences.append((code, ontology.get(code).plover, expected))
    assert differences == []
