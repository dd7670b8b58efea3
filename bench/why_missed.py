"""Why the coder misses the gold events of a real-news split that no prediction of their root and dyad explains.

`bench/realnews.py` calls such a miss *no trigger*. This script codes the split with the detector on, keeps each
coded Doc, and sorts each of those misses by what the pipeline had in the sentence that reports it:

- `dyad made, lost later`: the roles made a dyad of the gold root there, which did not survive or did not match;
- `candidate, no dyad`: a candidate of the gold root (rule or detector) that made no dyad;
- `other roots only`: candidates of other roots only;
- `scored >= T`, `scored 0.3..T`, `scored < 0.3`: no candidate at all, by the detector's score for the gold root
  (T: the fusion's threshold for it), each with why the fusion made nothing of that root: no trigger (a light
  main verb, a main verb the lexicon knows for another root, none), the main verb under its own threshold, no
  source, or actors found but no dyad (`right`/`wrong`: whether those actors are the gold record's).

    .venv/bin/python bench/why_missed.py --split dev
    .venv/bin/python bench/why_missed.py --split train --show "candidate, no dyad"

The test split is for measuring only: this script refuses it.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "realnews"


def _sentences(docs) -> dict:
    """Each sentence of the coded Docs by its collapsed text: (doc, sentence, its scores, candidates, dyads)."""
    from tacitus.evaluation.records import collapse

    found = {}
    for doc in docs:
        scores = {d.start: d for d in (doc._.tacitus_detections or [])}
        candidates = doc._.tacitus_candidates
        for sentence in doc.sents:
            inside = [c for c in candidates if sentence.start <= c.trigger < sentence.end]
            dyads = [d for d in doc._.tacitus_dyads if sentence.start <= candidates[d.candidate].trigger < sentence.end]
            found.setdefault(collapse(sentence.text), (doc, sentence, scores.get(sentence.start), inside, dyads))
    return found


def _fusion_verdict(fusion, doc, sentence, gold) -> str:
    """Why the fusion proposes nothing of the gold record's root in its sentence (whatever the score)."""
    from tacitus.components.mentions import mention_index
    from tacitus.evaluation.records import actor_key
    from tacitus.modality import word_forms

    trigger, _, how = fusion.trigger(sentence, gold.root)
    if trigger is None:
        main = fusion.main_verb(sentence)
        if main is None:
            return "no trigger: no main verb"
        if word_forms(main.lemma_, main.text) & fusion.parse.grammar.light_verbs:
            return "no trigger: a light main verb"
        return "no trigger: the main verb is another root's"
    if how == "main verb":
        return "main verb (needs the main-verb threshold)"
    sources, targets, _ = fusion.actors(trigger, sentence, mention_index(doc), list(doc._.tacitus_coref or ()),
                                        targeted=how != "lexicon, no target", root=gold.root)
    if not sources:
        return "lexicon trigger, no source"
    right = gold.source.key in {actor_key(a) for a in sources} and (
        gold.target_key is None or gold.target_key in {actor_key(a) for a in targets})
    return f"lexicon trigger, actors found ({'right' if right else 'wrong'})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "dev"), default="dev")
    parser.add_argument("--show", default="", help="also list the misses whose cause starts with this")
    args = parser.parse_args(argv)

    import tacitus.coder as coder
    from tacitus.evaluation.coding import code_corpus
    from tacitus.evaluation.corpus import load_corpus
    from tacitus.evaluation.metrics import evaluate
    from tacitus.evaluation.records import collapse
    from tacitus.pipeline import load_pipeline

    docs = []
    assemble = coder.assemble_events

    def keeping(doc, doc_id, offset=0):
        docs.append(doc)
        return assemble(doc, doc_id, offset)

    coder.assemble_events = keeping  # the coder's own path, with its Docs kept
    try:
        corpus = load_corpus(CORPUS, args.split)
        evaluation = evaluate(corpus.gold, code_corpus(corpus, detector=True))
    finally:
        coder.assemble_events = assemble
    fusion = load_pipeline(detector=True).get_pipe("tacitus_events").fusion
    sentences = _sentences(docs)
    causes: Counter[str] = Counter()
    shown = []
    for error in evaluation.errors:
        if not error.missed or error.cause != "no trigger":
            continue
        gold = error.gold
        mentions = [collapse(m) for m in gold.mentions if collapse(m)]
        found = next((v for m in mentions for k, v in sentences.items() if m in k or k in m), None)
        if found is None:
            cause = "sentence not found"
        else:
            doc, sentence, scores, candidates, dyads = found
            score = scores.score(gold.root) if scores is not None else 0.0
            threshold = fusion.settings.threshold_for(gold.root)
            if any(d.code.startswith(gold.root) for d in dyads):
                cause = "dyad made, lost later"
            elif any(c.code.startswith(gold.root) for c in candidates):
                cause = "candidate, no dyad"
            elif candidates:
                cause = "other roots only"
            else:
                band = (f"scored >= {threshold:.2f}" if score >= threshold else
                        f"scored 0.3..{threshold:.2f}" if score >= 0.3 else "scored < 0.3")
                cause = f"{band}: {_fusion_verdict(fusion, doc, sentence, gold)}"
            if args.show and cause.startswith(args.show):
                shown.append(f"{gold.describe()}  p={score:.2f}  « {sentence.text.strip()[:160]} »")
        causes[cause] += 1
    print(f"split {args.split}: {sum(causes.values())} misses with no trigger")
    for cause, count in sorted(causes.items(), key=lambda item: (-item[1], item[0])):
        print(f"{count:6}  {cause}")
    for line in shown:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
