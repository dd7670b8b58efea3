"""Article-level evaluation on real news (tests/realnews): the corpus, record matching, figures and gates.

    corpus    check, assemble, split and load the annotated articles
    records   gold annotations and coded events in one comparable shape
    matching  one-to-one matching of an article's records, and the cause of every error
    metrics   record, field, per-root, metadata and reliability figures
    coding    code the articles as a user's scraped feed
    report    the figures as text
    gates     floors that only rise, and sha256 pins of gold files

`bench/realnews.py` prints the figures; `tests/test_realnews.py` is the gate.
"""
