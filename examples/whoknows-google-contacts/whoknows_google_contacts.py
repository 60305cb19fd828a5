"""whoknows importers for Google Contacts CSV and Outlook CSV address books.

Two importers, registered by one plugin:

- ``google-contacts``: Google Contacts "Google CSV", in every header layout Google has used
  (the legacy ``Given Name``/``Organization 1 - Name`` one and the newer ``First Name``/
  ``Organization Name`` ones), UTF-16 with a BOM or UTF-8, with ``:::`` between the values
  that share one cell.
- ``outlook-csv``: Outlook "Comma Separated Values" exports with English, German or French
  headers, usually Windows-1252, and Windows Live Mail's ``;``-separated variant.

Columns are always found by their header, never by their position.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from whoknows import BadInput, Contact, Record, Skipped, hookimpl
from whoknows.inputs import decode

HEAD_BYTES = 16 * 1024
"""How much of a file detect() reads: enough for any header line, even in UTF-16."""


@hookimpl
def register_importers(register: Callable[[object], None]) -> None:
    register(GoogleContactsImporter())
    register(OutlookImporter())


# Reading a CSV whatever its encoding and separator.


def header_line(path: Path) -> list[str] | None:
    """The header cells of a .csv file, read cheaply; None when it is not a readable CSV."""
    if path.suffix.lower() != ".csv" or not path.is_file():
        return None
    try:
        with open(path, "rb") as f:
            head = f.read(HEAD_BYTES)
        if len(head) == HEAD_BYTES and b"\x00" not in head:
            # Cut at a line end, not inside a UTF-8 character that would look like cp1252.
            head = head[: head.rfind(b"\n") + 1] or head
        text = decode(head, path)
    except (OSError, BadInput):
        return None
    first = text.split("\n", 1)[0].rstrip("\r")
    if not first.strip():
        return None
    return next(csv.reader([first], delimiter=separator(first)))


def separator(line: str) -> str:
    """The separator a header line uses: the most frequent of comma, semicolon and tab."""
    return max(",;\t", key=line.count)


def normalise(header: str) -> str:
    """A header as looked up in the tables below: no BOM, lower case, single spaces."""
    return " ".join(header.replace("\ufeff", "").lower().split())


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Each data row as (line number, {normalised header: value}).

    When a header appears twice (French Outlook has two "Titre" columns: the honorific,
    then the job title), the later column wins.
    """
    try:
        data = path.read_bytes()
    except OSError as e:
        raise BadInput(path, e.strerror or str(e)) from None
    text = decode(data, path)
    first = text.split("\n", 1)[0]
    if not first.strip():
        raise BadInput(path, "empty file, no header line")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator(first))
    try:
        headers = [normalise(h) for h in next(reader)]
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            row = {h: "" for h in headers}
            for header, cell in zip(headers, cells, strict=False):
                row[header] = cell.strip()
            yield reader.line_num, row
    except csv.Error as e:
        raise BadInput(path, f"line {reader.line_num}: not valid CSV ({e})") from None


def unique_key(key: str, seen: set[str]) -> str:
    """`key`, or `key#2`, `key#3`... when the same file already used it."""
    candidate, n = key, 1
    while candidate in seen:
        n += 1
        candidate = f"{key}#{n}"
    seen.add(candidate)
    return candidate


def source_key(full_name: str, emails: list[str], phones: list[str]) -> str:
    """What identifies an address-book entry across exports: its e-mail, else name and phone."""
    if emails:
        return "email:" + emails[0].lower()
    return "name:" + " ".join(full_name.lower().split()) + ("|" + phones[0] if phones else "")


def dedupe(values: Iterable[str]) -> list[str]:
    """Non-empty values, first occurrence kept, order kept."""
    kept: dict[str, str] = {}
    for value in values:
        value = value.strip()
        if value and value.lower() not in kept:
            kept[value.lower()] = value
    return list(kept.values())


def join_name(*parts: str) -> str:
    return " ".join(p for p in parts if p)


# Google Contacts CSV.

GOOGLE_GROUPED = re.compile(r"^(e-?mail|phone|website|organization|address) (\d+) - (\w+)$")
GOOGLE_SYSTEM_GROUPS = {"mycontacts", ""}


def google_values(cell: str) -> list[str]:
    """The values in one Google cell: ``a ::: b``, each without Google's ``* `` prefix."""
    return [v.strip().removeprefix("*").strip() for v in cell.split(":::")]


def google_column(row: dict[str, str], kind: str, part: str) -> list[str]:
    """All values of the numbered columns ``KIND N - PART``, in column order."""
    values: list[str] = []
    for header, cell in row.items():
        m = GOOGLE_GROUPED.match(header)
        if m and m.group(1).replace("-", "") == kind and m.group(3) == part and cell:
            values.extend(google_values(cell))
    return values


def first(row: dict[str, str], *headers: str) -> str:
    """The first non-empty value among `headers` (normalised names)."""
    for header in headers:
        value = row.get(header, "")
        if value:
            return value
    return ""


class GoogleContactsImporter:
    name = "google-contacts"
    description = "Google Contacts CSV export (Google CSV), every header layout"

    def detect(self, path: Path) -> bool:
        headers = header_line(path)
        if headers is None:
            return False
        names = {normalise(h) for h in headers}
        grouped = any(GOOGLE_GROUPED.match(h) for h in names)
        has_name = bool(names & {"name", "given name", "first name", "last name", "family name"})
        return grouped and has_name

    def read(self, path: Path) -> Iterator[Record]:
        if not self.detect(path):
            raise BadInput(path, "not a Google Contacts CSV export (no 'E-mail 1 - Value' column)")
        seen: set[str] = set()
        for line, row in read_rows(path):
            given = first(row, "given name", "first name")
            middle = first(row, "additional name", "middle name")
            family = first(row, "family name", "last name")
            full_name = first(row, "name") or join_name(given, middle, family)
            full_name = full_name or first(row, "file as", "nickname")
            emails = dedupe(google_column(row, "email", "value"))
            phones = dedupe(google_column(row, "phone", "value"))
            company = first(row, "organization name") or _first_value(
                google_column(row, "organization", "name")
            )
            if not (full_name or emails or phones):
                yield Skipped(f"line {line}", "no name, e-mail address or phone number")
                continue
            groups = google_values(first(row, "group membership", "labels"))
            yield Contact(
                source_key=unique_key(source_key(full_name, emails, phones), seen),
                full_name=full_name,
                given_name=given,
                family_name=family,
                emails=emails,
                phones=phones,
                profile_urls=dedupe(google_column(row, "website", "value")),
                company=_first_value(google_values(company)),
                title=first(row, "organization title")
                or _first_value(google_column(row, "organization", "title")),
                department=first(row, "organization department")
                or _first_value(google_column(row, "organization", "department")),
                birthday=bool(first(row, "birthday")),
                categories=[g for g in dedupe(groups) if not _system_group(g)],
                note=first(row, "notes"),
            )


def _first_value(values: list[str]) -> str:
    return next((v for v in values if v), "")


def _system_group(group: str) -> bool:
    """Google's own "My Contacts" group (``* myContacts``), which every contact is in."""
    return group.lower().replace(" ", "") in GOOGLE_SYSTEM_GROUPS


# Outlook CSV, in the languages Outlook writes its headers in, and Windows Live Mail.

OUTLOOK_FIELDS: dict[str, tuple[str, ...]] = {
    # Windows Live Mail writes one "Name" column instead of the name parts.
    "full_name": ("name",),
    "given_name": ("first name", "vorname", "prénom"),
    "middle_name": ("middle name", "weitere vornamen", "deuxième prénom"),
    "family_name": ("last name", "nachname", "nom"),
    "company": ("company", "firma", "société"),
    "department": ("department", "abteilung", "service"),
    # English "Title" is the honorific (Mr., Dr.); the job title is "Job Title". French has
    # "Titre" twice, and the later one is the job title (read_rows keeps the later column).
    "title": ("job title", "position", "titre"),
    "emails": (
        "e-mail address",
        "e-mail 2 address",
        "e-mail 3 address",
        "e-mail-adresse",
        "e-mail 2: adresse",
        "e-mail 3: adresse",
        "adresse de messagerie",
        "adresse de messagerie 2",
        "adresse de messagerie 3",
    ),
    "phones": (
        "mobile phone",
        "business phone",
        "business phone 2",
        "home phone",
        "home phone 2",
        "primary phone",
        "other phone",
        "company main phone",
        "car phone",
        "mobiltelefon",
        "mobiltelefon 2",
        "telefon geschäftlich",
        "telefon geschäftlich 2",
        "telefon privat",
        "telefon privat 2",
        "haupttelefon",
        "weiteres telefon",
        "telefon firma",
        "autotelefon",
        "telefon (geschäftlich)",
        "telefon (privat)",
        "tél. mobile",
        "téléphone (bureau)",
        "téléphone 2 (bureau)",
        "téléphone (domicile)",
        "téléphone 2 (domicile)",
        "téléphone principal",
        "téléphone (autre)",
        "téléphone société",
        "téléphone (voiture)",
    ),
    "birthday": ("birthday", "geburtstag", "anniversaire"),
    "web_page": ("web page", "webseite", "page web"),
    "notes": ("notes", "notizen"),
    "categories": ("categories", "kategorien", "catégories"),
}
OUTLOOK_NAME_HEADERS = {
    h for f in ("full_name", "given_name", "family_name") for h in OUTLOOK_FIELDS[f]
}
OUTLOOK_EMPTY_DATES = {"0/0/00", "0.0.00", "00.00.00", "0/0/0000", "00/00/00"}


class OutlookImporter:
    name = "outlook-csv"
    description = "Outlook CSV export (any header language) and Windows Live Mail CSV"

    def detect(self, path: Path) -> bool:
        headers = header_line(path)
        if headers is None:
            return False
        names = {normalise(h) for h in headers}
        if any(GOOGLE_GROUPED.match(h) for h in names):
            return False  # Google's numbered columns: the other importer's file
        return all(names & set(OUTLOOK_FIELDS[f]) for f in ("emails", "company")) and bool(
            names & OUTLOOK_NAME_HEADERS
        )

    def read(self, path: Path) -> Iterator[Record]:
        if not self.detect(path):
            raise BadInput(path, "not an Outlook CSV export (no e-mail, name and company columns)")
        seen: set[str] = set()
        for line, row in read_rows(path):
            given, family = outlook(row, "given_name"), outlook(row, "family_name")
            middle = outlook(row, "middle_name")
            full_name = outlook(row, "full_name") or join_name(given, middle, family)
            # Exchange accounts export an X.500 path instead of an address: not an e-mail.
            emails = [e for e in outlook_all(row, "emails") if "@" in e]
            phones = outlook_all(row, "phones")
            if not (full_name or emails or phones):
                yield Skipped(f"line {line}", "no name, e-mail address or phone number")
                continue
            birthday = outlook(row, "birthday")
            yield Contact(
                source_key=unique_key(source_key(full_name, emails, phones), seen),
                full_name=full_name,
                given_name=given,
                family_name=family,
                emails=emails,
                phones=phones,
                profile_urls=outlook_all(row, "web_page"),
                company=outlook(row, "company"),
                department=outlook(row, "department"),
                title=outlook(row, "title"),
                birthday=bool(birthday) and birthday not in OUTLOOK_EMPTY_DATES,
                categories=dedupe(re.split(r"[;,]", outlook(row, "categories"))),
                note=outlook(row, "notes"),
            )


def outlook(row: dict[str, str], field: str) -> str:
    """The first non-empty column of `field`, whatever the header language."""
    return first(row, *OUTLOOK_FIELDS[field])


def outlook_all(row: dict[str, str], field: str) -> list[str]:
    """Every non-empty column of `field`, duplicates left out."""
    return dedupe(row.get(h, "") for h in OUTLOOK_FIELDS[field])
