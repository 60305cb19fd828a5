"""One import: the records an importer yields, streamed into the store in one transaction.

Everything a single ``whoknows import`` command reads lands together or not at all: a bad file
or a plugin that raises halfway leaves the store exactly as it was. Importing a source again
replaces its earlier records.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import json
import operator
import os
import re
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from whoknows import identity, rekey
from whoknows.companies import company_key
from whoknows.errors import BadInput, WhoknowsError
from whoknows.importers import Registered, choose
from whoknows.inputs import Tree, is_zip
from whoknows.records import Contact, Position, Profile, Skipped
from whoknows.store import WRITE_TIME_INDEXES, Store, drop_indexes, gc_paused

BATCH = 1000


@dataclass
class ImportSummary:
    """What one source's import read, skipped and replaced."""

    source: str
    importer: str
    paths: list[str]
    contacts: int = 0
    profiles: int = 0
    positions: int = 0
    skipped: list[tuple[str, Skipped]] = field(default_factory=list)
    """(path, record) for each entry the importer could not read."""
    replaced: int = 0
    seconds: float = 0.0
    note: str = ""
    """The importer's `summary_note`, if it has one (e.g. what a format cannot carry)."""


Plan = list[tuple[Registered, list[Path]]]
"""Which importer reads which paths."""


def plan(
    paths: Iterable[Path], importer_name: str | None = None, source_name: str | None = None
) -> Plan:
    """Which importer reads which paths; paths one importer claims are imported together.

    Checks everything that can be checked before the store is touched.
    """
    groups: dict[str, tuple[Registered, list[Path]]] = {}
    for path in paths:
        check_readable(path)
        registered = choose(path, importer_name)
        groups.setdefault(registered.importer.name, (registered, []))[1].append(path)
    if source_name is not None and len(groups) > 1:
        raise WhoknowsError("--as names one source, but these paths are read by several importers")
    return list(groups.values())


def check_readable(path: Path) -> None:
    """Raise `BadInput` unless `path` is a folder or a regular file this user can read.

    Runs before any importer sees the path: a FIFO or a device is refused (reading one could
    block forever), and a file that starts like a zip, or is named ``.zip``, must open as one.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        link = f" (a link to {os.readlink(path)})" if path.is_symlink() else ""
        raise BadInput(path, f"no such file or folder{link}") from None
    except OSError as e:
        raise BadInput(path, e.strerror or str(e)) from None
    try:
        if stat.S_ISDIR(mode):
            os.scandir(path).close()
            return
        if not stat.S_ISREG(mode):
            raise BadInput(path, "not a regular file or a folder (a FIFO, socket or device?)")
        with open(path, "rb"):
            pass
    except OSError as e:
        raise BadInput(path, e.strerror or str(e)) from None
    if is_zip(path):
        Tree(path).close()  # a corrupt archive is named here, not by each importer's detect()
    elif path.suffix.lower() == ".zip":
        raise BadInput(path, "not a zip archive (an incomplete download?)")


def import_plan(
    store: Store,
    groups: Plan,
    source_name: str | None = None,
    on_record: Callable[[int], None] | None = None,
    on_wait: Callable[[], None] | None = None,
) -> list[ImportSummary]:
    """Import what `plan()` planned, in one transaction, and return a summary per source."""
    summaries = []
    with gc_paused(), store.transaction(on_wait) as conn:
        rekeyed = rekey.bring_current(conn)  # keys an older whoknows made: made again first
        empty = conn.execute("SELECT 1 FROM contacts LIMIT 1").fetchone() is None
        indexes = drop_indexes(conn, WRITE_TIME_INDEXES) if empty else []
        touched: set[str] = set()  # the company keys of what is added or replaced
        for registered, group_paths in groups:
            name = source_name or registered.importer.name
            summaries.append(
                _import_source(conn, registered, group_paths, name, on_record, touched)
            )
        for sql in indexes:
            conn.execute(sql)
        identity.relink(conn, None if rekeyed else touched)
    return summaries


def forget(store: Store, name: str, on_wait: Callable[[], None] | None = None) -> int:
    """Delete the source called `name` and all that was derived from it, in one transaction;
    returns how many contacts it had. The company index is updated for its companies only."""
    with store.transaction(on_wait) as conn:
        row = conn.execute("SELECT id, contacts FROM sources WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise WhoknowsError(f"no source called {name!r} (see `whoknows sources`)")
        rekeyed = rekey.bring_current(conn)
        touched = _company_keys_of(conn, row[0])
        conn.execute("DELETE FROM sources WHERE id = ?", (row[0],))
        identity.relink(conn, None if rekeyed else touched)
    return row[1]


def _company_keys_of(conn, source_id: int) -> set[str]:
    """The company keys of a source's contacts and positions."""
    return {
        key
        for (key,) in conn.execute(
            "SELECT company_key FROM contacts WHERE source_id = ? "
            "UNION SELECT company_key FROM positions WHERE source_id = ?",
            (source_id, source_id),
        )
    }


def _import_source(conn, registered, paths, name, on_record, touched) -> ImportSummary:
    importer = registered.importer
    started = time.perf_counter()
    summary = ImportSummary(name, importer.name, [str(p) for p in paths])
    summary.note = getattr(importer, "summary_note", "") or ""
    old = conn.execute("SELECT id, contacts FROM sources WHERE name = ?", (name,)).fetchone()
    if old is not None:
        summary.replaced = old[1]
        touched.update(_company_keys_of(conn, old[0]))
        conn.execute("DELETE FROM sources WHERE id = ?", (old[0],))
    source_id = conn.execute(
        "INSERT INTO sources (name, importer, paths, imported_at, contacts, skipped) "
        "VALUES (?, ?, ?, ?, 0, 0)",
        (
            name,
            importer.name,
            json.dumps(summary.paths),
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    ).lastrowid
    batch: list[Contact] = []
    seen_keys: set[str] = set()
    for path in paths:
        try:
            for record in importer.read(path):
                record = plain(record)
                if isinstance(record, Contact):
                    if record.source_key in seen_keys:
                        summary.skipped.append(
                            (str(path), Skipped(record.source_key, "listed twice; kept the first"))
                        )
                        continue
                    seen_keys.add(record.source_key)
                    batch.append(record)
                    summary.contacts += 1
                    if len(batch) >= BATCH:
                        _write_contacts(conn, source_id, batch, touched)
                        batch.clear()
                        gc.collect(0)  # the collector is paused: free cycles a plugin left
                    if on_record is not None:
                        on_record(summary.contacts)
                elif isinstance(record, Profile):
                    _write_profile(conn, source_id, record)
                    summary.profiles += 1
                elif isinstance(record, Position):
                    touched.add(_write_position(conn, source_id, record))
                    summary.positions += 1
                elif isinstance(record, Skipped):
                    summary.skipped.append((str(path), record))
                else:
                    raise WhoknowsError(
                        f"importer {importer.name!r} yielded {type(record).__name__}, not a record"
                    )
        except (WhoknowsError, KeyboardInterrupt):
            raise
        except RecursionError:
            raise BadInput(path, "nested too deeply to read (a damaged file?)") from None
        except Exception as e:
            raise WhoknowsError(
                f"{path}: importer {importer.name!r} (plugin {registered.plugin!r}) failed: "
                f"{type(e).__name__}: {e}; nothing was imported"
            ) from e
    _write_contacts(conn, source_id, batch, touched)
    if summary.contacts == 0:
        raise BadInput(
            ", ".join(summary.paths), f"no contacts found by the {importer.name} importer"
        )
    conn.execute(
        "UPDATE sources SET contacts = ?, skipped = ? WHERE id = ?",
        (summary.contacts, len(summary.skipped), source_id),
    )
    summary.seconds = time.perf_counter() - started
    return summary


CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # a terminal CSI sequence: ESC [ ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # an OSC sequence (window title...): ESC ] ... BEL
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # any other control character but new line and tab
)
"""What `plain` takes out of text: control characters and the terminal sequences they start."""


def plain(record: object) -> object:
    """The record with control characters taken out of its text, so that a name in an export
    cannot drive the terminal it is printed on. New lines and tabs are kept."""
    get_strings, get_lists = _text_getters(type(record))
    text = [*get_strings(record)]
    for value in get_lists(record):
        text += value
    try:
        if "".join(text).isprintable():
            return record
    except TypeError:
        pass  # a non-string where text belongs: cleaned below as far as it goes
    strings, lists = _text_fields(type(record))
    changes = {}
    for name in strings:
        value = getattr(record, name)
        if isinstance(value, str) and not value.isprintable():
            changes[name] = CONTROL.sub("", value)
    for name in lists:
        value = getattr(record, name)
        changes[name] = [CONTROL.sub("", v) if isinstance(v, str) else v for v in value]
    return dataclasses.replace(record, **changes)


@functools.cache
def _text_fields(cls: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names of a record type's `str` fields and of its `list[str]` fields."""
    if not dataclasses.is_dataclass(cls):
        return (), ()
    fields = dataclasses.fields(cls)
    strings = tuple(f.name for f in fields if f.type in ("str", str))
    lists = tuple(f.name for f in fields if f.type in ("list[str]", list[str]))
    return strings, lists


@functools.cache
def _text_getters(cls: type) -> tuple[Callable[[object], tuple], Callable[[object], tuple]]:
    """Functions giving a record's `str` fields and its `list[str]` fields, as tuples."""
    return tuple(_getter(names) for names in _text_fields(cls))  # type: ignore[return-value]


def _getter(names: tuple[str, ...]) -> Callable[[object], tuple]:
    """`operator.attrgetter(*names)`, always giving a tuple."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    if names:
        get = operator.attrgetter(names[0])
        return lambda record: (get(record),)
    return lambda record: ()


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _write_contacts(
    conn, source_id: int, contacts: list[Contact], touched: set[str] | None = None
) -> None:
    """Insert a batch of contacts and their identity keys, numbered as SQLite would number them;
    add their company keys to `touched`."""
    if not contacts:
        return
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM contacts").fetchone()[0]
    rows, keys = [], []
    add_row, contact_keys = rows.append, identity.contact_keys
    for contact_id, c in enumerate(contacts, start=first):
        # Lists and objects as _json writes them, the usual empty ones inline. A missing date
        # is bound as "" and stored as NULL by the statement: binding None costs the sqlite3
        # module a failed adapter lookup (an exception made and cleared) for each one.
        emails, phones, urls, skills = c.emails, c.phones, c.profile_urls, c.endorsed_skills
        categories, extra = c.categories, c.extra
        since, last = c.since, c.last_message
        endorsed, recommended = c.endorsed_on, c.recommended_on
        add_row(
            (
                contact_id,
                source_id,
                c.source_key,
                c.full_name or " ".join(filter(None, [c.given_name, c.family_name])),
                c.given_name,
                c.family_name,
                c.company,
                company_key(c.company),
                c.department,
                c.title,
                "" if since is None else since.isoformat(),
                int(c.former),
                "[]" if emails == [] else _json(emails),
                "[]" if phones == [] else _json(phones),
                "[]" if urls == [] else _json(urls),
                c.messages_sent,
                c.messages_received,
                "" if last is None else last.isoformat(),
                "[]" if skills == [] else _json(skills),
                "" if endorsed is None else endorsed.isoformat(),
                "" if recommended is None else recommended.isoformat(),
                c.invitation,
                int(c.birthday),
                "[]" if categories == [] else _json(categories),
                c.note,
                "{}" if extra == {} else _json(extra),
                contact_id,  # a person of their own until identity.relink links them
            )
        )
        keys += [(contact_id, kind, value) for kind, value in contact_keys(c)]
    conn.executemany(
        "INSERT INTO contacts (id, source_id, source_key, full_name, given_name, family_name, "
        "company, company_key, department, title, since, former, emails, phones, profile_urls, "
        "messages_sent, messages_received, last_message, endorsed_skills, endorsed_on, "
        "recommended_on, invitation, birthday, categories, note, extra, person_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, ''), ?, ?, ?, ?, ?, ?, nullif(?, ''), ?, "
        "nullif(?, ''), nullif(?, ''), ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.executemany("INSERT INTO contact_keys (contact_id, kind, value) VALUES (?, ?, ?)", keys)
    if touched is not None:
        touched.update(row[7] for row in rows)


def _json(value: object) -> str:
    """`json.dumps`, with lists of strings and empty objects written directly."""
    if type(value) is list:
        if not value:
            return "[]"
        try:
            return "[" + ", ".join(map(_json_string, value)) + "]"
        except TypeError:
            pass  # not only strings
    elif value == {}:
        return "{}"
    return json.dumps(value)


_json_string = json.encoder.encode_basestring_ascii
"""A string as `json.dumps` writes it (C)."""


def _write_profile(conn, source_id: int, p: Profile) -> None:
    conn.execute(
        "INSERT INTO profiles (source_id, full_name, emails, phones, profile_urls, headline, "
        "extra) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            source_id,
            p.full_name,
            json.dumps(p.emails),
            json.dumps(p.phones),
            json.dumps(p.profile_urls),
            p.headline,
            json.dumps(p.extra),
        ),
    )


def _write_position(conn, source_id: int, p: Position) -> str:
    """Insert one of the user's positions; returns its company key."""
    key = company_key(p.company)
    conn.execute(
        "INSERT INTO positions (source_id, company, company_key, title, started, finished) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (source_id, p.company, key, p.title, _iso(p.started), _iso(p.finished)),
    )
    return key
