"""The SQLite store: where imported contacts live, on this machine only.

The default location is the platform's user data directory; ``--db PATH`` or the
``WHOKNOWS_DB`` environment variable chooses another. The file is created readable by its
owner only (0600), in a folder only the owner can enter (0700) when whoknows creates it.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import sqlite3
import stat
import sys
from collections import namedtuple
from collections.abc import Callable

from whoknows.errors import WhoknowsError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path  # imported when needed: it costs `whoknows COMPANY` milliseconds
    from typing import NoReturn

SCHEMA_VERSION = 3
WAIT_SECONDS = 60.0
"""How long a write waits for another process's write to finish."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    importer TEXT NOT NULL,
    paths TEXT NOT NULL,            -- JSON list of the paths imported
    imported_at TEXT NOT NULL,      -- ISO timestamp, UTC
    contacts INTEGER NOT NULL,
    skipped INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS contacts (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    source_key TEXT NOT NULL,
    full_name TEXT NOT NULL,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    company TEXT NOT NULL,
    company_key TEXT NOT NULL,
    department TEXT NOT NULL,
    title TEXT NOT NULL,
    since TEXT,
    former INTEGER NOT NULL,
    emails TEXT NOT NULL,           -- JSON lists
    phones TEXT NOT NULL,
    profile_urls TEXT NOT NULL,
    messages_sent INTEGER NOT NULL,
    messages_received INTEGER NOT NULL,
    last_message TEXT,
    endorsed_skills TEXT NOT NULL,
    endorsed_on TEXT,
    recommended_on TEXT,
    invitation TEXT NOT NULL,
    birthday INTEGER NOT NULL,
    categories TEXT NOT NULL,
    note TEXT NOT NULL,
    extra TEXT NOT NULL,            -- JSON object
    person_id INTEGER,              -- contacts of one person share it (see identity.py)
    UNIQUE (source_id, source_key)
);
-- Covering (schema 3): a company's people, and crossref's join, are read from the index alone.
CREATE INDEX IF NOT EXISTS contacts_company_person ON contacts(company_key, person_id);
CREATE INDEX IF NOT EXISTS contacts_person ON contacts(person_id);
CREATE TABLE IF NOT EXISTS contact_keys (
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,             -- email, email_domain, phone, linkedin, name, ...
    value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS contact_keys_value ON contact_keys(kind, value);
CREATE INDEX IF NOT EXISTS contact_keys_contact ON contact_keys(contact_id);
CREATE TABLE IF NOT EXISTS profiles (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    full_name TEXT NOT NULL,
    emails TEXT NOT NULL,
    phones TEXT NOT NULL,
    profile_urls TEXT NOT NULL,
    headline TEXT NOT NULL,
    extra TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS positions (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    company TEXT NOT NULL,
    company_key TEXT NOT NULL,
    title TEXT NOT NULL,
    started TEXT,
    finished TEXT
);
CREATE INDEX IF NOT EXISTS positions_company_key ON positions(company_key);
"""

MATCHING_SCHEMA = """
-- Added in schema 2, for matching (see docs/matching.md). Only user_aliases is user data; the
-- other tables are rebuilt from contacts and alias data by identity.relink / aliases.refresh.
CREATE TABLE IF NOT EXISTS links (
    contact_id INTEGER NOT NULL,    -- why two contacts are one person: they share kind/value
    other_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS links_contact ON links(contact_id);
CREATE INDEX IF NOT EXISTS links_other ON links(other_id);
CREATE TABLE IF NOT EXISTS user_aliases (
    kind TEXT NOT NULL,             -- name, domain or division
    alias TEXT NOT NULL,            -- as the user typed it
    company TEXT NOT NULL,
    UNIQUE (kind, alias, company)
);
CREATE TABLE IF NOT EXISTS alias_names (
    key TEXT NOT NULL,              -- company_key of a name or alias
    company TEXT NOT NULL,          -- company_key of the company's canonical name
    name TEXT NOT NULL,             -- the name or alias as written
    origin TEXT NOT NULL            -- data, user or plugin:NAME
);
CREATE INDEX IF NOT EXISTS alias_names_key ON alias_names(key);
CREATE INDEX IF NOT EXISTS alias_names_company ON alias_names(company);
CREATE TABLE IF NOT EXISTS alias_domains (
    domain TEXT NOT NULL,
    company TEXT NOT NULL,          -- company_key of the canonical name, or a learned company_key
    origin TEXT NOT NULL            -- data, user, plugin:NAME or learned
);
CREATE INDEX IF NOT EXISTS alias_domains_domain ON alias_domains(domain);
CREATE INDEX IF NOT EXISTS alias_domains_company ON alias_domains(company);
CREATE TABLE IF NOT EXISTS alias_parents (
    company TEXT NOT NULL,
    parent TEXT NOT NULL,
    origin TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alias_parents_parent ON alias_parents(parent);
CREATE TABLE IF NOT EXISTS companies (
    key TEXT PRIMARY KEY,           -- every company_key in contacts and positions
    name TEXT NOT NULL,             -- its most common spelling
    people INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS company_initials (initials TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS company_initials_initials ON company_initials(initials);
CREATE TABLE IF NOT EXISTS company_words (word TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS company_words_word ON company_words(word);
CREATE TABLE IF NOT EXISTS domain_labels (
    label TEXT NOT NULL,            -- the name part: stripe for stripe.com
    domain TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS domain_labels_label ON domain_labels(label);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
SCHEMA += MATCHING_SCHEMA

UPGRADES = {
    1: MATCHING_SCHEMA,  # schema 1 to 2: the matching tables
    2: (  # 2 to 3: the company index also holds each contact's person (covering)
        "DROP INDEX IF EXISTS contacts_company_key;"
        "CREATE INDEX IF NOT EXISTS contacts_company_person ON contacts(company_key, person_id);"
    ),
}
"""The steps from each older schema to the next."""


def default_path() -> Path:
    """The store's path: ``WHOKNOWS_DB`` if set, else the user data directory."""
    from pathlib import Path

    env = os.environ.get("WHOKNOWS_DB")
    if env:
        try:
            return Path(env).expanduser()
        except RuntimeError:  # "~nobody/x.db": no such user, or no home folder
            raise WhoknowsError(f"WHOKNOWS_DB={env}: no home folder for its ~") from None
    return Path(_linux_data_folder() or _platform_data_folder(), "whoknows.db")


def default_file() -> str:
    """``str(default_path())``, without importing pathlib in the usual cases."""
    env = os.environ.get("WHOKNOWS_DB")
    if env and not env.startswith("~"):
        return as_written(env)
    folder = None if env else _linux_data_folder()
    if folder:
        return as_written(os.path.join(folder, "whoknows.db"))
    return str(default_path())


def as_written(path: str) -> str:
    """`path` as ``str(Path(path))`` writes it (error messages name the store so); pathlib is
    imported only when the two could differ (empty or "." parts, or not POSIX)."""
    if os.name == "posix" and path:
        parts = path[1:].split("/") if path.startswith("/") else path.split("/")
        if "" not in parts and "." not in parts:
            return path
    from pathlib import Path

    return str(Path(path))


def _platform_data_folder() -> str:
    from platformdirs import user_data_dir

    return user_data_dir("whoknows", appauthor=False)


def _linux_data_folder() -> str | None:
    """platformdirs' user data folder in the usual Linux cases ($XDG_DATA_HOME, else
    ~/.local/share, with an absolute $HOME), worked out without importing platformdirs: that
    costs a query more than the query. None in any other case (platformdirs decides)."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel"):
        return None
    if "ANDROID_DATA" in os.environ or "ANDROID_ROOT" in os.environ:
        return None
    xdg = os.environ.get("XDG_DATA_HOME", "")
    if xdg.startswith("/"):
        return os.path.join(xdg, "whoknows")
    if xdg.strip() or not os.environ.get("HOME", "").startswith("/"):
        return None
    return os.path.join(os.path.expanduser("~/.local/share"), "whoknows")


SourceInfo = namedtuple("SourceInfo", "name importer paths imported_at contacts skipped")
"""One import: its name, importer, paths (list), time (ISO, UTC), contacts and skipped counts.
(A named tuple, not a dataclass: dataclasses imports inspect, too slow for the query path.)"""


def _connect(path: Path | str) -> tuple[sqlite3.Connection, int]:
    """A connection to the store at `path`, and its schema version."""
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    return conn, conn.execute("PRAGMA user_version").fetchone()[0]


def _connect_on_read_only_disk(
    path: Path | str, error: sqlite3.OperationalError
) -> tuple[sqlite3.Connection, int]:
    """A store SQLite could not open (`error`), opened for reading only if it is on a
    read-only disk (a mounted backup, a read-only share): SQLite cannot open a WAL database
    there as usual, but can as an unchanging file. Anything that would write to it then fails
    as writing to a read-only store does."""
    if not on_read_only_disk(path):
        raise WhoknowsError(
            f"{path}: cannot open the store ({error}; check the permissions of it and its folder)"
        ) from None
    from pathlib import Path

    uri = Path(os.path.abspath(path)).as_uri() + "?immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        conn.execute("PRAGMA query_only = ON")  # a write fails at once, even BEGIN IMMEDIATE
        return conn, conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as e:
        raise WhoknowsError(f"{path}: not a whoknows store ({e})") from None


def _refuse_foreign(conn: sqlite3.Connection, path: Path | str) -> NoReturn:
    """Close another program's database, never adding tables to it, and say so."""
    conn.close()
    raise WhoknowsError(f"{path}: not a whoknows store (another program's database)")


def on_read_only_disk(path: Path | str) -> bool:
    """Whether the file system holding `path` is mounted read-only (POSIX)."""
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # no statvfs (Windows), or no such path
        return False


class Store:
    """One SQLite database file. Open with ``Store.open(path)``; close with ``close()``."""

    def __init__(self, conn: sqlite3.Connection, path: Path | str) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: Path | str | None = None, *, create: bool = True) -> Store:
        """Open (and, when `create`, create) the store at `path`."""
        path = default_file() if path is None else path
        if isinstance(path, str):
            path = as_written(path)
        found = _stat(path)
        if found is not None and stat.S_ISDIR(found.st_mode):
            raise WhoknowsError(f"{path}: is a folder; --db needs a file path")
        if found is None:
            if not create:
                raise WhoknowsError(f"{path}: no store here yet; run `whoknows import PATH` first")
            _create_private(path)
        try:
            conn, version = _connect(path)
        except sqlite3.OperationalError as e:  # not the file's content: where it is
            conn, version = _connect_on_read_only_disk(path, e)
        except sqlite3.DatabaseError as e:
            raise WhoknowsError(f"{path}: not a whoknows store ({e})") from None
        store = cls(conn, path)
        if version == 0:
            if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                _refuse_foreign(conn, path)
            store._create_schema()
        elif version > SCHEMA_VERSION:
            conn.close()
            raise WhoknowsError(
                f"{path}: made by a newer whoknows (schema {version}); upgrade whoknows"
            )
        elif version < SCHEMA_VERSION:
            if (
                version < 0
                or not conn.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'contacts'"
                ).fetchone()
            ):
                _refuse_foreign(conn, path)
            store._upgrade_schema(version)
        return store

    def _create_schema(self) -> None:
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.executescript(
            "BEGIN IMMEDIATE;" + SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
        )

    def _upgrade_schema(self, version: int) -> None:
        """Bring a store made by an older whoknows (schema `version`) to this schema, in one
        transaction; what was imported is kept as it is."""
        steps = "".join(UPGRADES[v] for v in range(version, SCHEMA_VERSION))
        self.conn.executescript(
            "BEGIN IMMEDIATE;" + steps + f"PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
        )

    def close(self) -> None:
        self.conn.close()

    def transaction(
        self, on_wait: Callable[[], None] | None = None, wait: float | None = None
    ) -> Transaction:
        """One write transaction: everything in it lands, or nothing does.

        When another process is writing, call `on_wait` once and wait up to `wait` seconds
        for it; then give up with a clear error. Readers are never blocked (WAL).
        """
        return Transaction(self, on_wait, WAIT_SECONDS if wait is None else wait)

    def _begin(self, on_wait: Callable[[], None] | None, wait: float) -> None:
        self.conn.execute("PRAGMA busy_timeout = 0")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as e:
            if "readonly" in str(e) and on_read_only_disk(self.path):
                raise WhoknowsError(
                    f"{self.path}: the store is on a read-only disk: whoknows can answer from "
                    "it but not change it"
                ) from None
            if "locked" not in str(e) and "busy" not in str(e):
                raise
        if on_wait is not None:
            on_wait()
        self.conn.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e):
                raise
            raise WhoknowsError(
                f"{self.path}: the store is busy: another whoknows command has been writing "
                f"to it for over {wait:.0f} s; try again when it has finished"
            ) from None

    def vacuum(self) -> None:
        """Rewrite the file so that deleted data leaves no trace in it or in its journal."""
        self.conn.execute("VACUUM")
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def sources(self) -> list[SourceInfo]:
        rows = self.conn.execute(
            "SELECT name, importer, paths, imported_at, contacts, skipped "
            "FROM sources ORDER BY name"
        ).fetchall()
        return [
            SourceInfo(name, importer, json.loads(paths), at, contacts, skipped)
            for name, importer, paths, at, contacts, skipped in rows
        ]

    def contact_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM contacts").fetchone()[0]


WRITE_TIME_INDEXES = ("contacts", "contact_keys")
"""The tables whose indexes an import into an empty store builds after writing the rows."""


def drop_indexes(conn: sqlite3.Connection, tables: tuple[str, ...]) -> list[str]:
    """Drop the indexes of `tables` (not those of UNIQUE constraints); returns the statements
    that create them again, in the order they were made. Filling an empty table and indexing
    it once is quicker than keeping its indexes up to date row by row."""
    marks = ", ".join("?" * len(tables))
    indexes = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({marks}) "
        "AND sql IS NOT NULL ORDER BY rowid",
        tables,
    ).fetchall()
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in indexes]


class Transaction:
    """``with store.transaction(...) as conn``: BEGIN IMMEDIATE on entering, COMMIT when the
    block ends, ROLLBACK when it raises. (Classes, not contextlib: importing contextlib costs
    `whoknows COMPANY` a millisecond.)"""

    def __init__(self, store: Store, on_wait: Callable[[], None] | None, wait: float) -> None:
        self.store = store
        self.on_wait = on_wait
        self.wait = wait

    def __enter__(self) -> sqlite3.Connection:
        self.store._begin(self.on_wait, self.wait)
        return self.store.conn

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.store.conn.execute("COMMIT" if kind is None else "ROLLBACK")


class gc_paused:  # lower case: it was a function, and reads as one (`with gc_paused():`)
    """Pause Python's cycle collector while importing, or reading or linking the whole store: it
    would walk the many small dicts and lists made there again and again, and they hold no
    cycles."""

    def __enter__(self) -> None:
        self.enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *_: object) -> None:
        if self.enabled:
            gc.enable()


def _stat(path: Path | str) -> os.stat_result | None:
    """The path's status; None when there is nothing there, as pathlib's exists() sees it
    (other errors, such as a folder the user may not enter, are raised)."""
    try:
        return os.stat(path)
    except OSError as e:
        if e.errno in _MISSING or getattr(e, "winerror", None) in _MISSING_ON_WINDOWS:
            return None
        raise
    except ValueError:  # a NUL in the path
        return None


_MISSING = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)
_MISSING_ON_WINDOWS = (21, 123, 1921)  # not ready, invalid name, cannot resolve (as pathlib)


def _create_private(path: Path | str) -> None:
    """Create an empty file readable by the owner only, and its folder if needed (0700)."""
    from pathlib import Path

    path = Path(path)
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
