"""Full-text search over the events' evidence sentences and their articles' titles, with a word index.

What a search means (the same with or without the index):

- a *word* is a run of letters and digits (Unicode), compared lower-cased: `Japan's` holds the words `japan` and
  `s`, and `japan` does not match `Japanese`;
- several words: an event matches when it has all of them, each in its sentence or in its article's title;
- `"peace talks"` in double quotes: a phrase, those words in that order with nothing between them, in the
  sentence or in the title;
- a word ending in `*` (`negotiat*`): any word that starts with it.

The index is the table `event_words` (migration `0010_event_words`): one row per distinct word of an event's
sentence and title, with the event's id. It is written in the transaction that writes the events (and emptied of
theirs in the one that replaces them), so that it is never out of step with them; `compact` rewrites it sorted by
word at the end of a run once enough unsorted rows have come in, so that a lookup reads only the few row groups
that hold the word. A database without the table (opened read-only before it was upgraded) is searched by a scan,
which gives the same rows: `tests/test_store_search.py` checks that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from ..errors import TacitusError
from .rows import by_keys, key_lists

#: A word, in DuckDB's regular expressions (RE2): letters and digits of any script.
WORD_PATTERN = r"[\pL\pN]+"
#: The words of a text column, lower-cased, as a DuckDB list (the one definition the index and the scan share).
_WORDS = "regexp_extract_all(lower(coalesce({col}, '')), '" + WORD_PATTERN + "')"
#: Anything that is not part of a word.
_NOT_WORD = r"[^\pL\pN]"
#: Parts of a query: a quoted phrase, or a run of anything but spaces and quotes.
_PART = re.compile(r'"([^"]*)"?|([^\s"]+)')
#: Rows coming in unsorted (since the last compaction) that make `compact` rewrite the index: this share of it.
COMPACT_SHARE = 0.10
MAX_TERMS = 16
#: Words starting with a prefix, as a range the index's sort order can skip to (then the exact test).
_PREFIX = "word >= ? AND word < ? AND starts_with(word, ?)"
_LAST = "\U0010ffff"
#: A word in at most this many events is looked up by their keys (each through the events' primary key).
RARE_POSTINGS = 500


class SearchError(TacitusError, ValueError):
    """A search text that cannot be used (no words, or too many); the message says why."""


@dataclass(frozen=True, slots=True)
class Search:
    """A parsed search: words, prefixes (`negotiat*`) and phrases (several words in a row), all lower-cased."""

    words: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        """Every word that must be there (the words and each phrase's words), once each."""
        seen = dict.fromkeys([*self.words, *(w for phrase in self.phrases for w in phrase)])
        return tuple(seen)


def words_of(con: duckdb.DuckDBPyConnection, texts: Sequence[str]) -> list[list[str]]:
    """The words of each text, by the rule the index uses (DuckDB's `lower` and `WORD_PATTERN`)."""
    if not texts:
        return []
    return con.execute(f"SELECT list_transform(?::VARCHAR[], lambda t: {_WORDS.format(col='t')})",
                       [list(texts)]).fetchall()[0][0]


def parse(con: duckdb.DuckDBPyConnection, text: str) -> Search:
    """Parse a search text into words, prefixes and phrases.

    Raises:
        SearchError: the text has no word (letters or digits) or more than `MAX_TERMS` of them.
    """
    phrases: list[str] = []
    loose: list[str] = []
    for match in _PART.finditer(text):
        if match[1] is not None:
            phrases.append(match[1])
        else:
            loose.append(match[2])
    split = words_of(con, phrases + loose)
    words: list[str] = []
    prefixes: list[str] = []
    grouped: list[tuple[str, ...]] = []
    for found in split[:len(phrases)]:
        if len(found) > 1:
            grouped.append(tuple(found))
        else:
            words.extend(found)
    for part, found in zip(loose, split[len(phrases):]):
        if found and part.endswith("*") and len(found) == 1:
            prefixes.append(found[0])
        elif len(found) > 1 and not part.strip("*").isalnum():
            grouped.append(tuple(found))  # "U.S.-led": its words in a row, as written
        else:
            words.extend(found)
    search = Search(tuple(dict.fromkeys(words)), tuple(dict.fromkeys(prefixes)), tuple(dict.fromkeys(grouped)))
    count = len(search.terms) + len(search.prefixes)
    if count == 0:
        raise SearchError(f"text must contain a word (letters or digits), got {text!r}")
    if count > MAX_TERMS:
        raise SearchError(f"text may hold at most {MAX_TERMS} words, got {count}")
    return search


def has_index(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the database has the word index (a database not yet upgraded has not)."""
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' "
                            "AND table_name = 'event_words'").fetchall()[0][0])


def clause(con: duckdb.DuckDBPyConnection, search: Search, *, event: str = "e", document: str = "d",
           use_index: bool | None = None) -> tuple[str, list, bool]:
    """A WHERE clause for the events (alias `event`) matching `search`: (SQL, its parameters, whether it reads
    the article's title from the documents under alias `document`, which the caller must then join).

    With the index, the words are looked up in `event_words` and only phrases are checked against the text (a word
    or prefix in no event: FALSE, nothing read); without it (or with `use_index=False`) every event's sentence and
    title is read.
    """
    indexed = has_index(con) if use_index is None else use_index
    parts: list[str] = []
    params: list = []
    needs_title = False
    counts = postings(con, search) if indexed else {}
    if indexed and min(counts.values()) == 0:
        return "FALSE", [], False
    rare = rare_rows(con, search, counts) if indexed else None
    words_left = list(search.terms)
    if rare is not None:
        # A rare word: the few events that hold it, found through the index and their keys; the other words are
        # then read from the text of those few, not looked up among all the events that hold them.
        word, rows = rare
        if not rows:
            return "FALSE", [], False
        parts.append(f"{event}.rowid = ANY(?::BIGINT[])")
        params.append(rows)
        words_left.remove(word)
        indexed = False
    if indexed:
        for word in words_left:
            parts.append(f"{event}.event_id IN (SELECT event_id FROM event_words WHERE word = ?)")
            params.append(word)
        for prefix in search.prefixes:
            parts.append(f"{event}.event_id IN (SELECT event_id FROM event_words WHERE {_PREFIX})")
            params += [prefix, prefix + _LAST, prefix]
    else:
        # Read from the text: each word (and prefix) a match of its own in the sentence and the title, joined by a
        # character that is no part of a word (a phrase's words are checked by the phrase itself).
        in_phrases = {w for phrase in search.phrases for w in phrase}
        text = f"lower(coalesce({event}.sentence, '') || chr(10) || coalesce({document}.title, ''))"
        for word in words_left:
            if word not in in_phrases:
                parts.append(f"regexp_matches({text}, ?)")
                params.append(f"(^|{_NOT_WORD}){word}({_NOT_WORD}|$)")
                needs_title = True
        for prefix in search.prefixes:
            parts.append(f"regexp_matches({text}, ?)")
            params.append(f"(^|{_NOT_WORD}){prefix}")
            needs_title = True
    for phrase in search.phrases:
        # The words in a row: each a whole word (no letter or digit either side), only other characters between.
        # Words are letters and digits only, so they need no escaping in the pattern.
        pattern = f"(^|{_NOT_WORD})" + f"{_NOT_WORD}+".join(phrase) + f"({_NOT_WORD}|$)"
        parts.append(f"(regexp_matches(lower(coalesce({event}.sentence, '')), ?) "
                     f"OR regexp_matches(lower(coalesce({document}.title, '')), ?))")
        params += [pattern, pattern]
        needs_title = True
    return "(" + " AND ".join(parts) + ")", params, needs_title


def postings(con: duckdb.DuckDBPyConnection, search: Search) -> dict[str, int]:
    """The number of index rows of each word and prefix (`negotiat*`) of the search: of a word, the events that
    hold it; of a prefix, an upper bound on them (an event counts once per word of it)."""
    counts = {w: con.execute("SELECT count(*) FROM event_words WHERE word = ?", [w]).fetchall()[0][0]
              for w in search.terms}
    counts.update({p + "*": con.execute(f"SELECT count(*) FROM event_words WHERE {_PREFIX}",
                                        [p, p + _LAST, p]).fetchall()[0][0] for p in search.prefixes})
    return counts


def rare_rows(con: duckdb.DuckDBPyConnection, search: Search,
              counts: dict[str, int] | None = None) -> tuple[str, list[int]] | None:
    """(the search's rarest word, the row numbers of the events that hold it) when it is in at most
    `RARE_POSTINGS` events; else None. `counts`: the search's `postings`, when the caller has them already. Row
    numbers hold only for the statement that reads them next."""
    counts = counts if counts is not None else postings(con, search)
    counts = sorted((counts[word], word) for word in search.terms)
    if not counts or counts[0][0] > RARE_POSTINGS:
        return None
    word = counts[0][1]
    ids = [row[0] for row in con.execute("SELECT event_id FROM event_words WHERE word = ?", [word]).fetchall()]
    if not ids:
        return word, []
    sql = by_keys("events", "rowid", "event_id", len(ids))
    return word, [row[0] for row in con.execute(sql, key_lists(ids)).fetchall()]


def rarest_postings(con: duckdb.DuckDBPyConnection, search: Search) -> int | None:
    """The number of index rows of the search's rarest word or prefix: an upper bound on the events that match
    (a prefix counts an event once per word of it); None without the index."""
    if not has_index(con):
        return None
    return min(postings(con, search).values())


# -- the index -------------------------------------------------------------------------------------------------
CREATE_SQL = "CREATE TABLE event_words (word VARCHAR NOT NULL, event_id VARCHAR NOT NULL)"
STATE_SQL = "CREATE TABLE event_words_state (sorted_rows BIGINT NOT NULL)"

_ROWS = f"""
    SELECT DISTINCT unnest(list_concat({_WORDS.format(col='e.sentence')}, {_WORDS.format(col='d.title')})) AS word,
           e.event_id
    FROM events e JOIN documents d ON d.doc_id = e.doc_id"""

#: The statements of the migration: the table, filled from the events already stored, sorted by word.
MIGRATION = (CREATE_SQL, f"INSERT INTO event_words {_ROWS} ORDER BY word, event_id", STATE_SQL,
             "INSERT INTO event_words_state SELECT count(*) FROM event_words")


def add_documents(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> None:
    """Index the events of these documents (just inserted). Call in the transaction that inserts them."""
    if doc_ids:
        con.execute(f"INSERT INTO event_words {_ROWS} WHERE e.doc_id IN (SELECT unnest(?::VARCHAR[]))",
                    [list(doc_ids)])


def forget_documents(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> None:
    """Take the events of these documents (about to be deleted or replaced) out of the index. Call in the
    transaction that deletes them, before it does."""
    if not doc_ids:
        return
    gone = [row[0] for row in con.execute("SELECT event_id FROM events WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                                          [list(doc_ids)]).fetchall()]
    if gone:
        con.execute("DELETE FROM event_words WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [gone])


def rebuild(con: duckdb.DuckDBPyConnection) -> int:
    """Build the index afresh from the stored events (for databases filled by other means than `ingest`, such
    as the benchmarks' generators), sorted; returns its number of rows. Runs in the caller's transaction, if any."""
    con.execute("DELETE FROM event_words")
    con.execute(f"INSERT INTO event_words {_ROWS} ORDER BY word, event_id")
    return _mark_sorted(con)


def _mark_sorted(con: duckdb.DuckDBPyConnection) -> int:
    rows = con.execute("SELECT count(*) FROM event_words").fetchall()[0][0]
    con.execute("DELETE FROM event_words_state")
    con.execute("INSERT INTO event_words_state VALUES (?)", [rows])
    return rows


def compact(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> bool:
    """Rewrite the index sorted by word when the rows added since it was last sorted are more than
    `COMPACT_SHARE` of it (or with `force`), in one transaction; returns whether it did."""
    rows = con.execute("SELECT count(*) FROM event_words").fetchall()[0][0]
    state = con.execute("SELECT max(sorted_rows) FROM event_words_state").fetchall()[0][0] or 0
    if not force and abs(rows - state) <= COMPACT_SHARE * max(state, 1):
        return False
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("CREATE TABLE event_words_sorted AS SELECT * FROM event_words ORDER BY word, event_id")
        con.execute("DROP TABLE event_words")
        con.execute("ALTER TABLE event_words_sorted RENAME TO event_words")
        _mark_sorted(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return True
