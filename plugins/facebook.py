"""Facebook "Download Your Information": friends, removed friends and the user's own profile.

Reads the zip, each zip of a download split into parts, the unzipped folder, or one friends file.
JSON of every era is read; of the HTML format only 2019's friends pages (see docs/importers.md).
Friends carry a display name and the date the friendship began, nothing else.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar

from whoknows import BadInput, Contact, Position, Profile, Skipped, hookimpl
from whoknows.inputs import Tree, any_name, decode, is_zip, read_file
from whoknows.records import Record

FRIENDS = "friends"
REMOVED = "removed friends"
PROFILE = "profile"

JSON_FILES = {
    ("friends", "friends.json"): FRIENDS,  # 2018-2020: friends/
    ("friends_and_followers", "friends.json"): FRIENDS,  # 2021-2022
    ("friends", "your_friends.json"): FRIENDS,  # 2023+: connections/friends/
    ("friends", "removed_friends.json"): REMOVED,
    ("friends_and_followers", "removed_friends.json"): REMOVED,
    ("profile_information", "profile_information.json"): PROFILE,
}
"""Files read, by (parent folder, file name): any folders above them are ignored."""

TOP_KEYS = {
    FRIENDS: re.compile(r"friends(_v\d+)?"),
    REMOVED: re.compile(r"deleted_friends(_v\d+)?"),
    PROFILE: re.compile(r"profile(_v\d+)?"),
}
"""The top-level key of each kind of file: `friends`, `friends_v2`, `deleted_friends_v2`..."""

EXPECTED_KEYS = {
    FRIENDS: "friends_v2 or friends",
    REMOVED: "deleted_friends_v2 or deleted_friends",
    PROFILE: "profile_v2 or profile",
}

FACEBOOK_FOLDERS = {
    "your_facebook_activity",
    "apps_and_websites_off_of_facebook",
    "facebook_marketplace",
    "facebook_gaming",
    "facebook_payments",
    "friends_and_followers",
    "profile_information",
    "your_interactions_on_facebook",
    "ads_and_businesses",
    "about_you",
}
"""Folder names only Facebook exports have: a part of a split export is recognised by them."""

ORDER = (PROFILE, FRIENDS, REMOVED)
"""The order files are read in: the user's profile first."""

HTML_SIGNS = {
    "friends.html",
    "your_friends.html",
    "removed_friends.html",
    "profile_information.html",
}
"""Files that show an export is in the HTML format."""

PART_NAME = re.compile(r"(?<![a-z])part[-_ ]?\d+", re.IGNORECASE)
"""A zip or folder called like this is one part of a split export and may hold no friends."""

CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
"""Hangul, kana and CJK ideographs: names whose word order cannot be guessed."""

HTML_FORMAT = (
    "this is Facebook's HTML format, which whoknows reads only for 2019 friend lists; "
    "download your information again as JSON "
    "(Settings > Your information > Download your information > Format: JSON)"
)

SUMMARY_NOTE = (
    "Facebook friends carry names only: they help once the same person is known "
    "from LinkedIn or an address book."
)


class FacebookImporter:
    name = "facebook"
    description = "Facebook 'Download Your Information' (zip, parts, folder or friends file)"
    summary_note = SUMMARY_NOTE

    def detect(self, path: Path) -> bool:
        path = Path(path)
        if path.is_file() and not is_zip(path):
            return _is_friends_file(path)
        return any_name(path, _looks_like_facebook)

    def read(self, path: Path) -> Iterator[Record]:
        path = Path(path)
        if path.is_file() and not is_zip(path):
            yield from _read_single_file(path)
            return
        with Tree(path) as tree:
            yield from _read_tree(tree)


def repair_mojibake(text: str) -> str:
    """Undo Facebook's mojibake: UTF-8 bytes written as one character each ("JosÃ©" -> "José").

    Only a string whose characters are all <= U+00FF and which decodes as UTF-8 is changed,
    so text that is already right ("Zoë", "山田", "😀") is left alone.
    """
    if text.isascii() or max(text) > "\xff":
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return text


def repair_all(value: Any) -> Any:
    """`repair_mojibake` applied to every string in a parsed JSON value."""
    if isinstance(value, str):
        return repair_mojibake(value)
    if isinstance(value, list):
        return [repair_all(v) for v in value]
    if isinstance(value, dict):
        return {k: repair_all(v) for k, v in value.items()}
    return value


def split_name(full_name: str) -> tuple[str, str]:
    """Best effort, in Western order: the first word is the given name, the rest the family name.

    Facebook gives one display name. "Ana de la Cruz" -> ("Ana", "de la Cruz"). A one-word name
    (a mononym) and a name in Chinese, Japanese or Korean script (often family name first) are
    not split: both parts stay empty and the full name is what counts.
    """
    words = full_name.split()
    if len(words) < 2 or CJK.search(full_name):
        return "", ""
    return words[0], " ".join(words[1:])


# --- which files -------------------------------------------------------------------------


def _kind_of(name: str) -> str | None:
    parts = PurePosixPath(name.lower()).parts
    if len(parts) < 2:
        return None
    return JSON_FILES.get((parts[-2], parts[-1]))


def _looks_like_facebook(name: str) -> bool:
    if _kind_of(name) is not None or _html_2019_friends(name):
        return True
    parts = PurePosixPath(name.lower()).parts[:-1]
    if any(p in FACEBOOK_FOLDERS for p in parts):
        return True
    return ("connections", "friends") in itertools.pairwise(parts)


def _html_2019_friends(name: str) -> bool:
    """`friends/friends.html` of a 2019 HTML export (not under 2023's connections/)."""
    parts = PurePosixPath(name.lower()).parts
    return parts[-2:] == ("friends", "friends.html") and "connections" not in parts


def _is_friends_file(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            with open(path, "rb") as f:
                head = f.read(4096).decode("utf-8", errors="replace").lstrip("\ufeff")
        except OSError:
            return False
        m = re.match(r'\s*\{\s*"(\w+)"\s*:', head)
        if not m:
            return False
        kind = _kind_of_key(m.group(1))
        return kind in (FRIENDS, REMOVED) or (
            kind == PROFILE and path.name.lower().endswith("profile_information.json")
        )
    if suffix in (".html", ".htm"):
        try:
            with open(path, "rb") as f:
                text = f.read(4 << 20).decode("utf-8", errors="replace")
        except OSError:
            return False
        return "friends" in path.name.lower() and "facebook" in text.lower()
    return False


def _kind_of_key(key: str) -> str | None:
    for kind, pattern in TOP_KEYS.items():
        if pattern.fullmatch(key):
            return kind
    return None


# --- reading ---------------------------------------------------------------------------


def _read_tree(tree: Tree) -> Iterator[Record]:
    names = tree.names()
    json_files = sorted(
        ((n, k) for n in names if (k := _kind_of(n)) is not None),
        key=lambda nk: (ORDER.index(nk[1]), nk[0].count("/"), nk[0]),
    )
    if not any(kind != PROFILE for _, kind in json_files):
        html_2019 = [n for n in names if _html_2019_friends(n)]
        if html_2019:
            yield from _read_html_2019(tree, html_2019[0], names)
            return
        _refuse_html(tree, names)
        if not PART_NAME.search(tree.path.name):
            raise BadInput(
                tree.path,
                "no friends file in this Facebook export (looked for connections/friends/"
                "your_friends.json, friends_and_followers/friends.json, friends/friends.json); "
                "request 'Friends and followers' as JSON, or if the download came in parts, "
                "import them all together",
            )
    seen: set[str] = set()
    for name, kind in json_files:
        data = _load_json(tree.read_bytes(name), tree.label(name))
        yield from _records(data, kind, tree.label(name), seen)


def _refuse_html(tree: Tree, names: list[str]) -> None:
    """Raise BadInput if this is an HTML-format export (other than 2019's friends pages)."""
    signs = [n for n in names if PurePosixPath(n.lower()).name in HTML_SIGNS]
    if not signs and any(n.lower().endswith(".json") for n in names):
        return
    if signs or any(n.lower().endswith((".html", ".htm")) for n in names):
        raise BadInput(tree.label(signs[0]) if signs else tree.path, HTML_FORMAT)


def _read_single_file(path: Path) -> Iterator[Record]:
    raw = read_file(path)
    if path.suffix.lower() in (".html", ".htm"):
        text = decode(raw, path)
        removed = "removed" in path.name.lower()
        yield from _html_records(text, str(path), REMOVED if removed else FRIENDS, set())
        return
    data = _load_json(raw, str(path))
    key = _top_key(data, str(path), None)
    kind = _kind_of_key(key)
    assert kind is not None
    yield from _records(data, kind, str(path), set())


def _load_json(raw: bytes, label: str) -> Any:
    try:
        return json.loads(decode(raw, label))
    except json.JSONDecodeError as e:
        raise BadInput(label, f"not valid JSON ({e.msg} at line {e.lineno})") from None


def _top_key(data: Any, label: str, kind: str | None) -> str:
    """The top-level key holding the list (or profile): a known era's, or BadInput."""
    if not isinstance(data, dict):
        raise BadInput(label, f"unexpected JSON: a {type(data).__name__}, not an object")
    for key in data:
        found = _kind_of_key(key)
        if found is not None and (kind is None or found == kind):
            return key
    keys = ", ".join(list(data)[:5]) or "none"
    expected = EXPECTED_KEYS[kind or FRIENDS]
    problem = f"unknown Facebook export era: top-level keys {keys}; expected {expected}"
    raise BadInput(label, problem)


def _records(data: Any, kind: str, label: str, seen: set[str]) -> Iterator[Record]:
    key = _top_key(data, label, kind)
    body = repair_all(data[key])
    if kind == PROFILE:
        if not isinstance(body, dict):
            raise BadInput(label, f'"{key}" is not an object')
        yield from _profile_records(body, label)
        return
    if not isinstance(body, list):
        raise BadInput(label, f'"{key}" is not a list')
    for i, entry in enumerate(body, start=1):
        yield _once(_friend(entry, kind, f"{label}: entry {i}"), seen, f"{label}: entry {i}")


def _once(record: Contact | Skipped, seen: set[str], where: str) -> Contact | Skipped:
    """The record, or a `Skipped` if a contact with its key was already read."""
    if isinstance(record, Contact):
        if record.source_key in seen:
            return Skipped(where, f"{record.full_name} listed twice; kept the first")
        seen.add(record.source_key)
    return record


def _friend(entry: Any, kind: str, where: str) -> Contact | Skipped:
    if not isinstance(entry, dict):
        return Skipped(where, f"expected an object, found {type(entry).__name__}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        return Skipped(where, "no name")
    name = " ".join(name.split())
    stamp = entry.get("timestamp")
    when = _from_epoch(stamp)
    stamp_text = str(stamp) if when is not None else ""
    contact = _contact(name, kind, stamp_text, when)
    info = entry.get("contact_info")
    if isinstance(info, str) and info.strip():
        _add_contact_info(contact, info.strip())
    return contact


def _contact(name: str, kind: str, stamp: str, when: date | None) -> Contact:
    """A friend (since `when`) or a removed friend (removed on `when`)."""
    given, family = split_name(name)
    removed = kind == REMOVED
    contact = Contact(
        source_key=f"facebook:{'removed:' if removed else ''}{name}:{stamp}",
        full_name=name,
        given_name=given,
        family_name=family,
        since=None if removed else when,
        former=removed,
    )
    if removed and when is not None:
        contact.extra["facebook_removed_on"] = when.isoformat()
    return contact


def _add_contact_info(contact: Contact, info: str) -> None:
    if "@" in info:
        contact.emails.append(info)
    elif re.fullmatch(r"[+()\d][\d\s().-]{5,}", info):
        contact.phones.append(info)
    else:
        contact.note = info


def _from_epoch(value: Any) -> date | None:
    """A date from Facebook's epoch seconds; None when missing, zero or nonsense."""
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    try:
        return datetime.fromtimestamp(value, UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


# --- the user's own profile ----------------------------------------------------------------


def _profile_records(profile: dict[str, Any], label: str) -> Iterator[Record]:
    name = profile.get("name")
    full_name = name.get("full_name", "") if isinstance(name, dict) else name
    emails_block = profile.get("emails")
    emails: list[str] = []
    if isinstance(emails_block, dict):
        for field in ("emails", "previous_emails"):
            emails += [e for e in _strings(emails_block.get(field)) if e not in emails]
    phones = [
        p["phone_number"]
        for p in _dicts(profile.get("phone_numbers"))
        if isinstance(p.get("phone_number"), str) and p["phone_number"]
    ]
    urls = [profile["profile_uri"]] if isinstance(profile.get("profile_uri"), str) else []
    extra = {}
    if isinstance(profile.get("username"), str) and profile["username"]:
        extra["facebook_username"] = profile["username"]
    schools = [_school(e) for e in _dicts(profile.get("education_experiences"))]
    if any(schools):
        extra["education"] = "; ".join(s for s in schools if s)
    yield Profile(
        full_name=full_name if isinstance(full_name, str) else "",
        emails=emails,
        phones=phones,
        profile_urls=urls,
        extra=extra,
    )
    work = profile.get("work_experiences")
    for i, job in enumerate(work if isinstance(work, list) else [], start=1):
        yield _position(job, f"{label}: work_experiences entry {i}")


def _position(job: Any, where: str) -> Position | Skipped:
    """One job. Facebook's populated work fields are unverified: several spellings are read."""
    if not isinstance(job, dict):
        return Skipped(where, f"expected an object, found {type(job).__name__}")
    company = _named(job, "employer", "company_name", "company", "name")
    if not company:
        return Skipped(where, "no employer")
    return Position(
        company=company,
        title=_named(job, "title", "position"),
        started=_job_date(job, "start_timestamp", "start_date"),
        finished=_job_date(job, "end_timestamp", "end_date"),
    )


def _named(obj: dict[str, Any], *keys: str) -> str:
    """The first of `keys` holding a string, or an object with a "name" string."""
    for key in keys:
        value = obj.get(key)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _job_date(obj: dict[str, Any], *keys: str) -> date | None:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
            try:
                return date.fromisoformat(value if len(value) == 10 else value + "-01")
            except ValueError:
                return None
        found = _from_epoch(value)
        if found is not None:
            return found
    return None


def _school(entry: dict[str, Any]) -> str:
    name = _named(entry, "name", "school", "institution_name")
    start = _from_epoch(entry.get("start_timestamp"))
    end = _from_epoch(entry.get("end_timestamp"))
    years = "–".join(str(d.year) for d in (start, end) if d is not None)
    return f"{name} ({years})" if name and years else name


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str) and v] if isinstance(value, list) else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


# --- 2019 HTML -------------------------------------------------------------------------------


HTML_DATE_FORMATS = ("%d %b %Y, %H:%M", "%d %B %Y, %H:%M", "%b %d, %Y, %I:%M %p", "%b %d, %Y")


def _read_html_2019(tree: Tree, friends: str, names: Iterable[str]) -> Iterator[Record]:
    seen: set[str] = set()
    yield from _html_records(tree.read_text(friends), tree.label(friends), FRIENDS, seen)
    removed = str(PurePosixPath(friends).with_name("removed_friends.html"))
    if removed in names:
        yield from _html_records(tree.read_text(removed), tree.label(removed), REMOVED, seen)


def _html_records(text: str, label: str, kind: str, seen: set[str]) -> Iterator[Record]:
    parser = _FriendsPage()
    parser.feed(text)
    parser.close()
    if not parser.entries and not parser.known_layout:
        raise BadInput(label, HTML_FORMAT)
    for i, (name, info, when_text) in enumerate(parser.entries, start=1):
        name = " ".join(name.split())
        if not name:
            yield Skipped(f"{label}: entry {i}", "no name")
            continue
        when = _parse_html_date(when_text)
        stamp = when.isoformat(timespec="minutes") if when else when_text
        contact = _contact(name, kind, stamp, when.date() if when else None)
        if info:
            _add_contact_info(contact, info)
        yield _once(contact, seen, f"{label}: entry {i}")


def _parse_html_date(text: str) -> datetime | None:
    """ "27 Jan 2010, 17:29" (the page's local time); None for a format not known."""
    text = " ".join(text.split())
    for fmt in HTML_DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


class _FriendsPage(HTMLParser):
    """The 2019 friends page: a `_4t5n` main column with one `uiBoxWhite` box per friend
    holding a `_2lek` name div, an optional `_2let` contact-info div and a `_2lem` date div."""

    FIELDS: ClassVar[dict[str, int]] = {"_2lek": 0, "_2let": 1, "_2lem": 2}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[tuple[str, str, str]] = []
        self.known_layout = False
        self._depth = 0
        self._box_depth: int | None = None
        self._field: tuple[int, int] | None = None  # (field index, depth of its div)
        self._current = ["", "", ""]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "div":
            return
        self._depth += 1
        classes = set((dict(attrs).get("class") or "").split())
        if "_4t5n" in classes:  # the page's main column, present even when the list is empty
            self.known_layout = True
        if self._box_depth is None and {"uiBoxWhite", "_2lej"} <= classes:
            self._box_depth = self._depth
            self._current = ["", "", ""]
            self.known_layout = True
        elif self._box_depth is not None and self._field is None:
            for cls, index in self.FIELDS.items():
                if cls in classes:
                    self._field = (index, self._depth)
                    break

    def handle_endtag(self, tag: str) -> None:
        if tag != "div":
            return
        if self._field is not None and self._field[1] == self._depth:
            self._field = None
        if self._box_depth == self._depth:
            self._box_depth = None
            if any(self._current):
                self.entries.append((self._current[0], self._current[1], self._current[2]))
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._field is not None:
            self._current[self._field[0]] += data


@hookimpl
def register_importers(register: Callable[[Any], None]) -> None:
    register(FacebookImporter())
