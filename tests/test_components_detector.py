"""The detector component's batching (tacitus.components.detector): the sentences of many Docs scored in one
call of the model, with the same scores as Doc by Doc, and a failing Doc sent to the error handler."""

from hand_docs import GIFTED_RICE, make_doc

from tacitus.components.detector import DetectorComponent

# "Russia attacked Ukraine ." (beside GIFTED_RICE of hand_docs)
ATTACKED = [
    ("Russia", 1, "nsubj", "PROPN", "NNP", "Russia", "B-GPE"),
    ("attacked", 1, "ROOT", "VERB", "VBD", "attack", "O"),
    ("Ukraine", 1, "dobj", "PROPN", "NNP", "Ukraine", "B-GPE"),
    (".", 1, "punct", "PUNCT", ".", ".", "O"),
]


def _docs():
    both = GIFTED_RICE + [(t, h + 6, d, p, tag, lemma, e) for t, h, d, p, tag, lemma, e in ATTACKED]
    return [make_doc(GIFTED_RICE), make_doc(both), make_doc(ATTACKED)]


def test_components_detector_pipe_scores_as_doc_by_doc():
    component = DetectorComponent("tacitus_detector")
    one_by_one = [component(doc)._.tacitus_detections for doc in _docs()]
    batched = [doc._.tacitus_detections for doc in component.pipe(_docs(), batch_size=2)]
    assert batched == one_by_one
    assert [[(d.start, d.end) for d in found] for found in batched] == [[(0, 6)], [(0, 6), (6, 10)], [(0, 4)]]


def test_components_detector_pipe_sends_a_failing_doc_to_the_error_handler():
    component = DetectorComponent("tacitus_detector")
    failed = []
    component.set_error_handler(lambda name, proc, docs, exc: failed.extend(docs))
    docs = _docs()
    broken = docs[1]
    score = component.detector.score_sentences

    def refuse(sentences):
        if any(s.doc is broken for s in sentences):
            raise ValueError("broken")
        return score(sentences)

    component.detector.score_sentences = refuse
    try:
        kept = list(component.pipe(docs, batch_size=3))
    finally:
        component.detector.score_sentences = score
    assert kept == [docs[0], docs[2]] and failed == [broken]
    assert all(doc._.tacitus_detections for doc in kept)
