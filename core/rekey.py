"""Keys made by older matching rules, made again.

A store keeps what was read from the exports and, beside it, keys derived from it: each
contact's and position's company key (`companies.company_key`) and each contact's identity keys
(`identity.contact_keys`). When a new whoknows version changes those rules, `KEYS_VERSION` goes
up, and the first import, `forget` or query after the upgrade makes every key again from the
stored values (then re-links the store), so an old store answers as a new one would.
"""

from __future__ import annotations

import json
import sqlite3

from whoknows.companies import company_key

KEYS_VERSION = "1"
"""Raise it with every change to `company_key`, `contact_keys` or what they read."""


def bring_current(conn: sqlite3.Connection) -> bool:
    """Make every key again if an older whoknows made them; True if it did (the caller, in
    the same transaction, must then re-link the whole store: `identity.relink(conn)`)."""
    if is_current(conn):
        mark_current(conn)
        return False
    rekey(conn)
    return True


def is_current(conn: sqlite3.Connection) -> bool:
    """True when the store's keys were made by these rules (or it has no contacts yet)."""
    row = conn.execute("SELECT value FROM meta WHERE name = 'keys_version'").fetchone()
    if row is not None:
        return row[0] == KEYS_VERSION
    return conn.execute("SELECT 1 FROM contacts LIMIT 1").fetchone() is None


def mark_current(conn: sqlite3.Connection) -> None:
    """Record that every key in the store is made by these rules."""
    conn.execute(
        "INSERT OR REPLACE INTO meta (name, value) VALUES ('keys_version', ?)", (KEYS_VERSION,)
    )


def rekey(conn: sqlite3.Connection) -> None:
    """Make every company key and identity key again; in the caller's transaction, which then
    re-links the whole store. Contacts are read a batch at a time (memory stays flat)."""
    from whoknows.identity import contact_keys
    from whoknows.records import Contact  # dataclasses: kept off the query path

    positions = conn.execute("SELECT rowid, company FROM positions").fetchall()
    conn.executemany(
        "UPDATE positions SET company_key = ? WHERE rowid = ?",
        [(company_key(name), rowid) for rowid, name in positions],
    )
    conn.execute("DELETE FROM contact_keys")
    last = 0
    while batch := conn.execute(
        "SELECT id, source_key, company, full_name, given_name, family_name, emails, phones, "
        "profile_urls, extra FROM contacts WHERE id > ? ORDER BY id LIMIT 5000",
        (last,),
    ).fetchall():
        companies, keys = [], []
        for cid, source_key, company, full, given, family, emails, phones, urls, extra in batch:
            contact = Contact(
                source_key=source_key,
                full_name=full or "",
                given_name=given or "",
                family_name=family or "",
                emails=json.loads(emails),
                phones=json.loads(phones),
                profile_urls=json.loads(urls),
                extra=json.loads(extra),
            )
            companies.append((company_key(company), cid))
            keys += [(cid, kind, value) for kind, value in contact_keys(contact)]
        conn.executemany("UPDATE contacts SET company_key = ? WHERE id = ?", companies)
        conn.executemany(
            "INSERT INTO contact_keys (contact_id, kind, value) VALUES (?, ?, ?)", keys
        )
        last = batch[-1][0]
    mark_current(conn)
