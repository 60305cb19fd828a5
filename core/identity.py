"""The same person across records and sources: identity keys and merging."""

from __future__ import annotations

import sqlite3
from urllib.parse import unquote, urlsplit

from whoknows.records import Contact


def linkedin_slug(url: str) -> str | None:
    """The profile slug of a LinkedIn /in/ URL, decoded and lower-cased; None otherwise."""
    parts = urlsplit(url if "//" in url else "//" + url)
    if not parts.hostname or not parts.hostname.endswith("linkedin.com"):
        return None
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) >= 2 and segments[0] == "in":
        return unquote(segments[1]).lower()
    return None


def contact_keys(contact: Contact) -> list[tuple[str, str]]:
    """The identity keys of one contact, as (kind, value) pairs."""
    keys = [("email", e.strip().lower()) for e in contact.emails if "@" in e]
    keys += [("email_domain", e.split("@", 1)[1]) for _, e in keys]
    keys += [("phone", p) for p in contact.phones if p.startswith("+")]
    for url in contact.profile_urls:
        slug = linkedin_slug(url)
        if slug:
            keys.append(("linkedin", slug))
    return keys


def relink(conn: sqlite3.Connection) -> None:
    """Recompute ``contacts.person_id``: contacts sharing a strong key are one person."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (cid,) in conn.execute("SELECT id FROM contacts"):
        find(cid)
    rows = conn.execute(
        "SELECT kind, value, group_concat(contact_id) FROM contact_keys "
        "WHERE kind IN ('email', 'phone', 'linkedin') GROUP BY kind, value"
    )
    for _kind, _value, ids in rows:
        members = [int(i) for i in ids.split(",")]
        for other in members[1:]:
            parent[find(other)] = find(members[0])
    conn.executemany(
        "UPDATE contacts SET person_id = ? WHERE id = ?",
        [(find(cid), cid) for cid in list(parent)],
    )
