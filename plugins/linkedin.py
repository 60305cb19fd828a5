"""LinkedIn data export importer: the export zip, its unzipped folder, or Connections.csv alone.

Reads ``Connections.csv`` of every era since 2018 and, when the export has them, the files that
say how strong each tie is: ``messages.csv`` (``Messages.csv`` in 2018),
``Endorsement_Received_Info.csv``, ``Recommendations_Received.csv`` and ``Invitations.csv``;
and the user's own ``Profile.csv``, ``Email Addresses.csv`` and ``Positions.csv``.
Columns are found by header name, never by position. See docs/importers.md.
"""

from __future__ import annotations

import csv
import functools
import io
import operator
import os
import re
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import IO
from urllib.parse import unquote

from whoknows import BadInput, Contact, Position, Profile, Skipped, hookimpl
from whoknows.inputs import Tree, decode, is_zip, read_file, text_stream
from whoknows.records import Record

Text = str | IO[str]
"""A CSV file's text: whole, or a stream (`inputs.text_stream`) for a big file."""
CONNECTIONS = "Connections.csv"
HEADER_SEARCH_ROWS = 10
"""The header is looked for in this many first rows (today's export has a 3-line preamble)."""
GHOST_ROW = "ghost row: every column empty but Connected On (a closed or hidden account)"
MAX_FIELD = 1 << 26
"""The longest CSV cell read (64 MiB): a long message must not stop an import."""
EXPORT_NAME = re.compile(r"(basic|complete)_linkedindataexport_", re.IGNORECASE)


class LinkedInImporter:
    name = "linkedin"
    description = "LinkedIn data export: the zip, its unzipped folder, or Connections.csv"
    summary_note = "LinkedIn exports a connection's e-mail only if they allow it, and no phones."

    def detect(self, path: Path) -> bool:
        """Cheap: the export's file name, the zip's member names, or a CSV's first lines."""
        path = Path(path)
        if path.is_dir():
            return _folder_has_connections(path)
        if not path.is_file():
            return False
        if EXPORT_NAME.search(path.name):
            return True
        if is_zip(path):
            try:
                with zipfile.ZipFile(path) as archive:
                    return any(_basename(n) == CONNECTIONS.lower() for n in archive.namelist())
            except (zipfile.BadZipFile, OSError, ValueError):
                return False
        if path.name.lower() == CONNECTIONS.lower():
            return True
        return path.suffix.lower() == ".csv" and _looks_like_connections(path)

    def read(self, path: Path) -> Iterator[Record]:
        path = Path(path)
        csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD))
        if path.is_file() and not is_zip(path):
            text = text_stream(read_file(path), path)
            yield from read_connections(text, str(path), Signals())
            return
        with Tree(path) as tree:
            found = tree.find(CONNECTIONS)
            if not found:
                raise BadInput(path, "no Connections.csv in it (is it a LinkedIn data export?)")
            yield from read_export(tree, found[0])


@hookimpl
def register_importers(register) -> None:
    register(LinkedInImporter())


# --- the whole export -------------------------------------------------------------------------


def read_export(tree: Tree, connections: str) -> Iterator[Record]:
    """Read the tie signals and the user's own files first, then stream the connections."""
    signals = Signals()
    skipped: list[Skipped] = []
    profile = _optional(tree, "Profile.csv", skipped, read_profile)
    emails = _optional(tree, "Email Addresses.csv", skipped, read_email_addresses) or []
    user_names = {name_key(profile.full_name)} if profile and profile.full_name else set()
    user_urls = _optional(tree, "messages.csv", skipped, read_messages, signals, user_names) or []
    _optional(tree, "Endorsement_Received_Info.csv", skipped, read_endorsements, signals)
    _optional(tree, "Recommendations_Received.csv", skipped, read_recommendations, signals)
    _optional(tree, "Invitations.csv", skipped, read_invitations, signals)
    positions = _optional(tree, "Positions.csv", skipped, read_positions) or []
    yield from skipped
    if profile is not None or emails or user_urls:
        profile = profile or Profile()
        profile.emails = emails
        profile.profile_urls = user_urls
        yield profile
    yield from positions
    with tree.open_text(connections) as text:
        yield from read_connections(text, tree.label(connections), signals, where=connections)


def _optional(tree: Tree, filename: str, skipped: list[Skipped], reader, *args):
    """`reader`'s result for an optional file, or None if the export has no such file.

    A file whose header is not understood is noted in `skipped` rather than failing the
    import. Undecodable bytes or a corrupt archive member still raise `BadInput`.
    """
    found = tree.find(filename)
    if not found:
        return None
    with tree.open_text(found[0]) as text:
        try:
            return reader(text, found[0], *args)
        except _Unreadable as e:
            skipped.append(Skipped(found[0], f"{filename} not read: {e}"))
            return None


class _Unreadable(Exception):
    """An optional file whoknows cannot make sense of (its header, for example)."""


# --- Connections.csv --------------------------------------------------------------------------


def read_connections(text: Text, label: str, signals: Signals, where: str = "") -> Iterator[Record]:
    """Stream one Contact per row of a Connections.csv of any era; ghost rows become Skipped.

    `label` names the file in errors; `where` prefixes line numbers in Skipped records.
    """
    table = open_table(text, ("first name", "last name"))
    if table is None:
        raise BadInput(
            label,
            f"no header with First Name and Last Name in its first {HEADER_SEARCH_ROWS} lines "
            "(is it LinkedIn's Connections.csv?)",
        )
    columns, rows = table
    # A column the file lacks reads an empty cell added at the end of each row.
    width = max(columns.values()) + 1
    first, last = columns["first name"], columns["last name"]
    url = columns.get("url", columns.get("profile url", width))
    email = columns.get("email address", columns.get("email", width))
    company = columns.get("company", width)
    position = columns.get("position", columns.get("title", width))
    connected = columns.get("connected on", width)
    padding = [""] * (width + 1)
    cells = operator.itemgetter(first, last, url, email, company, position, connected)
    prefix = f"{where} " if where else ""
    ties, url_by_name = signals.ties, signals.url_by_name
    contacts = ghosts = 0
    try:
        for row in rows:
            if len(row) <= width:
                row += padding[len(row) :]
            given, family, profile, address, employer, title, day = cells(row)
            given, family = " ".join(given.split()), " ".join(family.split())
            profile = profile.strip()
            full_name = f"{given} {family}".strip()
            if not full_name and not profile:
                if any(cell.strip() for i, cell in enumerate(row) if i != connected):
                    yield Skipped(f"{prefix}line {rows.line_num}", "no name and no profile URL")
                elif day.strip():
                    ghosts += 1
                    yield Skipped(f"{prefix}line {rows.line_num}", GHOST_ROW)
                continue
            since = _parse_date(day)  # a day: no time of day to drop
            address = address.strip()
            url_key = None
            if profile:
                shown, url_key = profile_url(profile)
                source_key = url_key
            else:
                on = since.isoformat() if since else ""
                source_key = f"name:{name_key(full_name)}|{on}"
            contact = Contact(
                source_key=source_key,
                full_name=full_name,
                given_name=given,
                family_name=family,
                emails=[address] if address else [],
                profile_urls=[shown] if profile else [],
                company=employer.strip(),
                title=title.strip(),
                since=since,
            )
            if ties:
                # `name_key`, quicker for a name already single-spaced and in ASCII
                person = full_name.lower() if full_name.isascii() else name_key(full_name)
                # Each signal is taken by the first connection that claims it (rows are newest
                # first): under the name, then under the profile URL.
                if (tie := ties.pop("name:" + person, None)) is not None:
                    tie.add_to(contact)
                if (tie := ties.pop(url_key or url_by_name.get(person, ""), None)) is not None:
                    tie.add_to(contact)
            contacts += 1
            yield contact
    except csv.Error as e:
        raise BadInput(label, f"line {rows.line_num}: {e}") from None
    if contacts == 0:
        why = f" (only {ghosts} ghost rows without a name)" if ghosts else ""
        raise BadInput(label, f"no connections in it{why}")


# --- tie signals ------------------------------------------------------------------------------


@dataclass
class Tie:
    """What the other files say about one person."""

    sent: int = 0
    received: int = 0
    last_message: date | None = None
    skills: list[str] = field(default_factory=list)
    endorsed_on: date | None = None
    recommended_on: date | None = None
    recommendation: dict[str, str] = field(default_factory=dict)
    invitation: str = ""

    def add_to(self, contact: Contact) -> None:
        """Copy these signals into `contact`."""
        contact.messages_sent += self.sent
        contact.messages_received += self.received
        contact.last_message = _latest(contact.last_message, self.last_message)
        contact.endorsed_skills += [s for s in self.skills if s not in contact.endorsed_skills]
        contact.endorsed_on = _latest(contact.endorsed_on, self.endorsed_on)
        contact.recommended_on = _latest(contact.recommended_on, self.recommended_on)
        contact.extra.update(self.recommendation)
        contact.invitation = contact.invitation or self.invitation

    def message(self, sent: bool, when: date | None, count: int = 1) -> None:
        if sent:
            self.sent += count
        else:
            self.received += count
        self.last_message = _latest(self.last_message, when)


class Signals:
    """Ties by person: under the profile URL's key when a file gives one, else under the name.

    Each signal is stored under one key only, so attaching never counts it twice; an entry is
    taken by the first connection that claims it (see `read_connections`).
    """

    def __init__(self) -> None:
        self.ties: dict[str, Tie] = defaultdict(Tie)
        self.url_by_name: dict[str, str] = {}

    def tie(self, name: str, url: str = "") -> Tie:
        """The Tie for a person named `name` with profile URL `url` (either may be empty)."""
        key = _repeated_name_key(name)
        url_key = _matchable_url_key(url)
        if url_key:
            if key:
                self.url_by_name.setdefault(key, url_key)
            return self.ties[url_key]
        return self.ties["name:" + key]


Thread = tuple[str, tuple[str, str], tuple[tuple[str, str], ...], str, int, date | None]
"""Messages alike but for their date: (conversation, (sender name, sender URL),
((recipient name, URL), ...), direction, how many, the latest date)."""


def read_messages(text: Text, where: str, signals: Signals, user_names: set[str]) -> list[str]:
    """Count messages sent and received per person and the last date; return the user's URLs.

    2018's ``Messages.csv`` has a Direction column. Later files do not: the user is the
    participant named as in Profile.csv, else the one in the most conversations.
    Drafts and the SPAM folder are left out.
    """
    columns, rows = _table(text, ("from", "to", "date"))
    threads = _threads(columns, rows)
    if "direction" in columns:
        for _conv, (name, url), recipients, way, count, day in threads:
            if way == "OUTGOING":
                for to_name, to_url in recipients:
                    signals.tie(to_name, to_url).message(True, day, count)
            elif way == "INCOMING":
                signals.tie(name, url).message(False, day, count)
        return []
    is_user = _find_user(threads, user_names)
    if is_user is None:
        raise _Unreadable("cannot tell which participant is you, so messages are not counted")
    user_urls: list[str] = []
    seen: set[str] = set()
    for _conv, (name, url), recipients, _way, count, day in threads:
        if is_user(name, url):
            if url and url not in seen:
                seen.add(url)
                if (shown := profile_url(url)[0]) not in user_urls:
                    user_urls.append(shown)
            for to_name, to_url in recipients:
                if not is_user(to_name, to_url):
                    signals.tie(to_name, to_url).message(True, day, count)
        else:
            signals.tie(name, url).message(False, day, count)
    return user_urls


def _threads(columns: dict[str, int], rows) -> list[Thread]:
    """The messages of a messages.csv in one pass, those alike but for their date counted
    together, in the order each first appears; drafts and the SPAM folder left out."""
    width = max(columns.values()) + 1
    padding = [""] * (width + 1)
    names = ("conversation id", "from", "sender profile url", "to", "recipient profile urls")
    thread_of = operator.itemgetter(*(columns.get(name, width) for name in (*names, "direction")))
    day = columns["date"]
    folder = columns.get("folder", width)
    draft = columns.get("is message draft", width)
    # The dates of the messages alike, by their cells as written first, then by the cells
    # stripped: fewer strips.
    alike: dict[tuple[str, ...], list[str]] = {}
    try:
        for row in rows:
            if len(row) <= width:
                row += padding[len(row) :]
            if _left_out(row[folder], row[draft]):
                continue
            key = thread_of(row)
            if not key[0] or key[0].isspace():
                key = (f"line {rows.line_num}", *key[1:])
            alike.setdefault(key, []).append(row[day])
    except csv.Error as e:
        raise _Unreadable(f"line {rows.line_num}: {e}") from None
    threads: dict[tuple[str, ...], list[str]] = {}
    for (conv, name, url, to, to_urls, way), days in alike.items():
        key = (
            conv.strip(),
            name.strip(),
            url.strip(),
            to.strip(),
            to_urls.strip(),
            way.strip().upper(),
        )
        threads.setdefault(key, []).extend(days)
    return [
        (conv, (name, url), _recipients(to, to_urls), way, len(days), _latest_date(days))
        for (conv, name, url, to, to_urls, way), days in threads.items()
    ]


@lru_cache(maxsize=64)
def _left_out(folder: str, draft: str) -> bool:
    """A message in the SPAM folder, or a draft: not counted."""
    return folder.strip().upper() == "SPAM" or draft.strip().lower() in ("true", "yes")


def _recipients(names: str, urls: str) -> tuple[tuple[str, str], ...]:
    """Pairs of (name, URL) from the TO and RECIPIENT PROFILE URLS cells of a message."""
    url_list = [u.strip() for u in urls.split(",") if u.strip()]
    if len(url_list) <= 1:
        return ((names, url_list[0] if url_list else ""),)
    name_list = [n.strip() for n in names.split(",")]
    if len(name_list) != len(url_list):
        name_list = [""] * len(url_list)
    return tuple(zip(name_list, url_list, strict=True))


def _find_user(threads: list[Thread], user_names: set[str]):
    """A test telling whether a participant (name, URL) is the user; None if it cannot tell."""
    conversations: dict[str, set[str]] = defaultdict(set)
    sent: Counter[str] = Counter()
    names_of: dict[str, set[str]] = defaultdict(set)
    for conv, (name, url), recipients, _way, count, _day in threads:
        for to_name, to_url in ((name, url), *recipients):
            key = _participant(to_name, to_url)
            conversations[key].add(conv)
            if to_name:
                names_of[key].add(_repeated_name_key(to_name))
        sent[_participant(name, url)] += count
    user_keys = {key for key, names in names_of.items() if names & user_names}
    if not user_keys:
        ranked = sorted(conversations, key=lambda k: (len(conversations[k]), sent[k]), reverse=True)
        if not ranked:
            return None
        best = ranked[0]
        rank = (len(conversations[best]), sent[best])
        if len(ranked) > 1 and rank == (len(conversations[ranked[1]]), sent[ranked[1]]):
            return None
        user_keys = {best}
    user_names = user_names | {name for key in user_keys for name in names_of[key]}

    def is_user(name: str, url: str) -> bool:
        if _participant(name, url) in user_keys:
            return True
        return not _matchable_url_key(url) and _repeated_name_key(name) in user_names

    return is_user


def _participant(name: str, url: str) -> str:
    return _matchable_url_key(url) or "name:" + _repeated_name_key(name)


def read_endorsements(text: Text, where: str, signals: Signals) -> None:
    """Skills each person endorsed the user for, and the latest endorsement's date."""
    columns, rows = _table(text, ("skill name", "endorser first name", "endorser last name"))
    first, last = columns["endorser first name"], columns["endorser last name"]
    url, skill = columns.get("endorser public url"), columns["skill name"]
    when, status = columns.get("endorsement date"), columns.get("endorsement status")
    for _line, row in _rows(rows):
        if _cell(row, status).upper() == "REJECTED":
            continue
        tie = signals.tie(f"{_cell(row, first)} {_cell(row, last)}", _cell(row, url))
        name = _cell(row, skill)
        if name and name not in tie.skills:
            tie.skills.append(name)
        tie.endorsed_on = _latest(tie.endorsed_on, parse_date(_cell(row, when)))


def read_recommendations(text: Text, where: str, signals: Signals) -> None:
    """Who recommended the user and when; their company and title then go in `extra`."""
    columns, rows = _table(text, ("first name", "last name"))
    first, last = columns["first name"], columns["last name"]
    company, title = columns.get("company"), columns.get("job title")
    when = columns.get("creation date")
    for _line, row in _rows(rows):
        tie = signals.tie(f"{_cell(row, first)} {_cell(row, last)}")
        day = parse_date(_cell(row, when))
        if tie.recommended_on is not None and (day is None or day < tie.recommended_on):
            continue
        tie.recommended_on = day
        for key, index in (("recommendation_company", company), ("recommendation_title", title)):
            if _cell(row, index):
                tie.recommendation[key] = _cell(row, index)


def read_invitations(text: Text, where: str, signals: Signals) -> None:
    """Who sent the invitation: "incoming" (they invited the user) or "outgoing"."""
    columns, rows = _table(text, ("from", "to", "direction"))
    inviter, invitee = columns["from"], columns["to"]
    inviter_url, invitee_url = columns.get("inviterprofileurl"), columns.get("inviteeprofileurl")
    direction = columns["direction"]
    for _line, row in _rows(rows):
        way = _cell(row, direction).upper()
        if way == "INCOMING":
            tie = signals.tie(_cell(row, inviter), _cell(row, inviter_url))
        elif way == "OUTGOING":
            tie = signals.tie(_cell(row, invitee), _cell(row, invitee_url))
        else:
            continue
        tie.invitation = tie.invitation or way.lower()


# --- the user's own files ---------------------------------------------------------------------


def read_profile(text: Text, where: str) -> Profile | None:
    """The user's name, headline and a few details from Profile.csv."""
    columns, rows = _table(text, ("first name", "last name"))
    for _line, row in _rows(rows):
        given, family = _cell(row, columns["first name"]), _cell(row, columns["last name"])
        extra = {
            key.replace(" ", "_"): _cell(row, columns.get(key))
            for key in ("industry", "geo location", "websites", "twitter handles")
            if _cell(row, columns.get(key))
        }
        return Profile(
            full_name=" ".join(f"{given} {family}".split()),
            headline=_cell(row, columns.get("headline")),
            extra=extra,
        )
    return None


def read_email_addresses(text: Text, where: str) -> list[str]:
    """The user's own addresses, the primary one first."""
    columns, rows = _table(text, ("email address",))
    primary = columns.get("primary")
    found = []
    for _line, row in _rows(rows):
        if address := _cell(row, columns["email address"]):
            found.append((_cell(row, primary).lower() != "yes", address))
    return [address for _, address in sorted(found, key=lambda f: f[0])]


def read_positions(text: Text, where: str) -> list[Position | Skipped]:
    """One Position per job in the user's history; an empty Finished On means current."""
    columns, rows = _table(text, ("company name",))
    found: list[Position | Skipped] = []
    for line, row in _rows(rows):
        company = _cell(row, columns["company name"])
        if not company:
            if any(row):
                found.append(Skipped(f"{where} line {line}", "position without a company name"))
            continue
        found.append(
            Position(
                company=company,
                title=_cell(row, columns.get("title")),
                started=parse_date(_cell(row, columns.get("started on"))),
                finished=parse_date(_cell(row, columns.get("finished on"))),
            )
        )
    return found


# --- CSV --------------------------------------------------------------------------------------


def open_table(text: Text, required: tuple[str, ...]):
    """Find the header row (within the first rows) that has every `required` column.

    Returns ``(columns, rows)``: column index by normalised header name, and the csv reader
    positioned after the header; or None. Commas first, then ``;`` and tabs (Excel re-saves
    in some locales).
    """
    lines = _Replayable(io.StringIO(text) if isinstance(text, str) else text)
    for delimiter in ",;\t":
        rows = csv.reader(lines.from_start(), delimiter=delimiter)
        try:
            for _ in range(HEADER_SEARCH_ROWS):
                row = next(rows, None)
                if row is None:
                    break
                columns: dict[str, int] = {}
                for index, cell in enumerate(row):
                    columns.setdefault(header_name(cell), index)
                if all(name in columns for name in required):
                    lines.recording = False
                    return columns, rows
        except csv.Error:
            continue
    return None


class _Replayable:
    """A stream's lines, read from the start again for each delimiter `open_table` tries; only
    the lines read while the header is looked for are kept."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._seen: list[str] = []
        self.recording = True

    def from_start(self) -> Iterator[str]:
        yield from self._seen
        for line in self._stream:
            if not self.recording:
                yield line
                yield from self._stream  # the rows after the header: handed on as they come
                return
            self._seen.append(line)
            yield line


def header_name(cell: str) -> str:
    """A header cell as a lookup key: no BOM, no stray spaces, case-folded."""
    return " ".join(cell.replace("\ufeff", "").split()).casefold()


def _table(text: Text, required: tuple[str, ...]):
    """`open_table` for an optional file: no such header raises `_Unreadable`."""
    table = open_table(text, required)
    if table is None:
        names = ", ".join(name.title() for name in required)
        raise _Unreadable(f"no header with {names} in its first {HEADER_SEARCH_ROWS} lines")
    return table


def _rows(rows) -> Iterator[tuple[int, list[str]]]:
    """(line number, row) for each row of a csv reader; a csv error raises `_Unreadable`."""
    try:
        for row in rows:
            yield rows.line_num, row
    except csv.Error as e:
        raise _Unreadable(f"line {rows.line_num}: {e}") from None


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


# --- values -----------------------------------------------------------------------------------

PROFILE_URL = re.compile(r"(?:https?://)?(?:[\w-]+\.)*linkedin\.com/in/([^/?#\s]+)", re.IGNORECASE)
USUAL_PROFILE_URL = re.compile(r"(?:https://)?www\.linkedin\.com/in/([^/?#\s]+)")
"""The forms exports write, which `PROFILE_URL` also matches, read with no backtracking."""
USUAL_PREFIX = "https://www.linkedin.com/in/"
"""How a profile URL usually starts, as exports write it and as `profile_url` shows it."""


def profile_url(raw: str) -> tuple[str, str]:
    """(URL to show, key) for a profile URL as an export gives it.

    ``www.linkedin.com/in/Some-One/?trk=x`` shows as ``https://www.linkedin.com/in/Some-One``
    (the slug as given, percent-encoding kept) and keys as
    ``https://www.linkedin.com/in/some-one`` (percent-decoded, case-folded).
    """
    raw = raw.strip()
    if raw.startswith(USUAL_PREFIX) and raw[len(USUAL_PREFIX) :].replace("-", "").isalnum():
        # as exports write it, without a pattern: letters, digits and hyphens after the prefix
        return raw, USUAL_PREFIX + raw[len(USUAL_PREFIX) :].casefold()
    slug = _slug(raw)
    if slug is None:
        return raw, raw.rstrip("/").casefold()
    return (
        f"https://www.linkedin.com/in/{slug}",
        f"https://www.linkedin.com/in/{(unquote(slug) if '%' in slug else slug).casefold()}",
    )


def _slug(url: str) -> str | None:
    """The profile's name in a LinkedIn profile URL (stripped), or None for another text."""
    match = USUAL_PROFILE_URL.match(url) or PROFILE_URL.match(url)
    return None if match is None else match[1]


@functools.lru_cache(maxsize=4096)
def _matchable_url_key(url: str) -> str:
    """The key of a public profile URL; empty for none, a URN or an opaque member id."""
    if not url or _slug(url.strip()) is None:
        return ""
    key = profile_url(url)[1]
    return "" if key.startswith("https://www.linkedin.com/in/acoaa") else key


def name_key(name: str) -> str:
    """A person's name for matching across files: no accents, case or stray spaces."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).translate(_NOT_COMBINING)
    return " ".join(name.casefold().split())


_repeated_name_key = functools.lru_cache(maxsize=4096)(name_key)
"""`name_key` for the tie signals, which name the same few thousand people again and again."""


class _DropCombining(dict):
    """A `str.translate` table deleting combining characters, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


_NOT_COMBINING = _DropCombining()


MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4}|\d{2})$")
MONTH_DAY_YEAR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")
YEAR_MONTH_DAY = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b")
MONTH_YEAR = re.compile(r"([A-Za-z]{3,9})\.? (\d{4})$")
MONTH_NAME_DAY_YEAR = re.compile(r"([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$")
YEAR = re.compile(r"(\d{4})$")


TIMESTAMP = re.compile(r"\d{4}[-/]\d\d[-/]\d\d ")
"""A day followed by a time (``2024-12-16 18:24:37 UTC``): the day alone says the same."""


def parse_date(text: str) -> date | None:
    """A date in any form LinkedIn exports use (and Excel re-saves), or None.

    ``03 Sep 2024``, ``23-Apr-23``, ``1/8/18, 6:14 PM`` (US month first),
    ``2024-12-16 18:24:37 UTC``, ``2024/12/07 14:51:07 UTC``, ``Nov 2024``, ``2017``,
    ``Feb 12, 1999``. A month or a year alone is its first day.
    """
    if len(text) > 10 and text[10] == " " and TIMESTAMP.match(text):
        text = text[:10]  # so that the cache holds days, not seconds
    return _parse_date(text)


TIMESTAMP_LINES = re.compile(r"(?:\d{4}[-/]\d\d[-/]\d\d [^\n]*\n)*")


def _latest_date(texts: list[str]) -> date | None:
    """The latest date of those `texts` give, or None."""
    if TIMESTAMP_LINES.fullmatch("\n".join(texts) + "\n"):
        # All timestamps: their few days say the same, and one regex has checked them all.
        dates = [when for when in map(_parse_date, {text[:10] for text in texts}) if when]
    else:
        dates = [when for when in map(parse_date, texts) if when]
    return max(dates) if dates else None


@lru_cache(maxsize=8192)
def _parse_date(text: str) -> date | None:
    text = text.strip()
    try:
        if m := DAY_MONTH_YEAR.match(text):
            return _date(m[3], MONTHS.get(m[2][:3].lower(), 0), m[1])
        if m := MONTH_DAY_YEAR.match(text):
            return _date(m[3], int(m[1]), m[2])
        if m := YEAR_MONTH_DAY.match(text):
            return _date(m[1], int(m[2]), m[3])
        if m := MONTH_YEAR.match(text):
            return _date(m[2], MONTHS.get(m[1][:3].lower(), 0), "1")
        if m := MONTH_NAME_DAY_YEAR.match(text):
            return _date(m[3], MONTHS.get(m[1][:3].lower(), 0), m[2])
        if m := YEAR.match(text):
            return _date(m[1], 1, "1")
    except ValueError:
        return None
    return None


def _date(year: str, month: int, day: str) -> date:
    y = int(year)
    if len(year) == 2:
        y += 2000 if y < 70 else 1900
    return date(y, month, int(day))


def _latest(a: date | None, b: date | None) -> date | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


# --- detection --------------------------------------------------------------------------------


def _basename(name: str) -> str:
    return PurePosixPath(name).name.lower()


def _folder_has_connections(path: Path) -> bool:
    """Connections.csv in the folder or one level below (an export unzipped into a subfolder)."""
    try:
        with os.scandir(path) as entries:
            subfolders = []
            for entry in entries:
                if entry.name.lower() == CONNECTIONS.lower() and entry.is_file():
                    return True
                if entry.is_dir():
                    subfolders.append(entry.path)
        for sub in subfolders[:20]:
            if any(p.name.lower() == CONNECTIONS.lower() for p in Path(sub).iterdir()):
                return True
    except OSError:
        return False
    return False


def _looks_like_connections(path: Path) -> bool:
    """A CSV whose first lines hold a header with First Name, Last Name and Connected On."""
    try:
        with open(path, "rb") as f:
            head = f.read(8192)
    except OSError:
        return False
    try:
        text = decode(head, path)
    except BadInput:
        return False
    table = open_table(text, ("first name", "last name", "connected on"))
    return table is not None
