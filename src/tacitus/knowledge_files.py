"""All the knowledge files of a data directory, loaded and validated together, and their fingerprint.

A data directory is laid out like the package's `data/`: actors/, places/, ontology/cameo.tsv and lexicon/
(verbs, nouns, modality, grammar and context YAML). `load_pipeline(data_dir=...)` runs a user's copy of it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .context import SportsCues, load_context
from .grammar import Grammar, load_grammar
from .knowledge import Knowledge, load_knowledge
from .lexicon import Lexicon, load_lexicon
from .modality import Modality, load_modality
from .ontology import load_ontology

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class KnowledgeFiles:
    """The knowledge the components read: actors and places, the lexicon, the modality cues, the grammar."""

    knowledge: Knowledge
    lexicon: Lexicon
    modality: Modality
    grammar: Grammar
    sports: SportsCues


@lru_cache(maxsize=4)
def load_knowledge_files(data_dir: str | None = None) -> KnowledgeFiles:
    """Load and check every knowledge file of `data_dir` (None: the packaged files); each directory once.

    Raises:
        DataFileError: a file is missing or malformed; the message names the file and line.
    """
    if data_dir is None:
        return KnowledgeFiles(load_knowledge(), load_lexicon(), load_modality(), load_grammar(), load_context())
    root = Path(data_dir)
    lexicon = root / "lexicon"
    ontology = load_ontology(root / "ontology" / "cameo.tsv")
    return KnowledgeFiles(load_knowledge(root), load_lexicon(lexicon / "verbs.yaml", lexicon / "nouns.yaml", ontology),
                          load_modality(lexicon / "modality.yaml"), load_grammar(lexicon / "grammar.yaml"),
                          load_context(lexicon / "context.yaml"))


def knowledge_version(data_dir: str | Path | None = None) -> str:
    """A fingerprint of the knowledge files (lexicon, ontology, actors, places): 12 hex digits."""
    data = Path(data_dir) if data_dir is not None else DATA_DIR
    digest = hashlib.sha1()
    for path in sorted(p for p in data.rglob("*") if p.is_file() and p.suffix in (".tsv", ".yaml")):
        digest.update(str(path.relative_to(data)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
