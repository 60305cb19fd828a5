"""`whoknows COMPANY`: from a company name to the people the user knows there."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from whoknows import ranking
from whoknows.companies import company_key
from whoknows.store import Store

JSON_COLUMNS = ("emails", "phones", "profile_urls", "endorsed_skills", "categories", "extra")

CONTACT_COLUMNS = """
    c.id, c.person_id, s.name AS source, c.full_name, c.given_name, c.family_name, c.company,
    c.company_key, c.department, c.title, c.since, c.former, c.emails, c.phones, c.profile_urls,
    c.messages_sent, c.messages_received, c.last_message, c.endorsed_skills, c.endorsed_on,
    c.recommended_on, c.invitation, c.birthday, c.categories, c.note, c.extra
"""


def find_people(store: Store, company: str) -> list[dict[str, Any]]:
    """The people the user knows at `company`, best first."""
    key = company_key(company)
    if not key:
        return []
    person_ids = [
        pid
        for (pid,) in store.conn.execute(
            "SELECT DISTINCT person_id FROM contacts WHERE company_key = ?", (key,)
        )
    ]
    people = [ranking.describe(contacts, key) for contacts in _contacts_of(store, person_ids)]
    return sorted(people, key=lambda p: (p["status"] != "current", -p["score"], p["name"]))


def all_people(store: Store, source: str | None = None) -> list[dict[str, Any]]:
    """Everyone in the store (or with a record from `source`), each person once."""
    sql = "SELECT DISTINCT person_id FROM contacts"
    args: tuple[str, ...] = ()
    if source is not None:
        sql += " WHERE source_id = (SELECT id FROM sources WHERE name = ?)"
        args = (source,)
    person_ids = [pid for (pid,) in store.conn.execute(sql, args)]
    people = [ranking.describe(contacts, None) for contacts in _contacts_of(store, person_ids)]
    return sorted(people, key=lambda p: p["name"].lower())


def _contacts_of(store: Store, person_ids: list[int]) -> list[list[dict[str, Any]]]:
    """The contacts of each person, grouped by person, in the order of `person_ids`."""
    grouped: dict[int, list[dict[str, Any]]] = {pid: [] for pid in person_ids}
    conn = store.conn
    conn.row_factory = sqlite3.Row
    try:
        for chunk_start in range(0, len(person_ids), 500):
            chunk = person_ids[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(
                f"SELECT {CONTACT_COLUMNS} FROM contacts c JOIN sources s ON s.id = c.source_id "
                f"WHERE c.person_id IN ({marks}) ORDER BY c.id",
                chunk,
            ):
                contact = dict(row)
                for column in JSON_COLUMNS:
                    contact[column] = json.loads(contact[column])
                grouped[contact["person_id"]].append(contact)
    finally:
        conn.row_factory = None
    return [contacts for contacts in grouped.values() if contacts]
