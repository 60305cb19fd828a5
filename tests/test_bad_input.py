"""The bad-input corpus: whatever sits in a Downloads folder, whoknows fails in one clear line.

Each error case runs the real command line against a store that already holds contacts and
asserts: exit code 2, exactly one line on stderr naming the file and the problem, nothing on
stdout, no traceback, and every file under the test's folder (the store, its -wal, the inputs)
byte for byte as it was. A few cases also run in a real subprocess, and FIFO cases always do
(with a timeout). Unreadable files are tested for real even when the tests run as root: the
subprocess drops the capabilities that let root ignore file modes. Inputs that look odd but are
legitimate (UTF-16, Windows-1252, a BOM, duplicated columns...) are accept-cases: they must
import correctly, and are counted apart.
"""

from __future__ import annotations

import codecs
import ctypes
import hashlib
import json
import os
import random
import shutil
import sqlite3
import stat
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from whoknows import inputs
from whoknows.cli import cli

# --- fixtures written the way each service writes them (invented people) ----------------------

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice that some..."\n\n'


def connections(*rows: str, header: str = HEADER, preamble: str = PREAMBLE) -> str:
    return preamble + header + "\n" + "\n".join(rows) + "\n"


ADA = "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Stripe,Engineer,12 Oct 2025"
BOB = "Bob,Marley,https://www.linkedin.com/in/bob-marley-9,,Stripe,Designer,03 Sep 2024"
CONNECTIONS = connections(ADA, BOB)

FRIENDS = {
    "friends_v2": [
        {"name": "Zo\u00c3\u00ab Adams", "timestamp": 1700000000},
        {"name": "Omar Haddad", "timestamp": 1600000000},
    ]
}
FRIENDS_FILE = "connections/friends/your_friends.json"


def ytd(kind: str, ids: list[str]) -> str:
    entries = ",\n".join(
        f'  {{\n    "{kind}" : {{\n      "accountId" : "{i}",\n'
        f'      "userLink" : "https://twitter.com/intent/user?user_id={i}"\n    }}\n  }}'
        for i in ids
    )
    return f"window.YTD.{kind}.part0 = [\n{entries}\n]"


FOLLOWING = ytd("following", ["1203040506", "44196397"])


CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Priya Raman\r\nN:Raman;Priya;;;\r\nORG:Stripe\r\n"
    "TITLE:Engineering Manager\r\nEMAIL;TYPE=INTERNET:priya@example.com\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jürgen Weiß\r\nN:Weiß;Jürgen;;;\r\nORG:Siemens\r\n"
    "END:VCARD\r\n"
)


def write(path: Path, data: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def write_zip(
    path: Path, members: dict[str, str | bytes], compression: int = zipfile.ZIP_DEFLATED
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, (2026, 11, 20, 12, 0, 0))
            info.compress_type = compression
            zf.writestr(info, data)
    return path


def linkedin_zip(path: Path, members: dict[str, str | bytes] | None = None, **kw) -> Path:
    return write_zip(path, members or {"Connections.csv": CONNECTIONS}, **kw)


def junk(size: int = 4096, seed: int = 9) -> bytes:
    """Random bytes, NULs included: what a half-written download or a photo looks like."""
    return random.Random(seed).randbytes(size)


def truncate(path: Path, keep: float = 0.5) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


# Offsets in the zip headers (APPNOTE.TXT 4.3.7 and 4.3.12).
LOCAL, CENTRAL = b"PK\x03\x04", b"PK\x01\x02"
LOCAL_FIELDS = {"flags": 6, "method": 8, "size": 22}
CENTRAL_FIELDS = {"flags": 8, "method": 10, "size": 24}


def patch_zip(path: Path, field: str, value: int) -> Path:
    """Set a header field of the (only) member in both the local and the central header."""
    data = bytearray(path.read_bytes())
    fmt = "<I" if field == "size" else "<H"
    struct.pack_into(fmt, data, data.index(LOCAL) + LOCAL_FIELDS[field], value)
    struct.pack_into(fmt, data, data.index(CENTRAL) + CENTRAL_FIELDS[field], value)
    path.write_bytes(bytes(data))
    return path


def member_data_offset(path: Path, name: str) -> int:
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name)
    data = path.read_bytes()
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    return info.header_offset + 30 + name_len + extra_len


def overwrite(path: Path, offset: int, data: bytes) -> Path:
    content = bytearray(path.read_bytes())
    content[offset : offset + len(data)] = data
    path.write_bytes(bytes(content))
    return path


# --- the corpus -------------------------------------------------------------------------------

MEMBER_CAP = 1 << 20
TOTAL_CAP = 2 << 20
"""The zip caps during these tests (the real ones are 1 GiB and 4 GiB): bombs stay small."""
FILE_CAP = 12 << 20
"""The plain-file cap during these tests (the real one is 1 GiB); above the 10 MB cases."""


@dataclass
class Expect:
    args: list[str]
    names: str
    """What the error line must name: a path, or ``archive.zip:member``."""
    problem: str
    """Words of the problem the line must give."""


ERRORS: dict[str, Callable[[Path], Expect]] = {}


def error(fn: Callable[[Path], Expect]) -> Callable[[Path], Expect]:
    ERRORS[fn.__name__.replace("_", "-")] = fn
    return fn


def imports(path: Path, *options: str) -> list[str]:
    return ["import", *options, str(path)]


# Truncated and corrupt zips.


@error
def linkedin_zip_truncated(tmp: Path) -> Expect:
    z = truncate(linkedin_zip(tmp / "Complete_LinkedInDataExport_11-20-2026.zip"))
    return Expect(imports(z), str(z), "corrupt zip archive")


@error
def facebook_zip_truncated(tmp: Path) -> Expect:
    z = truncate(write_zip(tmp / "facebook-alexmorgan.zip", {FRIENDS_FILE: json.dumps(FRIENDS)}))
    return Expect(imports(z), str(z), "corrupt zip archive")


@error
def twitter_zip_truncated(tmp: Path) -> Expect:
    z = truncate(write_zip(tmp / "twitter-2026-11-20.zip", {"data/following.js": FOLLOWING}))
    return Expect(imports(z), str(z), "corrupt zip archive")


@error
def zip_of_just_the_signature(tmp: Path) -> Expect:
    z = write(tmp / "export.zip", b"PK\x03\x04")
    return Expect(imports(z), str(z), "corrupt zip archive")


@error
def zip_signature_then_junk(tmp: Path) -> Expect:
    z = write(tmp / "Basic_LinkedInDataExport_01-02-2026.zip", b"PK\x03\x04" + junk())
    return Expect(imports(z), str(z), "corrupt zip archive")


@error
def zip_named_export_but_junk(tmp: Path) -> Expect:
    z = write(tmp / "Complete_LinkedInDataExport_11-20-2026.zip", junk())
    return Expect(imports(z), str(z), "not a zip archive")


@error
def zip_member_crc_mismatch(tmp: Path) -> Expect:
    z = linkedin_zip(tmp / "linkedin.zip", compression=zipfile.ZIP_STORED)
    overwrite(z, member_data_offset(z, "Connections.csv") + 200, b"#")
    return Expect(imports(z), f"{z}:Connections.csv", "corrupt")


@error
def zip_member_deflate_stream_broken(tmp: Path) -> Expect:
    z = linkedin_zip(tmp / "linkedin.zip")
    overwrite(z, member_data_offset(z, "Connections.csv"), b"\xff" * 8)
    return Expect(imports(z), f"{z}:Connections.csv", "corrupt")


@error
def zip_member_encrypted(tmp: Path) -> Expect:
    z = patch_zip(linkedin_zip(tmp / "linkedin.zip"), "flags", 0x1)
    return Expect(imports(z), f"{z}:Connections.csv", "encrypted")


@error
def zip_member_unknown_compression(tmp: Path) -> Expect:
    z = patch_zip(linkedin_zip(tmp / "linkedin.zip"), "method", 97)
    return Expect(imports(z), f"{z}:Connections.csv", "compression method")


@error
def zip_empty_archive(tmp: Path) -> Expect:
    z = write_zip(tmp / "Complete_LinkedInDataExport_11-20-2026.zip", {})
    return Expect(imports(z), str(z), "no Connections.csv")


# Zip bombs: a highly compressible member far above the caps.

BOMB = 16 * MEMBER_CAP


@error
def zip_bomb_linkedin(tmp: Path) -> Expect:
    z = linkedin_zip(tmp / "linkedin.zip", {"Connections.csv": HEADER + "\n" + " " * BOMB})
    return Expect(imports(z), f"{z}:Connections.csv", "zip bomb")


@error
def zip_bomb_facebook(tmp: Path) -> Expect:
    body = '{"friends_v2": [' + " " * BOMB + "]}"
    z = write_zip(tmp / "facebook-alex.zip", {FRIENDS_FILE: body})
    return Expect(imports(z), f"{z}:{FRIENDS_FILE}", "zip bomb")


@error
def zip_bomb_twitter(tmp: Path) -> Expect:
    z = write_zip(tmp / "twitter.zip", {"data/following.js": FOLLOWING + " " * BOMB})
    return Expect(imports(z), f"{z}:data/following.js", "zip bomb")


@error
def zip_bomb_header_lies_about_the_size(tmp: Path) -> Expect:
    z = linkedin_zip(tmp / "linkedin.zip", {"Connections.csv": CONNECTIONS + " " * BOMB})
    patch_zip(z, "size", len(CONNECTIONS))
    return Expect(imports(z), f"{z}:Connections.csv", "corrupt")


@error
def zip_bomb_many_members_over_the_total(tmp: Path) -> Expect:
    filler = "Company Name,Title\n" + " " * (MEMBER_CAP - 100)
    members = {"Connections.csv": CONNECTIONS, "Positions.csv": filler}
    members |= {f"Jobs/Positions-{i}.csv": filler for i in range(4)}
    members |= {"messages.csv": filler, "Invitations.csv": filler, "Profile.csv": filler}
    z = linkedin_zip(tmp / "linkedin.zip", members)
    return Expect(imports(z), str(z), "zip bomb")


# Path traversal: unsafe member names are never read (nor written anywhere).


@error
def zip_traversal_linkedin(tmp: Path) -> Expect:
    z = linkedin_zip(tmp / "linkedin.zip", {"../../Connections.csv": CONNECTIONS})
    return Expect(imports(z), str(z), "no Connections.csv")


@error
def zip_traversal_absolute_facebook(tmp: Path) -> Expect:
    members = {"/" + FRIENDS_FILE: json.dumps(FRIENDS), "your_facebook_activity/x.json": "{}"}
    z = write_zip(tmp / "facebook-alex.zip", members)
    return Expect(imports(z), str(z), "no friends file")


@error
def zip_traversal_twitter(tmp: Path) -> Expect:
    members = {"../data/following.js": FOLLOWING, "data/README.txt": "An archive"}
    z = write_zip(tmp / "twitter.zip", members)
    return Expect(imports(z, "--format", "twitter"), str(z), "no data/following.js")


# Plain files over the cap: refused before they are read into memory.

OVERSIZE = FILE_CAP + 1024


@error
def oversized_friends_json_in_a_folder(tmp: Path) -> Expect:
    f = write(tmp / "export" / FRIENDS_FILE, '{"friends_v2": [' + " " * OVERSIZE + "]}")
    return Expect(imports(tmp / "export"), str(f), "file is larger than 12 MiB")


@error
def oversized_friends_json(tmp: Path) -> Expect:
    f = write(tmp / "your_friends.json", '{"friends_v2": [' + " " * OVERSIZE + "]}")
    return Expect(imports(f, "--format", "facebook"), str(f), "file is larger than 12 MiB")


@error
def oversized_following_js(tmp: Path) -> Expect:
    f = write(tmp / "following.js", FOLLOWING + " " * OVERSIZE)
    return Expect(imports(f, "--format", "twitter"), str(f), "file is larger than 12 MiB")


# Empty files and folders.


@error
def empty_connections_csv(tmp: Path) -> Expect:
    f = write(tmp / "Connections.csv", b"")
    return Expect(imports(f), str(f), "no header with First Name and Last Name")


@error
def empty_friends_json(tmp: Path) -> Expect:
    f = write(tmp / "your_friends.json", b"")
    return Expect(imports(f, "--format", "facebook"), str(f), "not valid JSON")


@error
def empty_following_js(tmp: Path) -> Expect:
    f = write(tmp / "following.js", b"")
    return Expect(imports(f, "--format", "twitter"), str(f), "not an X archive data file")


@error
def empty_folder(tmp: Path) -> Expect:
    d = tmp / "Downloads"
    d.mkdir()
    return Expect(imports(d), str(d), "no importer recognises")


@error
def folder_with_nothing_importable(tmp: Path) -> Expect:
    d = tmp / "Downloads"
    write(d / "notes.txt", "call Ada on Monday\n")
    write(d / "photo.jpg", junk())
    write(d / "data.json", '{"hello": "world"}')
    return Expect(imports(d), str(d), "no importer recognises")


# Binary junk under a text file's name.


@error
def junk_named_connections_csv(tmp: Path) -> Expect:
    f = write(tmp / "Connections.csv", junk())
    return Expect(imports(f), str(f), "binary data")


@error
def junk_named_csv(tmp: Path) -> Expect:
    f = write(tmp / "contacts.csv", junk())
    return Expect(imports(f), str(f), "no importer recognises")


@error
def junk_named_json(tmp: Path) -> Expect:
    f = write(tmp / "your_friends.json", junk())
    return Expect(imports(f, "--format", "facebook"), str(f), "binary data")


@error
def junk_named_js(tmp: Path) -> Expect:
    f = write(tmp / "following.js", junk())
    return Expect(imports(f, "--format", "twitter"), str(f), "binary data")


@error
def junk_named_zip(tmp: Path) -> Expect:
    f = write(tmp / "archive.zip", junk())
    return Expect(imports(f), str(f), "not a zip archive")


@error
def junk_member_in_a_zip(tmp: Path) -> Expect:
    z = linkedin_zip(tmp / "linkedin.zip", {"Connections.csv": junk()})
    return Expect(imports(z), f"{z}:Connections.csv", "binary data")


# Encodings that cannot be read.


@error
def utf16_cut_in_the_middle_of_a_character(tmp: Path) -> Expect:
    data = codecs.BOM_UTF16_LE + CONNECTIONS.encode("utf-16-le")
    f = write(tmp / "Connections.csv", data[:-1])
    return Expect(imports(f), str(f), "cannot decode as utf-16")


@error
def utf16_with_a_lone_surrogate(tmp: Path) -> Expect:
    data = codecs.BOM_UTF16_LE + CONNECTIONS.encode("utf-16-le") + b"\x00\xd8A\x00"
    f = write(tmp / "Connections.csv", data)
    return Expect(imports(f), str(f), "cannot decode as utf-16")


@error
def utf8_bom_then_invalid_utf8(tmp: Path) -> Expect:
    f = write(tmp / "Connections.csv", codecs.BOM_UTF8 + CONNECTIONS.encode() + b"\xc3\x28\n")
    return Expect(imports(f), str(f), "cannot decode as utf-8")


# Headers.


@error
def connections_without_last_name_column(tmp: Path) -> Expect:
    text = connections("Ada,Stripe,12 Oct 2025", header="First Name,Company,Connected On")
    f = write(tmp / "Connections.csv", text)
    return Expect(imports(f), str(f), "no header with First Name and Last Name")


@error
def connections_header_only(tmp: Path) -> Expect:
    f = write(tmp / "Connections.csv", connections())
    return Expect(imports(f), str(f), "no connections in it")


@error
def connections_only_ghost_rows(tmp: Path) -> Expect:
    f = write(tmp / "Connections.csv", connections(",,,,,,02 May 2024", ",,,,,,07 Jul 2021"))
    return Expect(imports(f), str(f), "only 2 ghost rows")


@error
def connections_header_too_far_down(tmp: Path) -> Expect:
    f = write(tmp / "Connections.csv", connections(ADA, preamble="Notes:\n" * 12))
    return Expect(imports(f), str(f), "no header with First Name and Last Name")


# A 10 MB single line.

TEN_MB = 10 << 20


@error
def connections_one_10mb_line(tmp: Path) -> Expect:
    f = write(tmp / "Connections.csv", "First Name;" * (TEN_MB // 11))
    return Expect(imports(f), str(f), "no header with First Name and Last Name")


@error
def friends_json_10mb_of_nesting(tmp: Path) -> Expect:
    f = write(tmp / "your_friends.json", '{"friends_v2": ' + "[" * TEN_MB)
    return Expect(imports(f), str(f), "nested too deeply")


@error
def following_js_10mb_of_nesting(tmp: Path) -> Expect:
    f = write(tmp / "following.js", "window.YTD.following.part0 = " + "[" * TEN_MB)
    return Expect(imports(f), str(f), "nested too deeply")


@error
def following_js_10mb_unterminated_string(tmp: Path) -> Expect:
    f = write(tmp / "following.js", 'window.YTD.following.part0 = ["' + "x" * TEN_MB)
    return Expect(imports(f), str(f), "not valid JSON")


# Wrong-shaped JSON.


@error
def friends_json_list_is_a_number(tmp: Path) -> Expect:
    f = write(tmp / "your_friends.json", '{"friends_v2": 7}')
    return Expect(imports(f), str(f), '"friends_v2" is not a list')


@error
def friends_json_top_level_list(tmp: Path) -> Expect:
    f = write(tmp / "your_friends.json", "[]")
    return Expect(imports(f, "--format", "facebook"), str(f), "a list, not an object")


@error
def friends_json_unknown_era(tmp: Path) -> Expect:
    z = write_zip(tmp / "facebook-alex.zip", {FRIENDS_FILE: '{"buddies": []}'})
    return Expect(imports(z), f"{z}:{FRIENDS_FILE}", "unknown Facebook export era")


@error
def friends_json_entries_are_not_objects(tmp: Path) -> Expect:
    f = write(tmp / "your_friends.json", '{"friends_v2": [1, "Ada", null, []]}')
    return Expect(imports(f), str(f), "no contacts found by the facebook importer")


@error
def facebook_profile_is_a_list(tmp: Path) -> Expect:
    profile = "personal_information/profile_information/profile_information.json"
    members = {FRIENDS_FILE: json.dumps(FRIENDS), profile: '{"profile_v2": []}'}
    z = write_zip(tmp / "facebook-alex.zip", members)
    return Expect(imports(z), f"{z}:{profile}", '"profile_v2" is not an object')


@error
def following_js_is_an_object(tmp: Path) -> Expect:
    f = write(tmp / "following.js", "window.YTD.following.part0 = {}")
    return Expect(imports(f), str(f), "expected a list of following entries")


@error
def following_js_truncated_json(tmp: Path) -> Expect:
    f = write(tmp / "following.js", FOLLOWING[: len(FOLLOWING) // 2])
    return Expect(imports(f), str(f), "not valid JSON")


@error
def twitter_archive_of_plain_json(tmp: Path) -> Expect:
    z = write_zip(tmp / "twitter.zip", {"data/following.js": '[{"following": {}}]'})
    return Expect(imports(z), f"{z}:data/following.js", "not an X archive data file")


@error
def twitter_manifest_is_a_list(tmp: Path) -> Expect:
    members = {"data/manifest.js": "window.__THAR_CONFIG = []", "data/following.js": FOLLOWING}
    z = write_zip(tmp / "twitter.zip", members)
    return Expect(imports(z), f"{z}:data/manifest.js", "the manifest is not an object")


@error
def twitter_archive_with_only_the_account(tmp: Path) -> Expect:
    account = 'window.YTD.account.part0 = [{"account": {"username": "alex"}}]'
    z = write_zip(tmp / "twitter.zip", {"data/account.js": account})
    return Expect(imports(z, "--format", "twitter"), str(z), "no contacts found by the twitter")


# vCard address books.


@error
def vcard_zip_truncated(tmp: Path) -> Expect:
    z = truncate(write_zip(tmp / "contacts.zip", {"Contacts/contacts.vcf": CARDS}))
    return Expect(imports(z), str(z), "corrupt zip archive")


@error
def vcard_bomb_in_a_zip(tmp: Path) -> Expect:
    z = write_zip(tmp / "contacts.zip", {"contacts.vcf": CARDS + "\r\n" * (BOMB // 2)})
    return Expect(imports(z), f"{z}:contacts.vcf", "zip bomb")


@error
def vcard_traversal_member(tmp: Path) -> Expect:
    z = write_zip(tmp / "contacts.zip", {"..\\..\\contacts.vcf": CARDS, "README.txt": "hi"})
    return Expect(imports(z, "--format", "vcard"), str(z), "no .vcf file")


@error
def vcard_empty_file(tmp: Path) -> Expect:
    f = write(tmp / "contacts.vcf", b"")
    return Expect(imports(f), str(f), "not a vCard file")


@error
def vcard_binary_junk(tmp: Path) -> Expect:
    f = write(tmp / "contacts.vcf", junk())
    return Expect(imports(f), str(f), "binary data")


@error
def vcard_utf16_cut_in_a_character(tmp: Path) -> Expect:
    f = write(tmp / "contacts.vcf", CARDS.encode("utf-16")[:-1])
    return Expect(imports(f), str(f), "cannot decode as utf-16")


@error
def vcard_one_10mb_line(tmp: Path) -> Expect:
    f = write(tmp / "contacts.vcf", "NOTE:" + "x" * TEN_MB)
    return Expect(imports(f), str(f), "not a vCard file")


@error
def vcard_no_card_can_be_read(tmp: Path) -> Expect:
    cards = "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:no name\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Cut"
    f = write(tmp / "contacts.vcf", cards)
    return Expect(imports(f), str(f), "no contacts found by the vcard importer")


@error
def vcard_folder_of_files_without_cards(tmp: Path) -> Expect:
    d = tmp / "address-book"
    write(d / "a.vcf", "hello\n")
    write(d / "b.vcf", "END:VCARD\n")
    return Expect(imports(d), str(d), "none of its .vcf files holds a vCard")


# Names that would forge a second error line or drive the terminal.


@error
def zip_member_name_with_a_new_line_and_an_escape_sequence(tmp: Path) -> Expect:
    member = "evil\n\x1b[2Jwhoknows: all good/Connections.csv"
    z = linkedin_zip(tmp / "linkedin.zip", {member: junk()})
    shown = f"{z}:evil\\n\\x1b[2Jwhoknows: all good/Connections.csv"
    return Expect(imports(z), shown, "binary data")


@error
def file_name_with_a_new_line(tmp: Path) -> Expect:
    f = write(tmp / "my\ncontacts.vcf", junk())
    return Expect(imports(f), str(f).replace("\n", "\\n"), "binary data")


# Paths that are not what they should be.


@error
def nonexistent_path(tmp: Path) -> Expect:
    f = tmp / "Downloads" / "Connections.csv"
    return Expect(imports(f), str(f), "no such file or folder")


@error
def dangling_symlink(tmp: Path) -> Expect:
    f = tmp / "Connections.csv"
    f.symlink_to(tmp / "gone" / "Connections.csv")
    return Expect(imports(f), str(f), "no such file or folder")


@error
def symlink_loop(tmp: Path) -> Expect:
    (tmp / "a.csv").symlink_to(tmp / "b.csv")
    (tmp / "b.csv").symlink_to(tmp / "a.csv")
    return Expect(imports(tmp / "a.csv"), str(tmp / "a.csv"), "symbolic links")


@error
def fifo_named_connections_csv(tmp: Path) -> Expect:
    f = tmp / "Connections.csv"
    os.mkfifo(f)
    return Expect(imports(f), str(f), "not a regular file")


@error
def fifo_inside_an_export_folder(tmp: Path) -> Expect:
    d = tmp / "linkedin-export"
    (d / "Basic_LinkedInDataExport").mkdir(parents=True)
    os.mkfifo(d / "Basic_LinkedInDataExport" / "Connections.csv")
    return Expect(imports(d), str(d), "no Connections.csv")


@error
def unknown_importer_name(tmp: Path) -> Expect:
    f = write(tmp / "Connections.csv", CONNECTIONS)
    return Expect(imports(f, "--format", "myspace"), str(f), "no importer called 'myspace'")


@error
def forced_importer_that_cannot_read_it(tmp: Path) -> Expect:
    f = write(tmp / "Connections.csv", CONNECTIONS)
    return Expect(imports(f, "--format", "twitter"), str(f), "not an X archive data file")


@error
def one_bad_file_among_good_ones(tmp: Path) -> Expect:
    good = write(tmp / "your_friends.json", json.dumps(FRIENDS))
    bad = write(tmp / "following.js", "window.YTD.following.part0 = 7")
    return Expect(["import", str(good), str(bad)], str(bad), "expected a list of following")


# The store: a folder, a path under a file, a file that is not a whoknows store.


@error
def db_is_a_folder(tmp: Path) -> Expect:
    f = write(tmp / "your_friends.json", json.dumps(FRIENDS))
    (tmp / "store-folder").mkdir()
    return Expect(
        ["--db", str(tmp / "store-folder"), *imports(f)], str(tmp / "store-folder"), "is a folder"
    )


@error
def db_is_a_folder_when_querying(tmp: Path) -> Expect:
    (tmp / "store-folder").mkdir()
    return Expect(["Stripe", "--db", str(tmp / "store-folder")], "store-folder", "is a folder")


@error
def db_under_a_file(tmp: Path) -> Expect:
    f = write(tmp / "your_friends.json", json.dumps(FRIENDS))
    db = write(tmp / "notes.txt", "not a folder\n") / "whoknows.db"
    return Expect(imports(f, "--db", str(db)), str(db), "cannot open the store (Not a directory)")


@error
def db_is_not_sqlite(tmp: Path) -> Expect:
    f = write(tmp / "your_friends.json", json.dumps(FRIENDS))
    db = write(tmp / "whoknows.db", junk())
    return Expect(imports(f, "--db", str(db)), str(db), "not a whoknows store")


@error
def db_is_not_sqlite_when_querying(tmp: Path) -> Expect:
    db = write(tmp / "whoknows.db", "SQLite format 2\n" + "x" * 2000)
    return Expect(["--db", str(db), "Stripe"], str(db), "not a whoknows store")


def sqlite_file(path: Path, *statements: str) -> Path:
    """A SQLite database made by another program: `statements` run and committed."""
    conn = sqlite3.connect(path)
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()
    return path


NOTES_TABLE = "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)"


@error
def db_is_another_programs_sqlite(tmp: Path) -> Expect:
    db = sqlite_file(
        tmp / "places.sqlite",
        "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)",
        "INSERT INTO moz_places (url) VALUES ('https://example.com')",
    )
    f = write(tmp / "your_friends.json", json.dumps(FRIENDS))
    return Expect(imports(f, "--db", str(db)), str(db), "not a whoknows store")


@error
def db_made_by_a_newer_whoknows(tmp: Path) -> Expect:
    db = sqlite_file(tmp / "newer.db", "PRAGMA user_version = 99")
    return Expect(["people", "--db", str(db)], str(db), "newer whoknows")


@error
def db_of_another_program_marked_with_an_old_schema(tmp: Path) -> Expect:
    """Another program's database whose version number reads as an older whoknows schema: it
    is refused, never upgraded (no whoknows tables added to it)."""
    db = sqlite_file(tmp / "notes.db", NOTES_TABLE, "PRAGMA user_version = 2")
    return Expect(["Stripe", "--db", str(db)], str(db), "not a whoknows store")


@error
def db_with_a_negative_schema_version(tmp: Path) -> Expect:
    db = sqlite_file(tmp / "negative.db", NOTES_TABLE, "PRAGMA user_version = -1")
    return Expect(["people", "--db", str(db)], str(db), "not a whoknows store")


@error
def db_damaged(tmp: Path) -> Expect:
    db = tmp / "damaged.db"
    shutil.copy(os.environ["WHOKNOWS_DB"], db)
    overwrite(db, 4096, b"\xde\xad\xbe\xef" * 1024)
    return Expect(["people", "--db", str(db)], str(db), "damaged")


@error
def forget_all_refuses_a_file_that_is_not_a_store(tmp: Path) -> Expect:
    db = write(tmp / "thesis.docx", junk())
    return Expect(["forget", "--all", "--db", str(db)], str(db), "not a whoknows store")


@error
def forget_all_refuses_another_programs_database(tmp: Path) -> Expect:
    db = tmp / "places.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.close()
    return Expect(["forget", "--all", "--db", str(db)], str(db), "not a whoknows store")


@error
def query_a_store_that_does_not_exist(tmp: Path) -> Expect:
    db = tmp / "nowhere" / "whoknows.db"
    return Expect(["people", "--db", str(db)], str(db), "no store here yet")


# --- accept-cases: odd but legitimate inputs import correctly ---------------------------------

ACCEPTS: dict[str, Callable[[Path], tuple[list[str], set[str]]]] = {}


def accept(fn):
    ACCEPTS[fn.__name__.replace("_", "-")] = fn
    return fn


@accept
def connections_in_utf16_with_bom(tmp: Path):
    f = write(tmp / "Connections.csv", connections(ADA.replace("Ada", "Adé")), "utf-16")
    return imports(f), {"Adé Lovelace"}


@accept
def connections_in_utf16_le_without_bom(tmp: Path):
    f = write(tmp / "Connections.csv", CONNECTIONS, "utf-16-le")
    return imports(f), {"Ada Lovelace", "Bob Marley"}


@accept
def connections_in_windows_1252(tmp: Path):
    text = connections("Chloé,Martin,https://www.linkedin.com/in/chloe,,Ubisoft,Lead,23-Apr-23")
    f = write(tmp / "Connections.csv", text.replace("\n", "\r\n"), "cp1252")
    return imports(f), {"Chloé Martin"}


@accept
def connections_with_a_utf8_bom(tmp: Path):
    f = write(tmp / "Connections.csv", "\ufeff" + CONNECTIONS)
    return imports(f), {"Ada Lovelace", "Bob Marley"}


@accept
def connections_with_duplicated_columns(tmp: Path):
    text = connections(ADA + ",Ignored", header=HEADER + ",Company")
    f = write(tmp / "Connections.csv", text)
    return imports(f), {"Ada Lovelace"}


@accept
def friends_json_in_utf16_with_bom(tmp: Path):
    f = write(tmp / "your_friends.json", json.dumps(FRIENDS), "utf-16")
    return imports(f, "--format", "facebook"), {"Zoë Adams", "Omar Haddad"}


@accept
def following_js_with_a_utf8_bom(tmp: Path):
    f = write(tmp / "following.js", "\ufeff" + FOLLOWING)
    return imports(f), set()


@accept
def vcard_in_utf16_with_bom(tmp: Path):
    return imports(write(tmp / "contacts.vcf", CARDS, "utf-16")), {"Priya Raman", "Jürgen Weiß"}


@accept
def vcard_in_windows_1252(tmp: Path):
    return imports(write(tmp / "contacts.vcf", CARDS, "cp1252")), {"Priya Raman", "Jürgen Weiß"}


@accept
def vcard_with_a_utf8_bom(tmp: Path):
    f = write(tmp / "contacts.vcf", "\ufeff" + CARDS)
    return imports(f), {"Priya Raman", "Jürgen Weiß"}


@accept
def vcard_with_one_broken_card_among_good_ones(tmp: Path):
    f = write(tmp / "contacts.vcf", "BEGIN:VCARD\r\nNOTE:nameless\r\nEND:VCARD\r\n" + CARDS)
    return imports(f), {"Priya Raman", "Jürgen Weiß"}


@accept
def zip_with_a_traversal_member_beside_the_real_file(tmp: Path):
    members = {"../../Connections.csv": connections(BOB), "Connections.csv": connections(ADA)}
    return imports(linkedin_zip(tmp / "linkedin.zip", members)), {"Ada Lovelace"}


@accept
def zip_bomb_beside_an_export_is_never_read(tmp: Path):
    members = {"Connections.csv": CONNECTIONS, "media/video.mp4": b"\0" * (4 * MEMBER_CAP)}
    return imports(linkedin_zip(tmp / "linkedin.zip", members)), {"Ada Lovelace", "Bob Marley"}


@accept
def folder_with_a_fifo_beside_the_export(tmp: Path):
    d = tmp / "export"
    write(d / "Connections.csv", CONNECTIONS)
    os.mkfifo(d / "messages.csv")
    return imports(d), {"Ada Lovelace", "Bob Marley"}


# --- running the corpus -----------------------------------------------------------------------

SEED = connections(
    "Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,US Navy,Admiral,01 Jan 2020",
    "Alan,Turing,https://www.linkedin.com/in/alan-turing,,Stripe,Researcher,02 Feb 2021",
)


@pytest.fixture
def seeded(runner, tmp_path, temporary_store, monkeypatch) -> Path:
    """A store holding two contacts; small zip caps; a working folder inside the test's."""
    seed = write(tmp_path / "seed" / "Connections.csv", SEED)
    result = runner.invoke(cli, imports(seed, "--as", "seed"))
    assert result.exit_code == 0, result.output
    monkeypatch.setattr(inputs, "MAX_MEMBER_BYTES", MEMBER_CAP)
    monkeypatch.setattr(inputs, "MAX_TOTAL_BYTES", TOTAL_CAP)
    monkeypatch.setattr(inputs, "MAX_FILE_BYTES", FILE_CAP)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    work = tmp_path / "in"
    work.mkdir()
    return work


def snapshot(root: Path) -> dict[str, str]:
    """Every path under `root` with a checksum of each regular file (the store, -wal, inputs)."""
    found = {}
    for path in sorted(root.rglob("*")):
        mode = path.lstat().st_mode
        found[str(path)] = stat.filemode(mode)
        if stat.S_ISREG(mode) and mode & stat.S_IRUSR:
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def assert_one_clean_error(expect: Expect, code: int, stdout: str, stderr: str) -> None:
    assert "Traceback" not in stdout + stderr
    assert code == 2, stderr
    assert stdout == ""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("whoknows: error: "), lines[0]
    assert expect.names in lines[0], lines[0]
    assert expect.problem in lines[0], lines[0]


def run(runner, args: list[str], in_process: bool = True) -> tuple[int, str, str]:
    """Run the command line: (exit code, stdout, stderr).

    In a subprocess (with a timeout) when `in_process` is False: for a FIFO, which would block
    the test forever if whoknows ever opened it.
    """
    if in_process:
        result = runner.invoke(cli, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        return result.exit_code, result.stdout, result.stderr
    done = subprocess.run(
        [sys.executable, "-m", "whoknows", *args], capture_output=True, text=True, timeout=120
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_bad_input_is_one_line_exit_2_and_the_store_untouched(case, runner, seeded, tmp_path):
    expect = ERRORS[case](seeded)
    before = snapshot(tmp_path)
    code, stdout, stderr = run(runner, expect.args, in_process="fifo" not in case)
    assert_one_clean_error(expect, code, stdout, stderr)
    assert snapshot(tmp_path) == before


SUBPROCESS_CASES = [
    "linkedin-zip-truncated",
    "junk-named-connections-csv",
    "following-js-10mb-of-nesting",
    "db-is-not-sqlite",
    "db-is-a-folder",
    "db-damaged",
]


@pytest.mark.parametrize("case", SUBPROCESS_CASES)
def test_bad_input_in_a_real_process(case, runner, seeded, tmp_path):
    expect = ERRORS[case](seeded)
    before = snapshot(tmp_path)
    assert_one_clean_error(expect, *run(runner, expect.args, in_process=False))
    assert snapshot(tmp_path) == before


HELD_OPEN = [
    "linkedin-zip-truncated",
    "zip-bomb-many-members-over-the-total",
    "friends-json-entries-are-not-objects",
    "following-js-10mb-of-nesting",
    "vcard-no-card-can-be-read",
    "one-bad-file-among-good-ones",
]


@pytest.mark.parametrize("case", HELD_OPEN)
def test_bad_input_leaves_the_store_and_its_wal_as_they_were(
    case, runner, seeded, tmp_path, temporary_store
):
    """With another reader holding the store open, the last import still sits in the -wal."""
    holder = sqlite3.connect(temporary_store)
    try:
        assert holder.execute("SELECT count(*) FROM contacts").fetchone() == (2,)
        more = write(tmp_path / "more" / "contacts.vcf", CARDS)
        assert runner.invoke(cli, imports(more, "--as", "more")).exit_code == 0
        wal = Path(f"{temporary_store}-wal")
        assert wal.stat().st_size > 0
        journal = {p: hashlib.sha256(p.read_bytes()).digest() for p in (temporary_store, wal)}
        expect = ERRORS[case](seeded)
        code, stdout, stderr = run(runner, expect.args)
        assert_one_clean_error(expect, code, stdout, stderr)
        assert {p: hashlib.sha256(p.read_bytes()).digest() for p in journal} == journal
    finally:
        holder.close()


@pytest.mark.parametrize("case", sorted(ACCEPTS))
def test_odd_but_legitimate_input_imports(case, runner, seeded):
    args, names = ACCEPTS[case](seeded)
    code, _stdout, stderr = run(runner, args, in_process="fifo" not in case)
    assert code == 0, stderr
    assert "error" not in stderr
    listed = json.loads(runner.invoke(cli, ["people", "--format", "json"]).stdout)
    found = {p["name"] for p in listed}
    assert names <= found
    assert {"Grace Hopper", "Alan Turing"} <= found
    sources = json.loads(runner.invoke(cli, ["sources", "--format", "json"]).stdout)
    assert len(sources) == 2 and all(s["contacts"] > 0 for s in sources)


# --- unreadable files: tests run as root, whom file modes do not stop -------------------------

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


def without_root_file_access() -> None:
    """Run in the child before exec: drop what lets root read any file (<linux/capability.h>).

    Root keeps its uid, so the store (owned by root, mode 0600) stays usable, but a file or
    folder with mode 000 becomes unreadable, as it is for everyone else.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def run_as_ordinary_user(args: list[str]) -> subprocess.CompletedProcess:
    preexec = without_root_file_access if os.geteuid() == 0 else None
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=120, preexec_fn=preexec
    )


UNREADABLE: dict[str, Callable[[Path], tuple[list[str], Path]]] = {
    "file": lambda tmp: (
        imports(write(tmp / "Connections.csv", CONNECTIONS)),
        tmp / "Connections.csv",
    ),
    "zip": lambda tmp: (imports(linkedin_zip(tmp / "linkedin.zip")), tmp / "linkedin.zip"),
    "folder": lambda tmp: (
        imports(write(tmp / "export" / "Connections.csv", CONNECTIONS).parent),
        tmp / "export",
    ),
    "file-in-a-folder": lambda tmp: (
        imports(write(tmp / "export" / "Connections.csv", CONNECTIONS).parent),
        tmp / "export" / "Connections.csv",
    ),
    "subfolder": lambda tmp: (
        imports(
            write(tmp / "export" / "sub" / "Connections.csv", CONNECTIONS).parents[1],
            "--format",
            "linkedin",
        ),
        tmp / "export" / "sub",
    ),
    "store": lambda tmp: (
        ["people", "--db", os.environ["WHOKNOWS_DB"]],
        Path(os.environ["WHOKNOWS_DB"]),
    ),
}
"""(command line, the file or folder made unreadable)."""


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_unreadable_input_is_one_line_exit_2_and_the_store_untouched(case, seeded, tmp_path):
    args, locked = UNREADABLE[case](seeded)
    mode = locked.stat().st_mode
    locked.chmod(0)
    try:
        probe = "import os, sys; p = sys.argv[1]; os.listdir(p) if os.path.isdir(p) else open(p)"
        refused = run_as_ordinary_user(["-c", probe, str(locked)])
        assert "PermissionError" in refused.stderr, "the file is readable: the test proves nothing"
        before = snapshot(tmp_path)
        done = run_as_ordinary_user(["-m", "whoknows", *args])
        expect = Expect(args, str(locked), "Permission denied")
        assert_one_clean_error(expect, done.returncode, done.stdout, done.stderr)
        assert snapshot(tmp_path) == before
    finally:
        locked.chmod(mode)


@pytest.mark.parametrize(
    "args", [["import", "contacts.vcf"], ["forget", "seed"]], ids=["import", "forget"]
)
def test_a_read_only_store_is_one_line_exit_2_and_unchanged(args, seeded, temporary_store):
    write(Path("contacts.vcf"), CARDS)
    temporary_store.chmod(0o400)
    before = hashlib.sha256(temporary_store.read_bytes()).hexdigest()
    done = run_as_ordinary_user(["-m", "whoknows", *args])
    expect = Expect(args, str(temporary_store), "the store is read-only")
    assert_one_clean_error(expect, done.returncode, done.stdout, done.stderr)
    assert hashlib.sha256(temporary_store.read_bytes()).hexdigest() == before


def test_terminal_escape_sequences_in_an_export_never_reach_the_terminal(runner, seeded):
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada \x1b]0;pwned\x07\x1b[2JLovelace\r\n"
        "ORG:Stripe\x1b[8m\r\nTITLE:CTO\x9b31m\r\nNOTE:two\\nlines\r\nEND:VCARD\r\n"
    )
    assert runner.invoke(cli, imports(write(seeded / "esc.vcf", card))).exit_code == 0
    for fmt in ("table", "csv", "markdown", "json"):
        shown = runner.invoke(cli, ["Stripe", "--format", fmt]).stdout
        assert "Ada Lovelace" in shown and "CTO" in shown
        assert not any(c in shown for c in "\x1b\x07\x00\x9b"), fmt
    listed = json.loads(runner.invoke(cli, ["people", "--format", "json"]).stdout)
    assert {p["name"] for p in listed} == {"Ada Lovelace", "Grace Hopper", "Alan Turing"}


def test_the_corpus_is_big_enough():
    assert len(ERRORS) + len(UNREADABLE) >= 40
    assert len(ACCEPTS) >= 8
