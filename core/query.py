"""`whoknows COMPANY`: from a company name to the people the user knows there.

Resolution runs in stages, each an index lookup (docs/matching.md):

1. the company key of the query ("exact");
2. alias data: other names of the same company and of its divisions ("alias");
3. initials, when no alias data knows the name and only one company in the store has them
   ("initialism");
4. work email domains of the company: from alias data, learned from the user's contacts, or
   a domain named like the company ("email domain");
5. companies whose names contain the query's words are only "possible": listed apart.

Nothing fuzzy reaches the main list; "did you mean" suggestions use rapidfuzz, imported only
when nothing matched.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterable
from datetime import date

from whoknows import ranking
from whoknows.aliases import ensure_fresh
from whoknows.companies import (
    company_key,
    company_words,
    holding_forms,
    initials,
    looks_like_initialism,
    name_labels,
    without_holding,
)
from whoknows.store import Store, gc_paused

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `whoknows COMPANY`
if TYPE_CHECKING:
    from typing import Any

CONTACT_COLUMNS = """
    id, person_id, source_id, full_name, company, company_key, title, since, former, emails,
    phones, profile_urls, messages_sent, messages_received, last_message, endorsed_skills,
    endorsed_on, recommended_on, birthday
"""
"""What ranking needs of a contact, with its source's name and importer (names in parts,
notes, categories and extra are never shown: not read)."""

_DOMAIN = r"^@?([a-z0-9-]+(?:\.[a-z0-9-]+)+)$"
"""A query that is an email domain ("stripe.com", "@stripe.com"): compiled only for a query
with a dot (`_domain_of`)."""
MIN_GUESSED_LABEL = 3
"""A domain named like the company (stripe.com for Stripe) counts when the name has at least
three letters."""


MIN_INITIALS = 3
"""Derived initialisms of two letters are too ambiguous to match on; alias data has "GE"."""


OWNERS = """
    SELECT DISTINCT
        coalesce((SELECT a.company FROM alias_names a WHERE a.key = i.key LIMIT 1), i.key)
    FROM company_initials i WHERE i.initials = ?
"""
"""The companies with these initials; spellings alias data knows count as their company."""


class Target:
    """What a query resolved to: company keys with their match kind, and email domains."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.key = company_key(query)
        self.keys: dict[str, str] = {}
        self.domains: set[str] = set()
        self.name = query.strip()
        self.from_aliases = False

    def match_of(self, contact: dict[str, Any]) -> str | None:
        """How `contact` matches: a kind from ranking.MATCH_ORDER, or None."""
        kind = self.keys.get(contact["company_key"])
        if kind:
            return kind
        if self.domains and not self.domains.isdisjoint(contact.get("domains", ())):
            return "email domain"
        return None


def _in(values: set[str] | list[str]) -> str:
    return ",".join("?" * len(values))


class AliasIndex:
    """The look-ups resolution makes in alias data and the store's company index, each one
    indexed SQL query: quick for one company."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def companies_named(self, key: str) -> set[str]:
        """The alias-data companies with a name or alias whose key is `key`."""
        return _column(self.conn, "SELECT DISTINCT company FROM alias_names WHERE key = ?", [key])

    def canonical_name(self, company: str) -> str | None:
        """The company's own name as the alias data writes it."""
        row = self.conn.execute(
            "SELECT name FROM alias_names WHERE key = company AND company = ? LIMIT 1", [company]
        ).fetchone()
        return None if row is None else row[0]

    def is_company(self, company: str) -> bool:
        """Whether `company` is the key of a company in the alias data."""
        sql = "SELECT 1 FROM alias_names WHERE company = ? LIMIT 1"
        return self.conn.execute(sql, [company]).fetchone() is not None

    def divisions(self, parents: set[str]) -> set[str]:
        return _column(
            self.conn,
            f"SELECT DISTINCT company FROM alias_parents WHERE parent IN ({_in(parents)})",
            list(parents),
        )

    def names_of(self, companies: set[str]) -> set[str]:
        """The keys of all names and aliases of `companies`."""
        return _column(
            self.conn,
            f"SELECT DISTINCT key FROM alias_names WHERE company IN ({_in(companies)})",
            list(companies),
        )

    def owners(self, initials: str) -> set[str]:
        """The companies in the store with these initials (alias data's company for a name
        it knows)."""
        return _column(self.conn, OWNERS, [initials])

    def in_store(self, key: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM companies WHERE key = ?", (key,)).fetchone()
            is not None
        )

    def domains_of(self, companies: Iterable[str]) -> set[str]:
        companies = list(companies)
        return _column(
            self.conn,
            f"SELECT domain FROM alias_domains WHERE company IN ({_in(companies)})",
            companies,
        )

    def domains_labelled(self, labels: list[str]) -> set[str]:
        """Domains named like one of `labels` (stripe.com for stripe)."""
        return _column(
            self.conn, f"SELECT domain FROM domain_labels WHERE label IN ({_in(labels)})", labels
        )

    def domain_owners(self, domain: str) -> set[str]:
        return _column(
            self.conn, "SELECT DISTINCT company FROM alias_domains WHERE domain = ?", [domain]
        )


class LoadedAliasIndex(AliasIndex):
    """The same look-ups from tables read once into memory: for resolving many companies
    (a crossref), where one query per look-up would cost more than the reading."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__(conn)
        self._named: dict[str, set[str]] = {}
        self._first_company: dict[str, str] = {}
        self._canonical: dict[str, str] = {}
        self._names: dict[str, set[str]] = {}
        for key, company, name in conn.execute(
            "SELECT key, company, name FROM alias_names ORDER BY rowid"
        ):
            self._named.setdefault(key, set()).add(company)
            self._first_company.setdefault(key, company)
            self._names.setdefault(company, set()).add(key)
            if key == company:
                self._canonical.setdefault(company, name)
        self._children: dict[str, set[str]] = {}
        for company, parent in conn.execute("SELECT company, parent FROM alias_parents"):
            self._children.setdefault(parent, set()).add(company)
        self._initials: dict[str, set[str]] = {}
        for short, key in conn.execute("SELECT initials, key FROM company_initials"):
            self._initials.setdefault(short, set()).add(self._first_company.get(key, key))
        self._store = set(_joined(conn, "SELECT key FROM companies"))
        self._domains: dict[str, set[str]] = {}
        self._owners: dict[str, set[str]] = {}
        for domain, company in conn.execute("SELECT domain, company FROM alias_domains"):
            self._domains.setdefault(company, set()).add(domain)
            self._owners.setdefault(domain, set()).add(company)
        self._labelled: dict[str, set[str]] = {}
        for label, domain in conn.execute("SELECT label, domain FROM domain_labels"):
            self._labelled.setdefault(label, set()).add(domain)

    def companies_named(self, key: str) -> set[str]:
        return set(self._named.get(key, ()))

    def canonical_name(self, company: str) -> str | None:
        return self._canonical.get(company)

    def is_company(self, company: str) -> bool:
        return company in self._names

    def divisions(self, parents: set[str]) -> set[str]:
        return {c for p in parents for c in self._children.get(p, ())}

    def names_of(self, companies: set[str]) -> set[str]:
        return {k for c in companies for k in self._names.get(c, ())}

    def owners(self, initials: str) -> set[str]:
        return set(self._initials.get(initials, ()))

    def in_store(self, key: str) -> bool:
        return key in self._store

    def domains_of(self, companies: Iterable[str]) -> set[str]:
        return {d for c in companies for d in self._domains.get(c, ())}

    def domains_labelled(self, labels: list[str]) -> set[str]:
        return {d for label in labels for d in self._labelled.get(label, ())}

    def domain_owners(self, domain: str) -> set[str]:
        return set(self._owners.get(domain, ()))


def resolve(
    conn: sqlite3.Connection,
    query: str,
    use_aliases: bool = True,
    index: AliasIndex | None = None,
) -> Target:
    """Resolve a company name or an email domain to the keys and domains that match it.

    Without `use_aliases`, alias data is not consulted for the query itself (for an
    initialism alias data gives to a company nobody in the store works at). `index` answers
    the look-ups (default: SQL queries on `conn`)."""
    index = index or AliasIndex(conn)
    target = Target(query)
    domain = _domain_of(query)
    if domain:  # "stripe.com": the domain's company, and a company of that name
        _resolve_domain(index, target, domain)
    if not target.key:
        return target
    hits = index.companies_named(target.key)
    if not use_aliases:
        hits = set()
    elif not hits and without_holding(query):  # "Vodafone Group Plc": Vodafone in alias data
        hits = index.companies_named(without_holding(query))
    if target.key in hits:
        hits = {target.key}
    target.from_aliases = bool(hits)
    if hits:
        _add_companies(index, target, hits)
        if len(hits) == 1:
            canonical = index.canonical_name(next(iter(hits)))
            if canonical is not None:
                target.name = canonical
    else:
        _add_initialisms(index, target)
    target.keys[target.key] = "exact"
    named = [k for k, kind in target.keys.items() if kind in ("exact", "alias")]
    target.domains |= index.domains_of(target.keys)
    guess = [k for k in set(named) | name_labels(query) if len(k) >= MIN_GUESSED_LABEL]
    if guess:
        target.domains |= index.domains_labelled(guess)
    return target


def _domain_of(query: str) -> str | None:
    """The email domain `query` is ("stripe.com" for "@Stripe.com"), or None."""
    text = query.strip().lower()
    found = re.match(_DOMAIN, text) if "." in text else None
    return found.group(1) if found else None


def _resolve_domain(index: AliasIndex, target: Target, domain: str) -> None:
    target.domains.add(domain)
    owners = index.domain_owners(domain)
    if owners:
        _add_companies(index, target, owners)
        for key in owners:
            target.keys.setdefault(key, "alias")


def _add_companies(index: AliasIndex, target: Target, companies: set[str]) -> None:
    """Add alias-data companies, their divisions (recursively) and all their names."""
    seen = set(companies)
    frontier = set(companies)
    while frontier:
        frontier = index.divisions(frontier) - seen
        seen |= frontier
    for key in index.names_of(seen) | seen:
        target.keys.setdefault(key, "alias")
        for form in holding_forms(key):
            target.keys.setdefault(form, "alias")


def _add_initialisms(index: AliasIndex, target: Target) -> None:
    """Initials count only when unambiguous among the companies in the store."""
    key = target.key
    if looks_like_initialism(target.query) and len(key) >= MIN_INITIALS:
        owners = index.owners(key) - {key}
        if len(owners) == 1:
            owner = owners.pop()
            if index.is_company(
                owner
            ):  # the initials of a company in the alias data: all its names
                _add_companies(index, target, {owner})
                for k in target.keys:
                    target.keys[k] = "initialism"
            target.keys[owner] = "initialism"
    for short in initials(target.query):
        if len(short) < MIN_INITIALS:
            continue
        if index.owners(short) - {key}:
            continue  # another company in the store has the same initials
        if index.companies_named(short) - {key}:
            continue  # the initials are another company's name in the alias data
        if index.in_store(short):
            target.keys.setdefault(short, "initialism")


def _column(conn: sqlite3.Connection, sql: str, args: list[str]) -> set[str]:
    return {row[0] for row in conn.execute(sql, args)}


def find(store: Store, company: str) -> dict[str, Any]:
    """Everything `whoknows COMPANY` shows.

    ``{"company": name, "people": [...], "possible": [...], "suggestions": [...]}``: people
    ranked current first; "possible" people at companies whose names merely contain the
    query's words (never counted as matches); suggestions when nobody matched.
    """
    conn = store.conn
    map_pages(conn)
    ensure_fresh(conn)
    target = resolve(conn, company)
    people = _people_for(store, target)
    if not people:
        target, people = initialism_fallback(store, company, target) or (target, people)
    possible = _possible(store, target, {p["person_id"] for p in people})
    suggestions = [] if people or possible else suggest(conn, company)
    return {
        "company": target.name,
        "people": people,
        "possible": possible,
        "suggestions": suggestions,
    }


MAP_BYTES = 1 << 30
"""How much of the store SQLite may map into memory while reading (`map_pages`)."""


def map_pages(conn: sqlite3.Connection) -> None:
    """Let SQLite read the store's pages through a memory map rather than a read() and a copy
    each (~2,300 for the largest answer of the benchmark: ~5 ms). POSIX only: Windows cannot
    shrink a file another process maps, so a `forget` running at the same time would fail.
    Safe with WAL: the file is never truncated below what a reader may read."""
    if os.name == "posix":
        conn.execute(f"PRAGMA mmap_size = {MAP_BYTES}")


def initialism_fallback(
    store: Store, company: str, target: Target
) -> tuple[Target, list[dict[str, Any]]] | None:
    """When `company` is an initialism alias data gives to a company nobody here works at
    ("ISS"), and so matched nobody: the store's own company with those initials and its
    people, if there is one; else None."""
    if not (target.from_aliases and looks_like_initialism(company)):
        return None
    fallback = resolve(store.conn, company, use_aliases=False)
    people = _people_for(store, fallback)
    return (fallback, people) if people else None


def find_people(store: Store, company: str) -> list[dict[str, Any]]:
    """The people the user knows at `company`, current first, best first."""
    return find(store, company)["people"]


def _people_for(store: Store, target: Target) -> list[dict[str, Any]]:
    return people_for_many(store, [(target, person_ids(store, target))])[0]


def person_ids(store: Store, target: Target) -> set[int]:
    """The people with a contact at one of the target's company keys or email domains (the set
    drops repeats: cheaper than SQL's DISTINCT)."""
    conn = store.conn
    ids: set[int] = set()
    if target.keys:
        ids |= {
            r[0]
            for r in conn.execute(
                f"SELECT person_id FROM contacts WHERE company_key IN ({_in(target.keys)})",
                list(target.keys),
            )
        }
    if target.domains:
        ids |= {
            r[0]
            for r in conn.execute(
                "SELECT c.person_id FROM contact_keys k JOIN contacts c ON c.id = "
                f"k.contact_id WHERE k.kind = 'domain' AND k.value IN ({_in(target.domains)})",
                sorted(target.domains),
            )
        }
    return ids


def people_for_many(
    store: Store, wanted: list[tuple[Target, Iterable[int]]]
) -> list[list[dict[str, Any]]]:
    """For each (target, person ids): those people seen at the target, as `find_people` lists
    them (current first, best first). Each person's records are read once, however many
    targets name them."""
    with gc_paused():
        all_ids = sorted({pid for _, ids in wanted for pid in ids})
        domains = {domain for target, _ in wanted for domain in target.domains}
        contacts_of = {
            group[0]["person_id"]: group for group in _contacts_of(store, all_ids, domains)
        }
        colleague = _colleague_companies(store.conn)
        colleague_at: dict[int, list[tuple[str, str]]] = {}
        today = date.today()
        found = []
        for target, ids in wanted:
            people = []
            match_of = target.match_of
            for pid in sorted(ids):
                contacts = contacts_of.get(pid)
                if contacts is None:
                    continue
                known = colleague_at.get(pid)
                if known is None:
                    known = colleague_at[pid] = _colleague_at(contacts, colleague)
                person = ranking.describe(
                    contacts, match_of, company_name=target.name, colleague_at=known, today=today
                )
                if person is not None:
                    person["merged_by"] = contacts[0].get("merged_by", [])
                    people.append(person)
            found.append(sorted(people, key=_find_order))
    return found


def _find_order(person: dict[str, Any]) -> tuple[bool, int, str]:
    """Current first, then by score, then by name."""
    return (person["status"] != "current", -person["score"], person["name"].lower())


def _possible(store: Store, target: Target, listed: set[int]) -> list[dict[str, Any]]:
    """People at companies whose names contain all the query's words (Acme -> Acme Robotics)."""
    words = company_words(target.query)
    if not words:
        return []
    conn = store.conn
    keys: set[str] | None = None
    for word in set(words) - {"and", "of", "the"}:
        found = _column(conn, "SELECT key FROM company_words WHERE word = ?", [word])
        keys = found if keys is None else keys & found
    keys = (keys or set()) - set(target.keys)
    if not keys:
        return []
    ids = [
        r[0]
        for r in conn.execute(
            f"SELECT DISTINCT person_id FROM contacts WHERE company_key IN ({_in(keys)})",
            sorted(keys),
        )
        if r[0] not in listed
    ]
    loose = Target(target.query)
    loose.keys = dict.fromkeys(keys, "possible")
    people = []
    for contacts in _contacts_of(store, ids):
        person = ranking.describe(contacts, loose.match_of)
        if person is not None and person["status"] == "current":
            people.append(person)
    return sorted(people, key=lambda p: (-p["score"], p["name"].lower()))


def suggest(conn: sqlite3.Connection, company: str, limit: int = 3) -> list[str]:
    """Company names in the store or the alias data close to `company` ("did you mean")."""
    key = company_key(company)
    if not key:
        return []
    from rapidfuzz import fuzz, process

    # The keys come joined in one row (a row each costs more than the matching): the store's
    # companies in table order (ties keep it), then alias names someone works at.
    stored = _joined(conn, f"SELECT key {_STORE_COMPANIES}")
    known = _joined(conn, f"SELECT key {_KNOWN_COMPANIES}")
    keys = dict.fromkeys(stored + known)
    found = process.extract(key, list(keys), scorer=fuzz.ratio, score_cutoff=75, limit=limit)
    return [_spelling(conn, k) for k, _score, _i in found]


_WORKED_AT = "EXISTS (SELECT 1 FROM contacts c WHERE c.company_key = a.key)"
_STORE_COMPANIES = "FROM companies NOT INDEXED"
_KNOWN_COMPANIES = f"FROM alias_names a NOT INDEXED WHERE {_WORKED_AT}"
"""What "did you mean" compares with, in table order: the store's companies, then the alias
names someone here works at."""


def suggestion_names(conn: sqlite3.Connection) -> dict[str, str]:
    """Every name `suggest` compares with, in its order: company key -> `_spelling(key)`."""
    names = dict(conn.execute(f"SELECT key, name {_STORE_COMPANIES}"))
    for key, name in conn.execute(f"SELECT key, name {_KNOWN_COMPANIES}"):
        names.setdefault(key, name)
    return names


def _joined(conn: sqlite3.Connection, sql: str) -> list[str]:
    """The keys `sql` selects, in its order (company keys are letters and digits only)."""
    (text,) = conn.execute(f"SELECT group_concat(key, char(10)) FROM ({sql})").fetchone()
    return text.split("\n") if text else []


def _spelling(conn: sqlite3.Connection, key: str) -> str:
    """How the store spells a company key, else the first alias name someone works at."""
    row = conn.execute("SELECT name FROM companies WHERE key = ?", (key,)).fetchone()
    if row is None:
        row = conn.execute(
            f"SELECT name FROM alias_names a WHERE key = ? AND {_WORKED_AT} ORDER BY rowid LIMIT 1",
            (key,),
        ).fetchone()
    return row[0]


def _colleague_companies(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """Company keys where the user worked (with their aliases) -> (company, years)."""
    found: dict[str, tuple[str, str]] = {}
    for key, name, started, finished in conn.execute(
        "SELECT company_key, company, started, finished FROM positions WHERE company_key != ''"
    ):
        years = _years(started, finished)
        same = _column(
            conn,
            "SELECT key FROM alias_names WHERE company IN "
            "(SELECT company FROM alias_names WHERE key = ?)",
            [key],
        )
        for k in same | {key}:
            found.setdefault(k, (name, years))
    return found


def _years(started: str | None, finished: str | None) -> str:
    if started and finished:
        return f"{started[:4]}–{finished[:4]}"
    if started:
        return f"since {started[:4]}"
    if finished:
        return f"until {finished[:4]}"
    return ""


def _colleague_at(
    contacts: list[dict[str, Any]], colleague: dict[str, tuple[str, str]]
) -> list[tuple[str, str]]:
    if len(contacts) == 1:  # most people
        hit = colleague.get(contacts[0]["company_key"])
        return [hit] if hit else []
    seen: dict[str, tuple[str, str]] = {}
    for c in contacts:
        hit = colleague.get(c["company_key"])
        if hit:
            seen.setdefault(hit[0], hit)
    return list(seen.values())


def all_people(store: Store, source: str | None = None) -> list[dict[str, Any]]:
    """Everyone in the store (or with a record from `source`), each person once."""
    sql = "SELECT DISTINCT person_id FROM contacts"
    args: tuple[str, ...] = ()
    if source is not None:
        sql += " WHERE source_id = (SELECT id FROM sources WHERE name = ?)"
        args = (source,)
    person_ids = [pid for (pid,) in store.conn.execute(sql, args)]
    colleague = _colleague_companies(store.conn)
    people = []
    with gc_paused():
        today = date.today()
        for contacts in _contacts_of(store, person_ids):
            colleague_at = _colleague_at(contacts, colleague)
            person = ranking.describe(contacts, colleague_at=colleague_at, today=today)
            if person is not None:
                person["merged_by"] = contacts[0].get("merged_by", [])
                people.append(person)
    return sorted(people, key=lambda p: p["name"].lower())


SCAN_KEYS_FROM = 5000
"""From this many merged contacts on, their links are read in one scan of the table, not
looked up by contact."""


def _contacts_of(
    store: Store, person_ids: list[int], domains: Iterable[str] = ()
) -> list[list[dict[str, Any]]]:
    """The contacts of each person (by id), with why they were merged ("merged_by", on the
    first) and those of their email domains that are among `domains` ("domains", on contacts
    with one: all that `Target.match_of` looks at)."""
    grouped: dict[int, list[dict[str, Any]]] = {pid: [] for pid in person_ids}
    conn = store.conn
    sources = {i: (name, importer) for i, name, importer in conn.execute(SOURCES)}
    for start in range(0, len(person_ids), 500):
        chunk = person_ids[start : start + 500]
        rows = conn.execute(
            f"SELECT {CONTACT_COLUMNS} FROM contacts WHERE person_id IN ({_in(chunk)})", chunk
        )
        for row in rows:
            contact = _contact(row, sources)
            grouped[contact["person_id"]].append(contact)
    by_id: dict[int, dict[str, Any]] = {}
    merged: dict[int, dict[str, Any]] = {}  # the contacts of people with more than one
    for contacts in grouped.values():
        if len(contacts) > 1:
            contacts.sort(key=_contact_id)
            for contact in contacts:
                merged[contact["id"]] = contact
        for contact in contacts:
            by_id[contact["id"]] = contact
    for contact_id, value in _with_domains(conn, domains):
        if contact_id in by_id:
            by_id[contact_id].setdefault("domains", set()).add(value)
    links = (  # links join contacts of one person: a person with one contact has none
        conn.execute("SELECT contact_id, kind, value FROM links ORDER BY contact_id, rowid")
        if len(merged) >= SCAN_KEYS_FROM
        else _by_contact(
            conn, "SELECT contact_id, kind, value FROM links WHERE contact_id IN ({ids})", merged
        )
    )
    for contact_id, kind, value in links:
        if contact_id not in merged:
            continue
        first = grouped[merged[contact_id]["person_id"]][0]
        reasons = first.setdefault("merged_by", [])
        if _link_reason(kind, value) not in reasons:
            reasons.append(_link_reason(kind, value))
    return [contacts for contacts in grouped.values() if contacts]


SOURCES = "SELECT id, name, importer FROM sources"


def _contact(row: tuple, sources: dict[int, tuple[str, str]]) -> dict[str, Any]:
    """A row of CONTACT_COLUMNS as a dict, with its source's name and importer and the JSON
    lists decoded (written out: a dict made in one step costs less than one filled from the
    column names)."""
    (
        contact_id, person_id, source_id, full_name, company, company_key, title, since, former,
        emails, phones, profile_urls, messages_sent, messages_received, last_message,
        endorsed_skills, endorsed_on, recommended_on, birthday
    ) = row  # fmt: skip
    source, importer = sources[source_id]
    return {
        "id": contact_id,
        "person_id": person_id,
        "source_id": source_id,
        "full_name": full_name,
        "company": company,
        "company_key": company_key,
        "title": title,
        "since": since,
        "former": former,
        "emails": [] if emails == "[]" else _decode(emails),
        "phones": [] if phones == "[]" else _decode(phones),
        "profile_urls": [] if profile_urls == "[]" else _decode(profile_urls),
        "messages_sent": messages_sent,
        "messages_received": messages_received,
        "last_message": last_message,
        "endorsed_skills": [] if endorsed_skills == "[]" else _decode(endorsed_skills),
        "endorsed_on": endorsed_on,
        "recommended_on": recommended_on,
        "birthday": birthday,
        "source": source,
        "importer": importer,
    }


def _with_domains(conn: sqlite3.Connection, domains: Iterable[str]) -> list[tuple[int, str]]:
    """(contact id, domain) for every contact with an email at one of `domains`."""
    domains = sorted(set(domains))
    rows: list[tuple[int, str]] = []
    for start in range(0, len(domains), 500):
        chunk = domains[start : start + 500]
        rows += conn.execute(
            "SELECT contact_id, value FROM contact_keys "
            f"WHERE kind = 'domain' AND value IN ({_in(chunk)})",
            chunk,
        )
    return rows


def _contact_id(contact: dict[str, Any]) -> int:
    return contact["id"]


def _by_contact(conn: sqlite3.Connection, sql: str, contacts: dict[int, Any]) -> list[tuple]:
    """The rows of `sql` for `contacts`, 500 contacts at a time ({ids} in `sql`), in the
    order of `contacts`."""
    ids = list(contacts)
    rows: list[tuple] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows += conn.execute(sql.format(ids=_in(chunk)), chunk)
    return rows


def _decode(text: str) -> Any:
    """A JSON column's value; the common empty list and list of plain strings without the
    parser.

    Without a backslash every quote in `text` delimits a string, so a list written by
    `json.dumps` splits exactly at its separators; anything else (escapes, control
    characters, other values) goes to the parser.
    """
    if text == "[]":
        return []
    if text[:2] == '["' and text[-2:] == '"]' and "\\" not in text and text.isprintable():
        items = text[2:-2].split('", "')
        if text.count('"') == 2 * len(items):
            return items
    if text == "{}":
        return {}
    return json.loads(text)


LINK_WORDS = {
    "email": "same email",
    "linkedin": "same LinkedIn profile",
    "phone": "same phone",
    "x": "same X account",
    "profile": "same profile",
    "name": "same name, unique in each source:",
    "name and company": "same name and company:",
}


def _link_reason(kind: str, value: str) -> str:
    return f"{LINK_WORDS.get(kind, 'same ' + kind)} {value}"
