"""Property tests: whatever bytes an importer is given, it yields records or raises BadInput.

Every built-in importer's `detect()` and `read()` get arbitrary bytes and mutated valid exports
(byte flips, truncation, shuffled, dropped or spliced lines, damaged zips). `detect()` returns
a bool and never raises (docs/plugins.md); the only exception allowed out of `read()` is
`whoknows.BadInput`. Through the command line, a mutated export either
imports (exit 0) or fails in one line with exit 2, leaving the store as it was.

Facebook's and X's own tests already feed arbitrary JSON values into their files; these tests
work on bytes and on whole exports.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoknows import BadInput, Contact, Position, Profile, Skipped
from whoknows.cli import cli
from whoknows.plugins.facebook import FacebookImporter
from whoknows.plugins.linkedin import LinkedInImporter
from whoknows.plugins.twitter import TwitterImporter
from whoknows.plugins.vcard import VCardImporter

IMPORTERS = {
    "facebook": FacebookImporter(),
    "linkedin": LinkedInImporter(),
    "twitter": TwitterImporter(),
    "vcard": VCardImporter(),
}
RECORDS = Contact | Profile | Position | Skipped
SAMPLES = REPO / "sample_exports"

MODEST = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def x_data(kind: str, key: str, ids: list[str]) -> bytes:
    entries = [
        {key: {"accountId": i, "userLink": f"https://twitter.com/intent/user?user_id={i}"}}
        for i in ids
    ]
    return f"window.YTD.{kind}.part0 = {json.dumps(entries, indent=2)}".encode()


X_ARCHIVE = {
    "Your archive.html": b"<html>Your archive</html>",
    "data/manifest.js": b"window.__THAR_CONFIG = "
    + json.dumps(
        {
            "userInfo": {"accountId": "1203040506", "userName": "alexm", "displayName": "Alex"},
            "dataTypes": {"following": {"files": [{"fileName": "data/following.js"}]}},
        },
        indent=2,
    ).encode(),
    "data/account.js": b'window.YTD.account.part0 = [\n  {\n    "account" : {\n'
    b'      "email" : "alex@example.com",\n      "username" : "alexm",\n'
    b'      "accountId" : "1203040506",\n      "accountDisplayName" : "Alex Morgan"\n    }\n  }\n]',
    "data/following.js": x_data("following", "following", ["101", "102", "2029015967452258304"]),
    "data/follower.js": x_data("follower", "follower", ["102", "201"]),
}

EXPORTS: dict[str, dict[str, bytes]] = {
    "linkedin": members(SAMPLES / "Complete_LinkedInDataExport_11-20-2026.zip"),
    "facebook": members(SAMPLES / "facebook-alexmorgan.zip"),
    "twitter": X_ARCHIVE,
    "vcard": {"Contacts/contacts.vcf": (SAMPLES / "contacts.vcf").read_bytes()},
}
"""A valid export per importer, member name -> bytes (the project's invented samples)."""

SINGLE_FILES = [
    ("linkedin", "Connections.csv", EXPORTS["linkedin"]["Connections.csv"]),
    ("vcard", "contacts.vcf", EXPORTS["vcard"]["Contacts/contacts.vcf"]),
    ("facebook", "your_friends.json", EXPORTS["facebook"]["connections/friends/your_friends.json"]),
    (
        "facebook",
        "profile_information.json",
        EXPORTS["facebook"]["personal_information/profile_information/profile_information.json"],
    ),
    ("twitter", "following.js", X_ARCHIVE["data/following.js"]),
    ("twitter", "account.js", X_ARCHIVE["data/account.js"]),
]
"""Files each importer reads on their own: (importer, file name, valid content)."""


def test_the_valid_exports_import(tmp_path):
    """Without mutation, every export and file here gives contacts (else the tests prove little)."""
    for name, files in EXPORTS.items():
        records = list(IMPORTERS[name].read(write_zip(tmp_path / f"{name}.zip", files)))
        assert any(isinstance(r, Contact) for r in records), name
    for name, filename, data in SINGLE_FILES:
        path = tmp_path / filename
        path.write_bytes(data)
        assert IMPORTERS[name].detect(path), filename
        assert list(IMPORTERS[name].read(path)), filename


# --- what every importer must do with what it is given ----------------------------------------


def outcome(importer_name: str, path: Path) -> str:
    """Run detect() (which must not raise) and read() (which may raise only BadInput)."""
    importer = IMPORTERS[importer_name]
    detected = importer.detect(path)  # never raises: "return False" for what is not yours
    assert isinstance(detected, bool), f"detect() returned {detected!r}"
    try:
        records = list(importer.read(path))
    except BadInput as e:
        assert "\n" not in str(e)
        return "bad input"
    assert all(isinstance(r, RECORDS) for r in records)
    return "read"


def write_zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def write_folder(path: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_bytes(data)
    return path


# --- mutations --------------------------------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """`original` after one to three byte flips, truncations, line shuffles, drops or splices."""
    data = original
    for op in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3)):
        data = op(draw, data)
    return data


def flip(draw: st.DrawFn, data: bytes) -> bytes:
    if not data:
        return data
    i = draw(st.integers(0, len(data) - 1))
    return data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1 :]


def cut(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


def shuffle_lines(draw: st.DrawFn, data: bytes) -> bytes:
    return b"\n".join(draw(st.permutations(data.split(b"\n"))))


def drop_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = data.split(b"\n")
    del lines[draw(st.integers(0, len(lines) - 1))]
    return b"\n".join(lines)


def splice(draw: st.DrawFn, data: bytes) -> bytes:
    i = draw(st.integers(0, len(data)))
    junk = draw(st.binary(min_size=1, max_size=16) | st.sampled_from(HEADS))
    return data[:i] + junk + data[i:]


MUTATIONS = [flip, cut, shuffle_lines, drop_line, splice]

HEADS = [
    b"",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"BEGIN:VCARD\r\n",
    b"END:VCARD\r\n",
    b"window.YTD.following.part0 = ",
    b'{"friends_v2": ',
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
    b'"',
    b"[" * 50,
]
"""Beginnings that lead a parser past its first check."""

NAMES = [
    "Connections.csv",
    "contacts.vcf",
    "your_friends.json",
    "profile_information.json",
    "following.js",
    "account.js",
    "export.zip",
    "Complete_LinkedInDataExport_11-20-2026.zip",
]


# --- the properties ---------------------------------------------------------------------------


@MODEST
@given(head=st.sampled_from(HEADS), body=st.binary(max_size=2000), name=st.sampled_from(NAMES))
def test_arbitrary_bytes_give_records_or_bad_input(tmp_path_factory, head, body, name):
    path = tmp_path_factory.mktemp("bytes") / name
    path.write_bytes(head + body)
    for importer_name in IMPORTERS:
        outcome(importer_name, path)


@pytest.mark.parametrize(
    ("importer_name", "filename", "original"),
    SINGLE_FILES,
    ids=[f"{i}-{f}" for i, f, _ in SINGLE_FILES],
)
@MODEST
@given(data=st.data())
def test_mutated_files_give_records_or_bad_input(
    tmp_path_factory, importer_name, filename, original, data
):
    path = tmp_path_factory.mktemp("file") / filename
    path.write_bytes(data.draw(mutated(original)))
    outcome(importer_name, path)


@pytest.mark.parametrize("importer_name", sorted(EXPORTS))
@MODEST
@given(data=st.data(), as_zip=st.booleans())
def test_exports_with_a_mutated_file_give_records_or_bad_input(
    tmp_path_factory, importer_name, data, as_zip
):
    files = dict(EXPORTS[importer_name])
    name = data.draw(st.sampled_from(sorted(files)))
    files[name] = data.draw(mutated(files[name]))
    root = tmp_path_factory.mktemp("export")
    path = write_zip(root / "export.zip", files) if as_zip else write_folder(root / "e", files)
    outcome(importer_name, path)


@pytest.mark.parametrize("importer_name", sorted(EXPORTS))
@MODEST
@given(data=st.data())
def test_damaged_zips_give_records_or_bad_input(tmp_path_factory, importer_name, data):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in EXPORTS[importer_name].items():
            archive.writestr(name, content)
    damaged = buffer.getvalue()
    for _ in range(data.draw(st.integers(1, 3))):
        damaged = data.draw(st.sampled_from([flip, cut, splice]))(data.draw, damaged)
    path = tmp_path_factory.mktemp("zip") / "export.zip"
    path.write_bytes(damaged)
    outcome(importer_name, path)


# --- through the command line -----------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory) -> Path:
    """One store for every example: each failed import must leave it exactly as it was."""
    db = tmp_path_factory.mktemp("store") / "whoknows.db"
    vcf = tmp_path_factory.mktemp("seed") / "seed.vcf"
    vcf.write_bytes(EXPORTS["vcard"]["Contacts/contacts.vcf"])
    result = CliRunner().invoke(cli, ["import", "--as", "seed", "--db", str(db), str(vcf)])
    assert result.exit_code == 0, result.output
    return db


def store_files(db: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(db.parent.iterdir())
        if p.is_file()
    }


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(importer_name=st.sampled_from(sorted(EXPORTS)), data=st.data())
def test_a_mutated_export_imports_or_fails_in_one_line(
    tmp_path_factory, shared_store, importer_name, data
):
    files = dict(EXPORTS[importer_name])
    name = data.draw(st.sampled_from(sorted(files)))
    files[name] = data.draw(mutated(files[name]))
    path = write_zip(tmp_path_factory.mktemp("cli") / f"{importer_name}-export.zip", files)
    before = store_files(shared_store)
    result = CliRunner().invoke(cli, ["import", "--db", str(shared_store), str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("whoknows: error: "), result.stderr
        assert str(path) in lines[0]
        assert store_files(shared_store) == before
