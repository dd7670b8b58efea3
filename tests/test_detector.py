"""The trained detector: its shipped files, its settings, its component and its fusion with the rules.

The tests load the weights shipped under the package; none trains (`make train` does).
"""

import json
import shutil

import pytest
from hand_docs import GIFTED_RICE, WILL_NOT_VISIT, country, make_doc, mention

from tacitus.components.detector import DetectorComponent, SentenceScores
from tacitus.components.events import EventCoder
from tacitus.components.fusion import Fusion
from tacitus.components.parse import ParseReader
from tacitus.detector import (LABELS, MODEL_DIR, ROOTS, Calibration, Settings, load_detector, read_detector,
                              read_settings, sentence_words)
from tacitus.errors import ModelError
from tacitus.knowledge_files import load_knowledge_files
from tacitus.model import Actor

PUTIN = Actor("Putin", "Vladimir Putin", "RUS", "GOV", "RUSGOV")
# "Japan gifted rice to Haiti ." — no pattern of the lexicon knows "gift"


def _scores(start, end, **roots):
    full = {root: 0.01 for root in ROOTS} | {k.removeprefix("r"): v for k, v in roots.items()}
    return SentenceScores(start, end, tuple(sorted(full.items(), key=lambda kv: (-kv[1], kv[0]))))


def _fusion(**settings):
    files = load_knowledge_files()
    parse = ParseReader(files.grammar, files.lexicon, files.modality)
    return Fusion(parse, files.modality, Settings(**settings), "test-model")


def _predict(text):
    from tacitus.pipeline import load_pipeline

    [sentence] = load_pipeline()(text)._.tacitus_detections
    return dict(sentence.scores)


# -- the shipped model ----------------------------------------------------------------------------------------
def test_detector_ships_with_the_package_and_scores_every_root():
    detector = load_detector()
    scores = _predict("Japan pledged $27 million in emergency humanitarian aid to Turkey.")
    assert set(scores) == set(ROOTS)
    assert all(0.0 <= p <= 1.0 for p in scores.values())
    assert set(detector.nlp.get_pipe("textcat_multilabel").labels) == set(LABELS)


def test_detector_reads_lemmas_with_entities_as_their_types():
    doc = make_doc(GIFTED_RICE)
    assert sentence_words(doc[:]) == ["GPE", "gift", "rice", "to", "GPE", "."]


@pytest.mark.parametrize(("sentence", "roots"), [
    ("Japan pledged $27 million in emergency humanitarian aid to Turkey.", {"07", "03"}),
    ("Rebels attacked an army base in the north, killing 12 soldiers.", {"18", "19"}),
    ("The foreign ministers of France and Germany met in Berlin on Monday.", {"04"}),
])
def test_detector_finds_the_root_of_a_plain_news_sentence(sentence, roots):
    scores = _predict(sentence)
    assert max(scores, key=scores.get) in roots


def test_detector_scores_a_sports_result_low():
    scores = _predict("Manchester United beat Arsenal 2-1 in the Premier League on Sunday.")
    assert max(scores.values()) < load_detector().settings.threshold


def test_detector_metadata_records_how_it_was_trained():
    meta = json.loads((MODEL_DIR / "detector.json").read_text())
    assert meta["seed"] >= 0 and meta["data"]["train_real_sentences"] > 0
    assert 0.0 < meta["threshold"] < 1.0


# -- its files and settings ------------------------------------------------------------------------------------
def test_read_detector_names_a_directory_without_a_model(tmp_path):
    with pytest.raises(ModelError, match="no trained detector"):
        read_detector(tmp_path)


def test_read_detector_rejects_a_damaged_settings_file(tmp_path):
    shutil.copytree(MODEL_DIR, tmp_path / "detector")
    (tmp_path / "detector" / "detector.json").write_text("{not json")
    with pytest.raises(ModelError, match="not readable JSON"):
        read_detector(tmp_path / "detector")


@pytest.mark.parametrize(("raw", "message"), [
    ({"threshold": 1.5}, "threshold must lie in"),
    ({"threshold": "high"}, "must be numbers"),
    ({"root_thresholds": {"21": 0.5}}, "unknown roots"),
    ({"calibration": {"edges": [0.5, 1.0], "values": [0.9, 0.2]}}, "ascending"),
    ({"calibration": {"edges": [1.0], "values": [0.2, 0.3]}}, "one length"),
    ({"calibration": [0.1]}, "a calibration is"),
])
def test_read_settings_rejects_bad_values(raw, message):
    with pytest.raises(ModelError, match=message):
        read_settings(raw)


def test_calibration_maps_scores_through_its_bins_and_is_the_identity_when_empty():
    calibration = Calibration((0.3, 0.6, 1.0), (0.1, 0.4, 0.8))
    assert [calibration(x) for x in (0.0, 0.3, 0.31, 0.6, 0.9, 1.0)] == [0.1, 0.1, 0.4, 0.4, 0.8, 0.8]
    assert Calibration()(0.37) == 0.37
    # a score is binned as its event writes it, to three decimals (the bins were fitted to those)
    assert calibration(0.30049) == 0.1 and calibration(0.3006) == 0.4


def test_settings_give_a_root_its_own_threshold():
    settings = Settings(threshold=0.5, root_thresholds={"19": 0.7})
    assert (settings.threshold_for("19"), settings.threshold_for("04")) == (0.7, 0.5)


# -- the component ---------------------------------------------------------------------------------------------
def test_detector_component_scores_each_sentence_of_a_doc():
    doc = make_doc(GIFTED_RICE + [(t, h + 6, d, p, tag, lemma, e) for t, h, d, p, tag, lemma, e in GIFTED_RICE])
    doc = DetectorComponent("tacitus_detector")(doc)
    detections = doc._.tacitus_detections
    assert [(d.start, d.end) for d in detections] == [(0, 6), (6, 12)]
    assert all(len(d.scores) == len(ROOTS) for d in detections)
    assert detections[0].scores == detections[1].scores  # the same words score the same
    assert detections[0].top == max(p for _, p in detections[0].scores)


def test_detector_component_travels_with_to_disk(tmp_path):
    component = DetectorComponent("tacitus_detector")
    component.to_disk(tmp_path)
    assert (tmp_path / "detector" / "detector.json").is_file()
    loaded = DetectorComponent("tacitus_detector").from_disk(tmp_path)
    assert loaded.model_dir == str(tmp_path / "detector")
    sentence = _gifted_doc()[:]
    assert loaded.detector.score_sentences([sentence]) == component.detector.score_sentences([sentence])


# -- fusion ----------------------------------------------------------------------------------------------------
def _gifted_doc():
    doc = make_doc(GIFTED_RICE)
    doc._.tacitus_coref = [mention(doc, 0, country("JPN")), mention(doc, 4, country("HTI"))]
    return doc


def test_fusion_adds_an_event_the_rules_missed_with_the_parse_actors():
    doc = _gifted_doc()
    [candidate] = _fusion(threshold=0.5)(doc, [], [_scores(0, 6, r07=0.91)], {0: doc._.tacitus_coref[0],
                                                                             4: doc._.tacitus_coref[1]},
                                         doc._.tacitus_coref)
    assert (candidate.trigger, candidate.code, candidate.kind) == (1, "070", "model")
    assert [a.code for a in candidate.sources] == ["JPN"] and [a.code for a in candidate.targets] == ["HTI"]
    assert candidate.rule.startswith("model:test-model[07] p=0.91 trigger main verb gift[070] subject→")


def test_fusion_takes_no_main_verb_the_lexicon_knows_for_another_root():
    # "Japan urged Haiti ." scored 14 (protest): "urge" is an appeal (02) in the lexicon, so the protest the detector
    # scores is not in this verb, and nothing is added
    rows = [("Japan", 1, "nsubj", "PROPN", "NNP", "Japan", "B-GPE"),
            ("urged", 1, "ROOT", "VERB", "VBD", "urge", "O"),
            ("Haiti", 1, "dobj", "PROPN", "NNP", "Haiti", "B-GPE"),
            (".", 1, "punct", "PUNCT", ".", ".", "O")]
    doc = make_doc(rows)
    doc._.tacitus_coref = [mention(doc, 0, country("JPN")), mention(doc, 2, country("HTI"))]
    index = {m.head: m for m in doc._.tacitus_coref}
    assert _fusion(threshold=0.5)(doc, [], [_scores(0, 4, r14=0.99)], index, doc._.tacitus_coref) == []


def test_fusion_adds_nothing_below_the_threshold():
    doc = _gifted_doc()
    index = {m.head: m for m in doc._.tacitus_coref}
    assert _fusion(threshold=0.95)(doc, [], [_scores(0, 6, r07=0.91)], index, doc._.tacitus_coref) == []
    assert _fusion(threshold=0.5, root_thresholds={"07": 0.95})(
        doc, [], [_scores(0, 6, r07=0.91)], index, doc._.tacitus_coref) == []


def test_fusion_calibrates_the_confidence_of_its_events():
    doc = _gifted_doc()
    index = {m.head: m for m in doc._.tacitus_coref}
    fusion = _fusion(threshold=0.5, calibration=Calibration((0.8, 1.0), (0.3, 0.6)))
    [candidate] = fusion(doc, [], [_scores(0, 6, r07=0.91)], index, doc._.tacitus_coref)
    assert candidate.confidence == 0.6


def test_fusion_keeps_rule_events_and_adds_none_of_their_root():
    doc = make_doc(WILL_NOT_VISIT)
    doc._.tacitus_coref = [mention(doc, 0, PUTIN, kind="person"), mention(doc, 4, country("JPN"))]
    rules = EventCoder("tacitus_events", model_dir="off")(doc)._.tacitus_candidates
    index = {m.head: m for m in doc._.tacitus_coref}
    fused = _fusion(threshold=0.5)(doc, rules, [_scores(0, len(doc), r04=0.97)], index, doc._.tacitus_coref)
    assert [(c.code, c.kind) for c in fused] == [("042", "verb")]


def test_fusion_drops_a_rule_event_of_a_sentence_the_detector_is_sure_reports_none():
    doc = make_doc(WILL_NOT_VISIT)
    doc._.tacitus_coref = [mention(doc, 0, PUTIN, kind="person"), mention(doc, 4, country("JPN"))]
    rules = EventCoder("tacitus_events", model_dir="off")(doc)._.tacitus_candidates
    index = {m.head: m for m in doc._.tacitus_coref}
    assert _fusion(veto=0.05)(doc, rules, [_scores(0, len(doc))], index, doc._.tacitus_coref) == []
    assert len(_fusion(veto=0.005)(doc, rules, [_scores(0, len(doc))], index, doc._.tacitus_coref)) == 1


def test_events_component_fuses_only_when_the_doc_has_detections():
    doc = _gifted_doc()
    assert EventCoder("tacitus_events")(doc)._.tacitus_candidates == []
    doc = _gifted_doc()
    doc._.tacitus_detections = [_scores(0, 6, r07=0.99)]
    [candidate] = EventCoder("tacitus_events")(doc)._.tacitus_candidates
    assert candidate.kind == "model" and candidate.code == "070"
    doc = _gifted_doc()
    doc._.tacitus_detections = [_scores(0, 6, r07=0.99)]
    assert EventCoder("tacitus_events", model_dir="off")(doc)._.tacitus_candidates == []


# -- the pipeline ----------------------------------------------------------------------------------------------
def test_pipeline_runs_the_detector_unless_told_not_to(monkeypatch):
    from tacitus.pipeline import detector_default, load_pipeline

    assert "tacitus_detector" in load_pipeline().pipe_names
    assert "tacitus_detector" not in load_pipeline(detector=False).pipe_names
    monkeypatch.setenv("TACITUS_DETECTOR", "off")
    assert detector_default() is False
    assert "tacitus_detector" not in load_pipeline().pipe_names


def test_fusion_drops_a_verb_event_only_when_the_detector_is_sure_of_another_root():
    doc = make_doc(WILL_NOT_VISIT)
    doc._.tacitus_coref = [mention(doc, 0, PUTIN, kind="person"), mention(doc, 4, country("JPN"))]
    rules = EventCoder("tacitus_events", model_dir="off")(doc)._.tacitus_candidates
    index = {m.head: m for m in doc._.tacitus_coref}
    fusion = _fusion(threshold=0.5, root_veto=0.05)
    sure_of_another = [_scores(0, len(doc), r19=0.9, r04=0.01)]
    unsure = [_scores(0, len(doc), r19=0.3, r04=0.01)]
    # the visit goes; the detector's own proposal of root 19 may take its place
    assert [c.code[:2] for c in fusion(doc, rules, sure_of_another, index, doc._.tacitus_coref)
            if c.kind == "verb"] == []
    [kept] = fusion(doc, rules, unsure, index, doc._.tacitus_coref)
    assert kept.code == "042"
    assert kept.rule.endswith("test-model p[04]=0.01")


def _massacres_doc(**roots):
    from hand_docs import CONDEMN_MASSACRES

    doc = make_doc(CONDEMN_MASSACRES)
    doc._.tacitus_coref = [mention(doc, 0, country("USA", "GOV", "We"), kind="speaker"),
                           mention(doc, 10, country("SYR", "CVL", "Syrian civilians"), start=9, kind="group")]
    doc._.tacitus_detections = [_scores(0, len(doc), **roots)]
    return doc


def test_fusion_gives_a_rule_event_the_target_its_pattern_missed_when_the_detector_agrees():
    # "We condemn in the strongest terms the massacres of Syrian civilians": the parse hangs the massacres on
    # "terms", so the pattern finds no object; the first actor named after the verb, in its phrase, is the target
    events = EventCoder("tacitus_events")(_massacres_doc(r11=0.9))._.tacitus_candidates
    condemn = next(c for c in events if c.code.startswith("11"))
    assert [a.code for a in condemn.targets] == ["SYRCVL"]
    assert "+ target: mention after (tacitus-detector-1 p=0.90)" in condemn.rule
    unsure = EventCoder("tacitus_events")(_massacres_doc(r11=0.3))._.tacitus_candidates
    assert all(not c.targets for c in unsure if c.code.startswith("11"))


def test_fusion_keeps_violence_with_no_named_actor_only_when_the_detector_agrees():
    # the headline "Massacres of Syrian civilians": nobody is named as their author
    rows = [("Massacres", 0, "ROOT", "NOUN", "NNS", "massacre", "O"),
            ("of", 0, "prep", "ADP", "IN", "of", "O"),
            ("Syrian", 3, "amod", "ADJ", "JJ", "syrian", "B-NORP"),
            ("civilians", 1, "pobj", "NOUN", "NNS", "civilian", "O")]

    def massacres(score):
        doc = make_doc(rows)
        doc._.tacitus_coref = [mention(doc, 3, country("SYR", "CVL", "Syrian civilians"), start=2, kind="group")]
        doc._.tacitus_detections = [_scores(0, len(doc), r20=score)]
        return EventCoder("tacitus_events")(doc)._.tacitus_candidates

    [massacre] = massacres(0.9)
    assert (massacre.code[:2], massacre.kind, massacre.sources) == ("20", "noun", ())
    assert [a.code for a in massacre.targets] == ["SYRCVL"]
    assert massacres(0.1) == []


def test_fusion_takes_no_place_for_a_target():
    # "SADC leaders met in Lesotho": Lesotho is where they met, not whom they met
    rows = [("SADC", 1, "compound", "PROPN", "NNP", "SADC", "B-ORG"),
            ("leaders", 2, "nsubj", "NOUN", "NNS", "leader", "O"),
            ("met", 2, "ROOT", "VERB", "VBD", "meet", "O"),
            ("in", 2, "prep", "ADP", "IN", "in", "O"),
            ("Lesotho", 3, "pobj", "PROPN", "NNP", "Lesotho", "B-GPE"),
            (".", 2, "punct", "PUNCT", ".", ".", "O")]
    doc = make_doc(rows)
    sadc = Actor("SADC", "Southern African Development Community", None, "IGO", "IGOSADC")
    doc._.tacitus_coref = [mention(doc, 1, sadc, start=0, kind="group"), mention(doc, 4, country("LSO"))]
    doc._.tacitus_detections = [_scores(0, len(doc), r04=0.97)]
    candidates = EventCoder("tacitus_events")(doc)._.tacitus_candidates
    assert all("LSO" not in [a.code for a in c.targets] for c in candidates)


def test_fusion_takes_no_place_for_a_source():
    # "In the city of Tripoli fighting erupted.": Tripoli is where the fighting was, not who fought
    rows = [("In", 6, "prep", "ADP", "IN", "in", "O"),
            ("the", 2, "det", "DET", "DT", "the", "O"),
            ("city", 0, "pobj", "NOUN", "NN", "city", "O"),
            ("of", 2, "prep", "ADP", "IN", "of", "O"),
            ("Tripoli", 3, "pobj", "PROPN", "NNP", "Tripoli", "B-GPE"),
            ("fighting", 6, "nsubj", "NOUN", "NN", "fighting", "O"),
            ("erupted", 6, "ROOT", "VERB", "VBD", "erupt", "O"),
            (".", 6, "punct", "PUNCT", ".", ".", "O")]
    doc = make_doc(rows)
    doc._.tacitus_coref = [mention(doc, 4, country("LBY", "GOV", "Tripoli"))]
    doc._.tacitus_detections = [_scores(0, len(doc), r19=0.97)]
    candidates = EventCoder("tacitus_events")(doc)._.tacitus_candidates
    assert all("LBYGOV" not in [a.code for a in c.sources] for c in candidates)
    fusion = EventCoder("tacitus_events", model_dir=None).fusion
    assert fusion.is_place(doc[4]) and not fusion.is_place(doc[2])
