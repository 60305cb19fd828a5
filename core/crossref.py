"""`whoknows crossref TARGETS`: a whole list of target companies against the store, with pandas.

Reading: a CSV or TSV (encoding and delimiter sniffed), an Excel workbook, or plain text with
one company per line. The company column is found by name; the other columns are carried
through to the results.

Joining: each distinct target is resolved to company keys once, exactly as `whoknows COMPANY`
resolves it; the keys are merged against every contact's company key, read once from SQLite;
each (person, key) pair is described once. Per target, the people are the ones
`query.find_people` would return, in the same order.

pandas is imported by this module only, and this module only by the `crossref` command.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from whoknows import query
from whoknows.aliases import ensure_fresh
from whoknows.companies import company_key
from whoknows.errors import BadInput
from whoknows.inputs import decode
from whoknows.store import Store

COMPANY_COLUMNS = (
    "company",
    "company name",
    "companyname",
    "company_name",
    "organization",
    "organisation",
    "organization name",
    "organisation name",
    "org",
    "employer",
    "employer name",
    "firma",
    "unternehmen",
    "arbeitgeber",
    "entreprise",
    "société",
    "societe",
    "employeur",
    "empresa",
    "azienda",
    "bedrijf",
    "werkgever",
    "företag",
    "foretag",
    "target",
    "target company",
    "account name",
)
"""Headers taken as the company column (compared case-insensitively, spaces squeezed)."""

COMPANY_WORDS = ("company", "employer", "organization", "organisation")
"""A header containing one of these words is the company column, if it is the only one."""

TABLE_SUFFIXES = (".csv", ".tsv", ".tab")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
DELIMITERS = ("\t", ";", ",")
HEADER_SEARCH_ROWS = 10
RESERVED = ("target", "people", "best", "suggestions")
"""Keys of a result object; a carried column with one of these names gets " (column)" added."""

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


# Reading the target list ------------------------------------------------------------------


def read_targets(source: str | Path, column: str | None = None) -> pd.DataFrame:
    """The target list at `source` ("-" is standard input) as a frame.

    The frame has a ``target`` column (the company as written) and then the carried columns,
    all as strings, one row per row of the file that names a company.
    """
    label = "<stdin>" if str(source) == "-" else str(source)
    data = _read_bytes(source, label)
    if not data.strip():
        raise BadInput(label, "empty file: expected a CSV, TSV, Excel sheet or one company a line")
    suffix = Path(label).suffix.lower()
    if data.startswith(ZIP_MAGIC) or suffix in EXCEL_SUFFIXES:
        table = _read_excel(data, label, column)
    elif data.startswith(OLE_MAGIC):
        raise BadInput(
            label,
            "an old .xls or password-protected workbook: save it as .xlsx or CSV first",
        )
    else:
        table = _read_text(decode(data, label), label, suffix, column)
    if table.empty:
        raise BadInput(label, "no company names in it")
    return table


def _read_bytes(source: str | Path, label: str) -> bytes:
    if str(source) == "-":
        return sys.stdin.buffer.read()
    path = Path(source)
    if path.is_dir():
        raise BadInput(label, "is a folder: expected a CSV, TSV, Excel or text file")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise BadInput(label, "no such file") from None
    except OSError as e:
        raise BadInput(label, f"cannot read it ({e.strerror or e})") from None


def _read_text(text: str, label: str, suffix: str, column: str | None) -> pd.DataFrame:
    """A delimited table, or else a plain list of companies, one a line."""
    lines = [line for line in text.splitlines() if line.strip()]
    delimiter = _sniff_delimiter(lines, suffix)
    if delimiter is not None:
        head = list(csv.reader(lines[:HEADER_SEARCH_ROWS], delimiter=delimiter))
        found = _find_header(head, column)
        if found is not None:
            row, name = found
            frame = _parse_csv(_from_line(text, lines[row]), delimiter)
            return _targets(frame, name)
        if suffix in TABLE_SUFFIXES or column is not None or _looks_tabular(head, delimiter):
            raise _no_column(label, head[0] if head else [], column)
    if column is not None:
        raise _no_column(label, [], column)
    companies = [line.strip() for line in lines if not line.lstrip().startswith("#")]
    return pd.DataFrame({"target": companies}, dtype=object)


def _parse_csv(text: str, delimiter: str) -> pd.DataFrame:
    """The table under its header line; a row with extra cells keeps the first ones."""
    options: dict[str, Any] = dict(sep=delimiter, dtype=str, keep_default_na=False, index_col=False)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.ParserWarning)  # extra cells dropped
            return pd.read_csv(io.StringIO(text), **options)
    except pd.errors.ParserError:
        header = next(csv.reader(io.StringIO(text), delimiter=delimiter))
        return pd.read_csv(
            io.StringIO(text),
            engine="python",
            on_bad_lines=lambda cells: cells[: len(header)],
            **options,
        )


def _sniff_delimiter(lines: list[str], suffix: str) -> str | None:
    """The delimiter whose field count is the most consistent over the first lines."""
    if suffix in (".tsv", ".tab"):
        return "\t"
    sample = lines[: HEADER_SEARCH_ROWS * 2]
    best, best_rows = None, 0
    for delimiter in DELIMITERS:
        counts = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        if not counts or max(counts) < 2:
            continue
        usual = max(set(counts), key=counts.count)
        rows = counts.count(usual) if usual > 1 else 0
        if rows > best_rows:
            best, best_rows = delimiter, rows
    if best is None and suffix in TABLE_SUFFIXES:
        return ","
    return best


def _looks_tabular(head: list[list[str]], delimiter: str) -> bool:
    """Whether text with no company column is still a table (so not a plain list).

    Company names contain commas ("Stripe, Inc."), so a comma table needs 3 columns or more.
    """
    counts = [len(row) for row in head]
    usual = max(set(counts), key=counts.count)
    return counts.count(usual) >= max(2, len(counts) // 2) and usual >= (
        3 if delimiter == "," else 2
    )


def _from_line(text: str, line: str) -> str:
    """`text` from the first line equal to `line` on."""
    offset = 0
    for candidate in text.splitlines(keepends=True):
        if candidate.splitlines()[0] == line:
            return text[offset:]
        offset += len(candidate)
    return text


def _read_excel(data: bytes, label: str, column: str | None) -> pd.DataFrame:
    """The first sheet of a workbook that has a company column."""
    try:
        sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, header=None, engine="openpyxl")
    except Exception as e:  # openpyxl raises many kinds on a broken or foreign file
        raise BadInput(label, f"not a readable .xlsx workbook ({type(e).__name__}: {e})") from None
    first_header: list[str] = []
    for sheet in sheets.values():
        sheet = sheet.map(_cell_text)
        head = sheet.head(HEADER_SEARCH_ROWS).values.tolist()
        found = _find_header(head, column)
        if found is not None:
            row, name = found
            body = sheet.iloc[row + 1 :].reset_index(drop=True)
            body.columns = _unique([str(h).strip() for h in sheet.iloc[row]])
            return _targets(body, name)
        if not first_header and head:
            first_header = next((r for r in head if any(r)), [])
    raise _no_column(label, first_header, column)


def _cell_text(value: Any) -> str:
    """A spreadsheet cell as text: dates without a midnight time, whole numbers without .0."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        n = seen.get(name, 0)
        seen[name] = n + 1
        out.append(name if n == 0 else f"{name}.{n}")
    return out


def _squeeze(header: Any) -> str:
    return re.sub(r"[\s_]+", " ", str(header).replace("\ufeff", "")).strip().lower()


def _find_header(rows: list[list[Any]], column: str | None) -> tuple[int, str] | None:
    """(row index, header) of the first row in `rows` that has the company column."""
    for n, row in enumerate(rows):
        headers = [str(h).replace("\ufeff", "").strip() for h in row]
        name = company_column(headers, column)
        if name is not None:
            return n, name
    return None


def company_column(headers: list[str], column: str | None = None) -> str | None:
    """Which of `headers` holds the company: `column` if given, else one found by name."""
    squeezed = {_squeeze(h): h for h in reversed(headers) if str(h).strip()}
    if column is not None:
        return squeezed.get(_squeeze(column))
    for name in COMPANY_COLUMNS:
        if name in squeezed:
            return squeezed[name]
    loose = [h for s, h in squeezed.items() if any(w in s.split() for w in COMPANY_WORDS)]
    return loose[0] if len(loose) == 1 else None


def _no_column(label: str, headers: list[Any], column: str | None) -> BadInput:
    found = ", ".join(repr(str(h).strip()) for h in headers if str(h).strip()) or "none"
    wanted = f"no column {column!r}" if column else "no company column"
    hint = "" if column else " (name it Company, or use --column NAME)"
    return BadInput(label, f"{wanted}{hint}; columns found: {found}")


def _targets(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """`frame` reordered as ``target`` + carried columns; rows without a company dropped."""
    frame = frame.rename(columns=lambda c: str(c).replace("\ufeff", "").strip())
    frame = frame.fillna("").astype(str)
    frame = frame.loc[:, [c for c in frame.columns if c == name or _keep(frame[c], c)]]
    carried = [c for c in frame.columns if c != name]
    out = pd.DataFrame({"target": frame[name].str.strip()})
    for c in carried:
        out[f"{c} (column)" if c in RESERVED else c] = frame[c].str.strip()
    return out[out["target"] != ""].reset_index(drop=True)


def _keep(values: pd.Series, header: str) -> bool:
    """Carry a column unless it is an unnamed, empty one (a trailing delimiter)."""
    unnamed = not header or header.startswith("Unnamed:") or header.lower() == "nan"
    return not unnamed or bool((values.str.strip() != "").any())


# The join ----------------------------------------------------------------------------------


def resolve(
    store: Store, names: Iterable[str], index: query.LoadedAliasIndex
) -> tuple[dict[str, int], list[query.Target]]:
    """Resolve each distinct name as `whoknows COMPANY` does, from the alias tables read into
    memory (`index`: one look-up per name would cost more than the reading).

    Returns each name's resolution id and the distinct resolutions: names written differently
    that resolve alike ("Stripe", "Stripe, Inc.") share one id, and so their people.
    """
    conn = store.conn
    ids: dict[tuple, int] = {}
    resolutions: list[query.Target] = []
    of_name: dict[str, int] = {}
    for name in names:
        if name in of_name:
            continue
        target = query.resolve(conn, name, index=index)
        signature = (target.name, tuple(sorted(target.keys.items())), tuple(sorted(target.domains)))
        if signature not in ids:
            ids[signature] = len(resolutions)
            resolutions.append(target)
        of_name[name] = ids[signature]
    return of_name, resolutions


def read_companies(store: Store) -> pd.DataFrame:
    """Every contact's company key with its person (none without a company): one scan of
    the covering index `contacts_company_person`, its rows joined into one row of two texts
    (a row each costs more than splitting them; company keys are letters and digits only)."""
    keys, people = store.conn.execute(
        "SELECT group_concat(company_key, char(10)), group_concat(person_id) "
        "FROM contacts WHERE company_key > '' AND person_id IS NOT NULL"
    ).fetchone()
    return pd.DataFrame(
        {
            "key": pd.Series(keys.split("\n") if keys else [], dtype=object),
            "person_id": pd.Series(np.array(people.split(",") if people else [], dtype=np.int64)),
        }
    )


def read_domains(store: Store) -> pd.DataFrame:
    """Every contact's work email domain with its person."""
    rows = store.conn.execute(
        "SELECT DISTINCT k.value, c.person_id FROM contact_keys k "
        "JOIN contacts c ON c.id = k.contact_id WHERE k.kind = 'domain'"
    ).fetchall()
    return _frame(rows, ["domain", "person_id"])


def _frame(rows: list[tuple[str, int]], columns: list[str]) -> pd.DataFrame:
    """(text, number) rows as a frame, built column by column (row by row costs twice as
    much); the text stays Python strings, as the resolutions' keys are."""
    texts, numbers = zip(*rows, strict=True) if rows else ((), ())
    return pd.DataFrame(
        {
            columns[0]: pd.Series(texts, dtype=object),
            columns[1]: pd.Series(numbers, dtype="int64"),
        }
    )


def match_people(resolutions: list[query.Target], tables: StoreTables) -> pd.DataFrame:
    """(resolution id, person id) for everyone a resolution's keys or domains reach, joined
    with the store's company keys and work domains in `tables` (first cut down to the keys and
    domains asked for: a merge with the whole table costs more, for a few hundred targets)."""
    keys = _frame(
        [(key, rid) for rid, t in enumerate(resolutions) for key in t.keys], ["key", "rid"]
    )
    domains = _frame(
        [(domain, rid) for rid, t in enumerate(resolutions) for domain in t.domains],
        ["domain", "rid"],
    )
    companies = tables.companies
    companies = companies[companies["key"].isin(keys["key"])]
    hits = [keys.merge(companies, on="key")[["rid", "person_id"]]]
    if not domains.empty:
        hits.append(domains.merge(tables.domains, on="domain")[["rid", "person_id"]])
    return pd.concat(hits).drop_duplicates()


@dataclass
class StoreTables:
    """What resolving, the join and "did you mean" read of the store, read once
    (`read_tables`)."""

    index: query.LoadedAliasIndex
    companies: pd.DataFrame
    domains: pd.DataFrame
    names: dict[str, str] | None = None
    """`query.suggestion_names`, read on first use (`suggestion_names`)."""

    def suggestion_names(self, store: Store) -> dict[str, str]:
        """The names "did you mean" compares with, read once (in each process: a forked
        copy that reads them keeps its own)."""
        if self.names is None:
            self.names = query.suggestion_names(store.conn)
        return self.names


def read_tables(store: Store) -> StoreTables:
    """The alias tables (brought up to date first), every contact's company key and every
    work email domain: for several joins, such as the pieces of a long list."""
    ensure_fresh(store.conn)
    return StoreTables(
        query.LoadedAliasIndex(store.conn), read_companies(store), read_domains(store)
    )


class Joined(NamedTuple):
    """Distinct target names resolved and joined with the store (`join`)."""

    of_name: dict[str, int]
    """Each name's resolution id."""
    resolutions: list[query.Target]
    people: dict[int, list[int]]
    """The person ids each resolution reaches (resolutions that reach nobody left out)."""


def join(store: Store, names: Iterable[str], tables: StoreTables) -> Joined:
    """Resolve the distinct `names` and join their keys and domains with the store's contacts
    (`tables`, from `read_tables`)."""
    of_name, resolutions = resolve(store, dict.fromkeys(names), tables.index)
    hits = match_people(resolutions, tables)
    people: dict[int, list[int]] = {}
    for rid, pid in zip(hits["rid"].tolist(), hits["person_id"].tolist(), strict=True):
        people.setdefault(rid, []).append(pid)
    return Joined(of_name, resolutions, people)


def crossref(
    store: Store, targets: pd.DataFrame, suggest: int = 3, tables: StoreTables | None = None
) -> list[dict[str, Any]]:
    """One result per row of `targets`: the target, its people (as `find_people` lists them),
    the best person to contact first, "did you mean" suggestions when nobody matched, and the
    carried columns. `tables`: what the join reads of the store, if read beforehand (else
    read here)."""
    names = dict.fromkeys(targets["target"].tolist())
    tables = tables if tables is not None else read_tables(store)
    joined = join(store, names, tables)
    of_name, resolutions = joined.of_name, joined.resolutions
    people_of = _describe(store, joined)
    found = {name: people_of.get(of_name[name], []) for name in names}
    for name, people in found.items():
        if not people:  # "ISS": as `whoknows ISS` answers it
            fallback = query.initialism_fallback(store, name, resolutions[of_name[name]])
            found[name] = fallback[1] if fallback else people
    unmatched = [name for name, people in found.items() if not people]
    suggestions: dict[str, list[str]] = {}
    if suggest and unmatched:
        names = tables.suggestion_names(store)
        suggestions = suggest_companies(store, unmatched, limit=suggest, names=names)
    carried = [c for c in targets.columns if c != "target"]
    results = []
    rows = zip(*(targets[c].tolist() for c in targets.columns), strict=True)  # not itertuples:
    for row in rows:  # 10 times quicker
        people = found[row[0]]
        result: dict[str, Any] = {
            "target": row[0],
            "people": people,
            "best": best_person(people),
            "suggestions": suggestions.get(row[0], []),
        }
        result.update(zip(carried, row[1:], strict=True))
        results.append(result)
    return results


def _describe(store: Store, joined: Joined) -> dict[int, list[dict[str, Any]]]:
    """Each resolution's people, ranked as `find_people` ranks them; each person's records
    are read once, however many targets reach them."""
    rids = sorted(joined.people)
    found = query.people_for_many(
        store, [(joined.resolutions[rid], joined.people[rid]) for rid in rids]
    )
    return {rid: people for rid, people in zip(rids, found, strict=True) if people}


def best_person(people: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Who to contact first: someone there now before someone who left, then someone who can
    endorse you before someone who can only give news, then the highest score."""
    if not people:
        return None
    return min(
        people,
        key=lambda p: (p["status"] != "current", p["ask"] != "endorsement", -p["score"]),
    )


def path_of(result: dict[str, Any]) -> str:
    """ "endorsement", "status update" or "nothing": what the best person can give."""
    best = result["best"]
    return best["ask"] if best else "nothing"


def summary(paths: list[str]) -> str:
    """One line: how many targets have an endorsement path, a status-update path, nothing
    (`paths`: each target's `path_of`)."""
    n = len(paths)
    return (
        f"{n} target{'s' * (n != 1)}: {paths.count('endorsement')} with an endorsement path, "
        f"{paths.count('status update')} with a status-update path, "
        f"{paths.count('nothing')} with nobody yet."
    )


# Did you mean ------------------------------------------------------------------------------


def suggest_companies(
    store: Store,
    targets: list[str],
    limit: int = 3,
    cutoff: int = 75,
    names: dict[str, str] | None = None,
) -> dict[str, list[str]]:
    """For each target, up to `limit` close company names: `query.suggest` for many at once
    (the same names in the same order, scorer, cut-off and ranking; `closest` scores them)."""
    queries = {t: q for t in targets if (q := company_key(t))}
    if names is None:
        names = query.suggestion_names(store.conn) if queries else {}
    if not names:
        return {}
    close = closest(list(queries.values()), list(names), limit, cutoff)
    return {target: [names[c] for c in near] for target, near in zip(queries, close, strict=True)}


def closest(keys: list[str], choices: list[str], limit: int, cutoff: int) -> list[list[str]]:
    """For each key, up to `limit` of `choices` with a `fuzz.ratio` of at least `cutoff`,
    best first, ties in the order of `choices`: what `process.cdist` over all of them gives.

    The keys are scored `SUGGEST_BATCH` at a time, shortest first, each batch only against the
    choices whose length lets one of its keys reach `cutoff` (`may_reach`): many keys make
    batches of one length or two and narrow bands; a few keys (a piece of a list) make few
    batches, as each costs some fixed work.
    """
    from rapidfuzz import fuzz, process

    choices_of_length: dict[int, list[int]] = {}
    for i, choice in enumerate(choices):
        choices_of_length.setdefault(len(choice), []).append(i)
    by_length = sorted(range(len(keys)), key=lambda i: len(keys[i]))
    close: list[list[tuple[float, int]]] = [[] for _ in keys]
    for start in range(0, len(by_length), SUGGEST_BATCH):
        batch = by_length[start : start + SUGGEST_BATCH]
        lengths = {len(keys[i]) for i in batch}
        band = [
            i
            for other, found in choices_of_length.items()
            if any(may_reach(length, other, cutoff) for length in lengths)
            for i in found
        ]
        if not band:
            continue
        scores = process.cdist(
            [keys[i] for i in batch],
            [choices[i] for i in band],
            scorer=fuzz.ratio,
            score_cutoff=cutoff,
            dtype="float64",
        )
        flat = scores.reshape(-1)  # one row after another: a flat search is quicker,
        hits = (flat != 0).nonzero()[0]  # and ten times so in a boolean array
        for position, score in zip(hits.tolist(), flat[hits].tolist(), strict=True):
            row, column = divmod(position, len(band))
            close[batch[row]].append((-score, band[column]))
    return [[choices[i] for _, i in sorted(near)[:limit]] for near in close]


def may_reach(length: int, other: int, cutoff: float) -> bool:
    """Whether strings of these lengths can have a `fuzz.ratio` of `cutoff` or more: the ratio
    is 200 × their longest common subsequence / the sum of the lengths, and that subsequence
    is at most as long as the shorter string."""
    return 200 * min(length, other) >= cutoff * (length + other)


SUGGEST_BATCH = 64
"""Targets scored at once: a matrix of 64 × the companies of lengths they can reach (at most
3 MB for 6,000 of them)."""
