"""Company alias data: other names, divisions and work email domains of companies.

Four origins, all in the same format as ``whoknows/data/companies.json``::

    {"name": "Meta", "aliases": ["Facebook"], "domains": ["meta.com"], "parent": null}

- ``data``: the file shipped with whoknows;
- ``plugin:NAME``: what plugins register through the ``register_aliases`` hook;
- ``user``: what the user added with ``whoknows alias``;
- ``learned``: email domains learned from the user's contacts where ORG and domain agree.

The query path never parses the JSON: `refresh` copies everything into indexed tables when
contacts are imported or aliases change, and `ensure_fresh` redoes it when the shipped file
changed since (an upgrade). The same refresh builds the index of the companies in the store
(their initials and words) that the query uses.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import defaultdict
from collections.abc import Iterable

from whoknows.companies import (
    company_key,
    company_words,
    domain_labels,
    initials,
    name_labels,
    registrable_domain,
)
from whoknows.errors import BadInput

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `whoknows COMPANY`
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

DATA_PATH = os.path.join(os.path.dirname(__file__), "data", "companies.json")
"""A str, not a Path: pathlib costs `whoknows COMPANY` more time than its query."""
INDEX_VERSION = "1"
"""Bump when the alias or index tables change meaning: the next query or import rebuilds them.
(Company keys themselves are made again by `rekey.KEYS_VERSION`.)"""

LEARN_MIN_PEOPLE = 2
LEARN_MIN_SHARE = 0.8
"""A domain is learned for a company when at least 2 people at that domain have that company
and they are at least 80% of the people at that domain with any company."""


def read_alias_file(path: Path) -> list[dict[str, Any]]:
    """Read and check an alias file (a JSON list of companies); BadInput when it is wrong."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.loads(f.read())
    except OSError as e:
        raise BadInput(path, f"cannot read it ({e.strerror or e})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise BadInput(path, f"not valid JSON ({e})") from None
    if not isinstance(data, list):
        raise BadInput(path, "expected a JSON list of companies")
    entries = []
    for n, item in enumerate(data, start=1):
        problem = check_entry(item)
        if problem:
            raise BadInput(path, f"company {n}: {problem}")
        entries.append(item)
    return entries


def check_entry(item: object) -> str | None:
    """What is wrong with one company entry, or None."""
    if not isinstance(item, dict):
        return "expected an object with a name"
    name = item.get("name")
    if not isinstance(name, str) or not company_key(name):
        return "no usable name"
    for field in ("aliases", "domains"):
        value = item.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"{field} must be a list of strings"
    parent = item.get("parent")
    if parent is not None and not isinstance(parent, str):
        return "parent must be a name or null"
    return None


def shipped_entries() -> list[dict[str, Any]]:
    """The alias data shipped with whoknows ([] if the file is missing)."""
    if not os.path.exists(DATA_PATH):
        return []
    return read_alias_file(DATA_PATH)


def plugin_entries() -> list[tuple[str, dict[str, Any]]]:
    """(plugin name, company) for every company plugins register; bad ones are skipped."""
    from whoknows import plugin_manager

    pm = plugin_manager.load_plugins()
    found: list[tuple[str, dict[str, Any]]] = []
    for impl in pm.hook.register_aliases.get_hookimpls():
        plugin = impl.plugin_name

        def register(company: dict[str, Any], plugin: str = plugin) -> None:
            problem = check_entry(company)
            if problem:
                plugin_manager.warn(f"plugin {plugin!r} registered a bad alias entry: {problem}")
                return
            found.append((plugin, company))

        try:
            impl.function(register=register)
        except Exception as e:
            plugin_manager.warn(f"plugin {plugin!r} raised in register_aliases ({e!r})")
    return found


def user_entries(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The user's aliases as company entries."""
    entries = []
    for kind, alias, company in conn.execute(
        "SELECT kind, alias, company FROM user_aliases ORDER BY rowid"
    ):
        if kind == "name":
            entries.append({"name": company, "aliases": [alias], "domains": []})
        elif kind == "domain":
            entries.append({"name": company, "aliases": [], "domains": [alias]})
        elif kind == "division":
            entries.append({"name": alias, "aliases": [], "domains": [], "parent": company})
    return entries


def _signature(stored: str | None = None) -> str:
    """What the alias tables are built from: the index version, the shipped alias data's size
    and time, then a checksum of its contents ("1:103776:1764...|a1b2c3d4"). The checksum of
    `stored` is reused while the file's size and time are the same: the file is read for it
    only when they change."""
    stamp = _file_stamp()
    if stored and "|" in stored and stored.partition("|")[0] == stamp:
        return stored
    return f"{stamp}|{_checksum()}"


def _file_stamp() -> str:
    """The index version and the alias data file's size and time: one stat."""
    try:
        stat = os.stat(DATA_PATH)
    except OSError:
        return f"{INDEX_VERSION}:none"
    return f"{INDEX_VERSION}:{stat.st_size}:{stat.st_mtime_ns}"


def _checksum() -> str:
    """A CRC-32 of the shipped alias data (about 1 ms)."""
    from binascii import crc32

    try:
        with open(DATA_PATH, "rb") as file:
            return f"{crc32(file.read()):08x}"
    except OSError:
        return ""


def _same_file(stored: str | None) -> bool:
    """Whether tables built under signature `stored` were built from the alias data file as it
    is now, by its size and time (one stat: what a query checks first)."""
    return stored is not None and stored.partition("|")[0] == _file_stamp()


def _same_data(stored: str | None, signature: str) -> bool:
    """Whether tables built under `stored` are built from the data `signature` describes: the
    same file, or the same contents under a new time (a reinstall or another checkout writes
    the same file again, which needs no rebuild)."""
    if stored is None:
        return False
    stamp, _, checksum = stored.partition("|")
    new_stamp, _, new_checksum = signature.partition("|")
    if stamp == new_stamp:
        return True
    same_size = stamp.rpartition(":")[0] == new_stamp.rpartition(":")[0]  # and version
    return same_size and bool(checksum) and checksum == new_checksum


def refresh(conn: sqlite3.Connection, with_plugins: bool = True) -> None:
    """Rebuild the alias tables and the company index inside the caller's transaction.

    Without plugins (when the query path notices an upgrade), plugin rows are kept as they are.
    """
    refresh_aliases(conn, with_plugins)
    refresh_index(conn)


def refresh_aliases(conn: sqlite3.Connection, with_plugins: bool = True) -> None:
    """Rebuild the alias tables from the shipped data, plugins and the user's aliases."""
    origins = "origin NOT LIKE 'plugin:%'" if not with_plugins else "1"
    for table in ("alias_names", "alias_domains", "alias_parents"):
        conn.execute(f"DELETE FROM {table} WHERE {origins}")
    sources: list[tuple[str, Iterable[dict[str, Any]]]] = [("data", shipped_entries())]
    if with_plugins:
        by_plugin: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for plugin, entry in plugin_entries():
            by_plugin[plugin].append(entry)
        sources += [(f"plugin:{p}", entries) for p, entries in sorted(by_plugin.items())]
    sources.append(("user", user_entries(conn)))
    for origin, entries in sources:
        _write_entries(conn, entries, origin)


def refresh_index(conn: sqlite3.Connection, touched: set[str] | None = None) -> None:
    """Rebuild the index of the store's companies and the learned domains (after relinking).

    `touched`: the company keys whose contacts or positions were added or removed since the
    index was last built, when alias data has not changed since; the initials and words of the
    other companies are kept as they are. None: all are made again.
    """
    stored = _stored_signature(conn)
    signature = _signature(stored)
    if not _same_data(stored, signature):
        touched = None
    _index_companies(conn, touched)
    _learn_domains(conn)
    _record_signature(conn, signature)


def _stored_signature(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE name = 'alias_data'").fetchone()
    return row[0] if row else None


def _record_signature(conn: sqlite3.Connection, signature: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('alias_data', ?)", (signature,))


def canonical_companies(conn: sqlite3.Connection) -> dict[str, str]:
    """Company key -> the key of the company alias data says it is ("ey" -> "ey",
    "ernstandyoung" -> "ey"); keys alias data does not know are left out."""
    return dict(conn.execute("SELECT key, min(company) FROM alias_names GROUP BY key"))


def _write_entries(
    conn: sqlite3.Connection, entries: Iterable[dict[str, Any]], origin: str
) -> None:
    names, domains, parents = [], [], []
    for entry in entries:
        company = company_key(entry["name"])
        if not company:
            continue
        names.append((company, company, entry["name"], origin))
        for alias in entry.get("aliases") or []:
            key = company_key(alias)
            if key:
                names.append((key, company, alias, origin))
        for domain in entry.get("domains") or []:
            domain = domain.strip().lower().lstrip("@")
            if domain:
                domains.append((domain, company, origin))
        parent = company_key(entry.get("parent") or "")
        if parent and parent != company:
            parents.append((company, parent, origin))
    conn.executemany("INSERT INTO alias_names VALUES (?, ?, ?, ?)", names)
    conn.executemany("INSERT INTO alias_domains VALUES (?, ?, ?)", domains)
    conn.executemany("INSERT INTO alias_parents VALUES (?, ?, ?)", parents)


def _index_companies(conn: sqlite3.Connection, touched: set[str] | None = None) -> None:
    """The companies in the store: most common spelling, initials and words of each.

    With `touched` (see `refresh_index`), only the initials and words of those companies, and of
    the alias-data companies they are names of, are made again. The tables are written in the
    same order either way.
    """
    redo = _affected(conn, touched) if touched is not None else None
    kept_initials, kept_words = set(), set()
    if redo is not None:
        kept_initials = {
            r for r in conn.execute("SELECT * FROM company_initials") if r[1] not in redo
        }
        kept_words = {r for r in conn.execute("SELECT * FROM company_words") if r[1] not in redo}
    for table in ("companies", "company_initials", "company_words", "domain_labels"):
        conn.execute(f"DELETE FROM {table}")
    # How often each spelling of each company is written, in the order first met.
    spellings: dict[str, dict[str, int]] = {}
    people: dict[str, set[int]] = {}
    for key, name, person in conn.execute(
        "SELECT company_key, company, person_id FROM contacts WHERE company_key != ''"
    ):
        names = spellings.get(key)
        if names is None:
            spellings[key] = {name: 1}
            people[key] = {person}
        else:
            names[name] = names.get(name, 0) + 1
            people[key].add(person)
    for key, name in conn.execute(
        "SELECT company_key, company FROM positions WHERE company_key != ''"
    ):
        names = spellings.setdefault(key, {})
        names[name] = names.get(name, 0) + 1
    known = canonical_companies(conn)
    companies, initial_rows, word_rows = [], kept_initials, kept_words
    for key, names in spellings.items():
        common = max(names, key=names.__getitem__)  # the first met of the most common
        companies.append((key, common, len(people.get(key, ()))))
        if redo is not None and key not in redo:
            continue
        with_the = key in known  # spellings of alias-data companies count as legal names
        for name in names:
            initial_rows.update([(i, key) for i in initials(name, with_the=with_the)])
            word_rows.update([(w, key) for w in company_words(name)])
    conn.executemany("INSERT INTO companies VALUES (?, ?, ?)", companies)
    for company, name in conn.execute(
        "SELECT company, name FROM alias_names WHERE company IN "
        "(SELECT a.company FROM alias_names a JOIN companies c ON c.key = a.key)"
    ):  # the names of alias-data companies someone in the store works at
        if redo is None or company in redo:
            initial_rows.update((i, company) for i in initials(name, with_the=True))
    conn.executemany("INSERT INTO company_initials VALUES (?, ?)", sorted(initial_rows))
    conn.executemany("INSERT INTO company_words VALUES (?, ?)", sorted(word_rows))
    domains = [
        d for (d,) in conn.execute("SELECT DISTINCT value FROM contact_keys WHERE kind = 'domain'")
    ]
    conn.executemany(
        "INSERT INTO domain_labels VALUES (?, ?)",
        [(label, d) for d in domains for label in sorted(domain_labels(d))],
    )


def _affected(conn: sqlite3.Connection, touched: set[str]) -> set[str]:
    """The company keys whose index rows may change when `touched` companies gained or lost
    people: those, and the alias-data companies they are names of (whose names are indexed
    while someone in the store works there)."""
    affected = set(touched)
    for key, company in conn.execute("SELECT key, company FROM alias_names"):
        if key in touched:
            affected.add(company)
    return affected


def _learn_domains(conn: sqlite3.Connection) -> None:
    """Learn company email domains from contacts whose ORG and email domain agree."""
    conn.execute("DELETE FROM alias_domains WHERE origin = 'learned'")
    at_domain = "FROM contact_keys k JOIN contacts c ON c.id = k.contact_id "
    at_domain += "WHERE k.kind = 'domain' AND c.company_key != '' "
    totals = dict(
        conn.execute(f"SELECT k.value, count(DISTINCT c.person_id) {at_domain} GROUP BY k.value")
    )
    by_domain: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for domain, key, persons in conn.execute(  # keys in the order they appear at the domain
        f"SELECT k.value, c.company_key, count(DISTINCT c.person_id) {at_domain} "
        "GROUP BY k.value, c.company_key ORDER BY k.value, min(k.rowid)"
    ):
        if registrable_domain(domain) == domain:
            by_domain[domain].append((key, persons))
    wanted = {key for keys in by_domain.values() for key, _ in keys}
    names = _names_and_initials(conn, wanted)
    learned = []
    for domain, keys in by_domain.items():
        labels = domain_labels(domain)
        total = totals[domain]
        for key, persons in keys:
            named = any(labels & (name_labels(n) | {n}) for n in names[key])
            common = persons >= LEARN_MIN_PEOPLE and persons >= LEARN_MIN_SHARE * total
            if named or common:
                learned.append((domain, key, "learned"))
    conn.executemany("INSERT INTO alias_domains VALUES (?, ?, ?)", learned)


def _names_and_initials(conn: sqlite3.Connection, keys: set[str]) -> dict[str, set[str]]:
    """The spellings and initials of the companies `keys`: found through the index on
    ``contacts.company_key``, not by reading every contact."""
    names: dict[str, set[str]] = defaultdict(set)
    if not keys:
        return names
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS wanted_companies (key TEXT PRIMARY KEY)")
    try:
        conn.executemany("INSERT INTO temp.wanted_companies VALUES (?)", [(k,) for k in keys])
        for key, name in conn.execute(
            "SELECT company_key, company FROM contacts "
            "WHERE company_key IN (SELECT key FROM temp.wanted_companies) "
            "UNION SELECT key, initials FROM company_initials "
            "WHERE key IN (SELECT key FROM temp.wanted_companies)"
        ):
            names[key].add(name)
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.wanted_companies")
    return names


def ensure_fresh(conn: sqlite3.Connection) -> None:
    """Refresh the alias tables if the shipped alias data changed since they were built.

    Cheap when nothing changed (one stat and one indexed read). If the store cannot be written
    just now, the query goes on with the tables as they are.
    """
    from whoknows import rekey

    stored = _stored_signature(conn)
    if _same_file(stored) and rekey.is_current(conn):
        return
    if stored is None and conn.execute("SELECT 1 FROM contacts LIMIT 1").fetchone() is None:
        return
    conn.execute("PRAGMA busy_timeout = 0")  # never wait for an import here
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return
    try:
        if rekey.bring_current(conn):  # made by an older whoknows: keys made again, re-linked
            from whoknows import identity

            identity.relink(conn)
        else:  # read again under the lock: another process may have just refreshed them
            stored = _stored_signature(conn)
            signature = _signature(stored)
            if _same_data(stored, signature):  # the same data, written again: nothing to rebuild
                _record_signature(conn, signature)
            else:
                refresh(conn, with_plugins=stored is None)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
