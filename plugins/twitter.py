"""X (Twitter) archive: the accounts you follow and that follow you, and your own account.

Reads the archive zip, its unzipped folder, or one `following.js` / `follower.js` /
`account.js` file. Each data file is `window.YTD.<name>.partN = [...]`: the text after the
first `=` is read as JSON, never evaluated. Follow lists carry account ids only: no names,
handles or employers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from whoknows import BadInput, Contact, Profile, Skipped, hookimpl
from whoknows.inputs import Tree, any_name, decode, is_zip, read_file
from whoknows.records import Record

FOLLOW_TYPES = ("following", "follower")
"""The follow lists, by their `window.YTD.<name>` and their entries' key."""

DATA_FILE = re.compile(r"(?:^|.*/)data/([a-z_]+)(?:-part\d+)?\.js", re.IGNORECASE)
"""`data/following.js`, `data/following-part1.js`... anywhere in the archive."""

ASSIGNMENT = re.compile(r"\s*window\.([\w$.]+)\s*=\s*")
"""`window.YTD.following.part0 = ` or `window.__THAR_CONFIG = ` at the start of a data file."""

SUMMARY_NOTE = (
    "X archives carry no names or employers: these accounts help only once the same "
    "person is known from another source."
)


class TwitterImporter:
    name = "twitter"
    description = "X (Twitter) archive: follows and followers by account id, and your account"
    summary_note = SUMMARY_NOTE

    def detect(self, path: Path) -> bool:
        path = Path(path)
        if path.is_file() and not is_zip(path):
            return path.suffix.lower() == ".js" and _single_file_type(path) is not None
        return any_name(path, lambda name: _data_type(name) in (*FOLLOW_TYPES, "manifest"))

    def read(self, path: Path) -> Iterator[Record]:
        path = Path(path)
        if path.is_file() and not is_zip(path):
            yield from _read_single_file(path)
            return
        with Tree(path) as tree:
            yield from _read_archive(tree)


def parse_data_file(text: str, label: str) -> tuple[str, Any]:
    """The global name and the JSON value of `window.<name> = <json>`. Never evaluates."""
    text = text.lstrip("\ufeff")
    match = ASSIGNMENT.match(text)
    if match is None:
        problem = "not an X archive data file (it should start with window.YTD.<name>.part0 =)"
        raise BadInput(label, problem)
    try:
        value, _end = json.JSONDecoder().raw_decode(text, match.end())
    except json.JSONDecodeError as e:
        raise BadInput(label, f"not valid JSON after the = ({e.msg} at line {e.lineno})") from None
    return match.group(1), value


def _data_type(name: str) -> str | None:
    """The type a data file holds ("following" for `data/following-part1.js`), or None."""
    match = DATA_FILE.fullmatch(name)
    return match.group(1).lower() if match else None


def _single_file_type(path: Path) -> str | None:
    try:
        with open(path, "rb") as f:
            head = f.read(200).decode("utf-8", errors="replace")
    except OSError:
        return None
    match = ASSIGNMENT.match(head.lstrip("\ufeff"))
    if match is None:
        return None
    parts = match.group(1).split(".")
    if len(parts) >= 2 and parts[0] == "YTD" and parts[1] in (*FOLLOW_TYPES, "account"):
        return parts[1]
    return None


def _read_single_file(path: Path) -> Iterator[Record]:
    text = decode(read_file(path), path)
    global_name, value = parse_data_file(text, str(path))
    kind = global_name.split(".")[1] if global_name.startswith("YTD.") else ""
    if kind == "account":
        yield from _profiles(value, "", str(path))
    elif kind in FOLLOW_TYPES:
        follows: dict[str, _Account] = {}
        yield from _read_follows(value, kind, str(path), follows)
        yield from (account.contact() for account in follows.values())
    else:
        raise BadInput(path, f"not a follow list or account file (it holds {global_name})")


def _read_archive(tree: Tree) -> Iterator[Record]:
    names = tree.names()
    by_type: dict[str, list[str]] = {}
    for name in names:
        kind = _data_type(name)
        if kind is not None:
            by_type.setdefault(kind, []).append(name)
    by_type = {kind: _ordered(found) for kind, found in by_type.items()}
    manifest_names = sorted(by_type.get("manifest", []), key=lambda n: (n.count("/"), n))
    manifest = _manifest(tree, manifest_names[0]) if manifest_names else None
    if manifest is not None:
        _add_manifest_files(manifest, by_type, set(names), _root(manifest_names[0]))
    if not any(by_type.get(t) for t in (*FOLLOW_TYPES, "account")):
        raise BadInput(
            tree.path,
            "no data/following.js, data/follower.js or data/account.js in this X archive",
        )

    profile_seen = False
    for name in by_type.get("account", []):
        _global, value = parse_data_file(tree.read_text(name), tree.label(name))
        for record in _profiles(value, _bio(tree, by_type), tree.label(name)):
            profile_seen = profile_seen or isinstance(record, Profile)
            yield record
    if not profile_seen and manifest:
        yield from _profile_from_manifest(manifest)

    follows: dict[str, _Account] = {}
    for kind in FOLLOW_TYPES:
        for name in by_type.get(kind, []):
            _global, value = parse_data_file(tree.read_text(name), tree.label(name))
            yield from _read_follows(value, kind, tree.label(name), follows)
    yield from (account.contact() for account in follows.values())


def _root(manifest_name: str) -> str:
    """The folder holding `data/`, with a trailing slash (or "")."""
    return manifest_name[: -len("data/manifest.js")]


def _ordered(names: list[str]) -> list[str]:
    """Parts in order: `following.js`, `following-part1.js`, `following-part2.js`..."""

    def part(name: str) -> tuple[int, str]:
        match = re.search(r"-part(\d+)\.js$", name, re.IGNORECASE)
        return (int(match.group(1)) if match else 0, name)

    return sorted(names, key=part)


def _manifest(tree: Tree, name: str) -> dict[str, Any]:
    """`window.__THAR_CONFIG = {...}`: the archive's owner and its list of data files."""
    _global, value = parse_data_file(tree.read_text(name), tree.label(name))
    if not isinstance(value, dict):
        raise BadInput(tree.label(name), "the manifest is not an object")
    return value


def _add_manifest_files(
    manifest: dict[str, Any], by_type: dict[str, list[str]], names: set[str], root: str
) -> None:
    """Put the parts the manifest lists (`dataTypes.<type>.files[].fileName`) first, in order."""
    data_types = manifest.get("dataTypes")
    if not isinstance(data_types, dict):
        return
    for kind in (*FOLLOW_TYPES, "account"):
        entry = data_types.get(kind)
        files = entry.get("files") if isinstance(entry, dict) else None
        listed = []
        for file in files if isinstance(files, list) else []:
            file_name = file.get("fileName") if isinstance(file, dict) else None
            if isinstance(file_name, str):
                name = root + str(PurePosixPath(file_name.lstrip("./")))
                if name in names:
                    listed.append(name)
        found = by_type.get(kind, [])
        by_type[kind] = list(dict.fromkeys([*listed, *found]))


class _Account:
    """One followed or following account; both at once makes it mutual."""

    def __init__(self, account_id: str) -> None:
        self.account_id = account_id
        self.relations: set[str] = set()
        self.links: list[str] = []

    def contact(self) -> Contact:
        relation = "mutual" if len(self.relations) == 2 else next(iter(self.relations))
        return Contact(
            source_key=f"x:{self.account_id}",
            profile_urls=[f"https://x.com/i/user/{self.account_id}", *self.links],
            extra={"x_account_id": self.account_id, "x_relation": relation},
        )


def _read_follows(
    value: Any, kind: str, label: str, follows: dict[str, _Account]
) -> Iterator[Skipped]:
    """Gather one follow list into `follows`; yield a `Skipped` for each unreadable entry."""
    if not isinstance(value, list):
        raise BadInput(label, f"expected a list of {kind} entries, found {type(value).__name__}")
    for i, entry in enumerate(value, start=1):
        where = f"{label}: entry {i}"
        inner = entry.get(kind) if isinstance(entry, dict) else None
        if not isinstance(inner, dict):
            yield Skipped(where, f'expected {{"{kind}": {{"accountId": ...}}}}')
            continue
        account_id = inner.get("accountId")
        if isinstance(account_id, int) and not isinstance(account_id, bool):
            account_id = str(account_id)
        if not isinstance(account_id, str) or not account_id.isdigit():
            yield Skipped(where, "no numeric accountId")
            continue
        account = follows.setdefault(account_id, _Account(account_id))
        account.relations.add(kind)
        link = inner.get("userLink")
        if isinstance(link, str) and _is_profile_link(link) and link not in account.links:
            account.links.append(link)


def _is_profile_link(link: str) -> bool:
    """A link naming a handle (x.com/<handle>), not the usual `intent/user?user_id=` form."""
    return re.fullmatch(r"https?://(www\.)?(x|twitter)\.com/\w{1,50}/?", link) is not None


def _profiles(value: Any, bio: str, label: str) -> Iterator[Record]:
    if not isinstance(value, list):
        raise BadInput(label, f"expected a list of accounts, found {type(value).__name__}")
    for i, entry in enumerate(value, start=1):
        account = entry.get("account") if isinstance(entry, dict) else None
        if not isinstance(account, dict):
            yield Skipped(f"{label}: entry {i}", 'expected {"account": {...}}')
            continue
        yield _profile(account, bio)


def _profile(account: dict[str, Any], bio: str) -> Profile:
    def text(key: str) -> str:
        value = account.get(key)
        return value.strip() if isinstance(value, str) else ""

    username = text("username")
    extra = {
        key: value
        for key, value in (
            ("x_account_id", text("accountId")),
            ("x_username", username),
            ("x_created_at", text("createdAt")),
        )
        if value
    }
    email = text("email")
    return Profile(
        full_name=text("accountDisplayName"),
        emails=[email] if "@" in email else [],
        phones=[text("phoneNumber")] if text("phoneNumber") else [],
        profile_urls=[f"https://x.com/{username}"] if username else [],
        headline=bio,
        extra=extra,
    )


def _bio(tree: Tree, by_type: dict[str, list[str]]) -> str:
    """The owner's bio from `data/profile.js`, or "" (a broken profile.js is ignored)."""
    for name in by_type.get("profile", []):
        try:
            _global, value = parse_data_file(tree.read_text(name), tree.label(name))
            bio = value[0]["profile"]["description"]["bio"]
        except (BadInput, LookupError, TypeError):
            continue
        if isinstance(bio, str):
            return bio.strip()
    return ""


def _profile_from_manifest(manifest: dict[str, Any]) -> Iterator[Profile]:
    info = manifest.get("userInfo")
    if isinstance(info, dict):
        yield _profile(
            {
                "accountId": info.get("accountId"),
                "username": info.get("userName"),
                "accountDisplayName": info.get("displayName"),
            },
            "",
        )


@hookimpl
def register_importers(register: Callable[[Any], None]) -> None:
    register(TwitterImporter())
