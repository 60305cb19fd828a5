"""vCard importer: address books from Apple, Google, Outlook, Android and others (.vcf).

A file is read in four steps, each chosen to avoid one of vobject's traps (docs/importers.md):

1. Bytes are split into lines here, so CR LF, LF, CR-only and Apple's CR CR LF all end a line,
   and into cards (``BEGIN:VCARD`` .. ``END:VCARD``), streamed one at a time: one broken card
   is reported with its line number and the rest import, and memory stays flat.
2. Binary properties (PHOTO, LOGO, SOUND, KEY) are dropped before parsing, never decoded.
3. Each card is decoded (UTF-8, else its declared CHARSET, else Windows-1252) and tokenised by
   vobject: ``getLogicalLines`` unfolds lines and joins quoted-printable soft breaks (tried with
   and without ``allowQP``), ``parseLine`` splits group, name, parameters and value.
4. Values are interpreted here, not by vobject's vCard 3.0 behaviours, which cut text at the
   first unescaped comma (``TITLE:VP, Engineering`` gives ``VP``), nest ORG when commas are
   not escaped, and decode photos.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import itertools
import os
import quopri
import re
import zipfile
import zlib
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import IO

from whoknows import BadInput, Contact, Skipped, hookimpl
from whoknows.inputs import Tree, decode, is_zip

SUFFIXES = (".vcf", ".vcard")
DETECT_LIMIT = 10_000
"""How many entries of a folder detect() looks at before it says no."""
CHUNK = 1 << 16
BINARY = {b"PHOTO", b"LOGO", b"SOUND", b"KEY"}
"""Properties whose value is binary data: dropped unread."""
WANTED = {
    "FN",
    "N",
    "NICKNAME",
    "ORG",
    "TITLE",
    "ROLE",
    "EMAIL",
    "TEL",
    "URL",
    "X-SOCIALPROFILE",
    "NOTE",
    "CATEGORIES",
    "BDAY",
    "REV",
    "UID",
    "X-ABUID",
    "KIND",
    "X-ADDRESSBOOKSERVER-KIND",
    "X-ABSHOWAS",
}
NOT_PEOPLE = {"group": "a contact group", "org": "an organisation", "location": "a place"}
"""vCard 4.0 KIND values (and Apple's X-ADDRESSBOOKSERVER-KIND) that are not a person."""

NOT_PHONES = {"fax", "pager"}
"""TEL types left out: nobody answers them, and an office fax could join colleagues into one."""

_EOL = re.compile(rb"\r\r\n|\r\n|\r")
_BASE64_LINE = re.compile(rb"[A-Za-z0-9+/=]+")
_CHARSET = re.compile(rb";CHARSET=([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_LINKEDIN = re.compile(r"(?:https?://)?(?:[\w-]+\.)?linkedin\.com/in/([^/?#\s]+)", re.IGNORECASE)
_SOCIAL = re.compile(
    r"(?:https?://)?(?:www\.|m\.|mobile\.)?(?:facebook|twitter|x)\.com/[^/?#\s]+/?$", re.IGNORECASE
)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


class VCardImporter:
    name = "vcard"
    description = "vCard address books (.vcf): one file, a folder of them or a zip"

    def detect(self, path: Path) -> bool:
        if path.is_dir():  # a cheap look: the first DETECT_LIMIT entries of the folder tree
            entries = itertools.islice(path.rglob("*"), DETECT_LIMIT)
            return any(p.suffix.lower() in SUFFIXES and p.is_file() for p in entries)
        if is_zip(path):
            try:
                with Tree(path) as tree:
                    return any(_is_vcard_name(n) for n in tree.names())
            except BadInput:  # a corrupt zip is not a vCard file: detect never raises
                return False
        if path.suffix.lower() in SUFFIXES:
            return True
        try:
            with open(path, "rb") as f:
                head = f.read(1024)
        except OSError:
            return False
        return head.removeprefix(codecs.BOM_UTF8).lstrip().upper().startswith(b"BEGIN:VCARD")

    def read(self, path: Path) -> Iterator[Skipped | Contact]:
        if not path.is_dir() and not is_zip(path):
            try:
                with open(path, "rb") as f:
                    problem = yield from read_stream(f, path, where="")
            except OSError as e:
                raise BadInput(path, e.strerror or str(e)) from None
            if problem:
                raise BadInput(path, problem)
            return
        with Tree(path) as tree:
            names = [n for n in tree.names() if _is_vcard_name(n)]
            if not names:
                raise BadInput(path, "no .vcf file in this folder or zip")
            problems = 0
            for name in names:
                try:
                    with tree.open(name) as f:
                        problem = yield from read_stream(f, tree.label(name), where=f"{name} ")
                except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as e:
                    raise BadInput(tree.label(name), f"cannot read this file ({e})") from None
                if problem:
                    problems += 1
                    yield Skipped(name, problem)
            if problems == len(names):
                raise BadInput(path, "none of its .vcf files holds a vCard")


@hookimpl
def register_importers(register):
    register(VCardImporter())


def _is_vcard_name(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in SUFFIXES


# Lines and cards ------------------------------------------------------------------------


def read_stream(
    stream: IO[bytes], label: str | Path, where: str = ""
) -> Generator[Contact | Skipped, None, str]:
    """Yield a `Contact` or a `Skipped` per card of a vCard byte stream.

    Returns (as a generator's value) why the stream is not a vCard file, or "" when it held
    at least one card. `where` prefixes each `Skipped.where` (a member's name in a folder).
    """
    region = default_region()
    seen = 0
    strays: list[int] = []  # held until a card shows this is a vCard file
    for card in _cards(_lines(stream, label)):
        if isinstance(card, int):
            strays.append(card)
            if seen:
                yield from _stray_ends(strays, where)
            continue
        seen += 1
        if strays:
            yield from _stray_ends(strays, where)
        place = f"{where}card {card.number} (line {card.line})"
        if card.unclosed:
            yield Skipped(place, card.unclosed)
            continue
        try:
            yield to_contact(parse_card(card), region)
        except CardError as e:
            yield Skipped(place, e.reason)
    if seen:
        return ""
    if strays:
        return f"not a vCard file: no BEGIN:VCARD line (line {strays[0]} has an END:VCARD)"
    return "not a vCard file: no BEGIN:VCARD line"


def _stray_ends(strays: list[int], where: str) -> Iterator[Skipped]:
    for n in strays:
        yield Skipped(f"{where}line {n}", "END:VCARD without BEGIN:VCARD")
    strays.clear()


def _lines(stream: IO[bytes], label: str | Path) -> Iterator[bytes]:
    """The stream's lines without their ends; any of CR LF, LF, CR and CR CR LF ends a line."""
    head = stream.read(CHUNK)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head[:4096]:
        text = decode(head + stream.read(), label)  # UTF-16, or BadInput for binary data
        stream, head = io.BytesIO(), text.encode("utf-8")
    tail = head.removeprefix(codecs.BOM_UTF8)
    while True:
        chunk = stream.read(CHUNK)
        data = tail + chunk
        if not chunk:
            break
        end = len(data.rstrip(b"\r"))  # a CR at the end may be half of CR LF: keep it
        lines = _EOL.sub(b"\n", data[:end]).split(b"\n")
        tail = lines.pop() + data[end:]
        yield from lines
    lines = _EOL.sub(b"\n", data).split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    yield from lines


@dataclass
class Card:
    """The raw lines of one card, with where they are in the file."""

    number: int
    line: int
    lines: list[bytes] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    unclosed: str = ""


def _marker(line: bytes) -> bytes:
    """b"BEGIN" or b"END" for a ``[group.]BEGIN:VCARD`` or ``END:VCARD`` line, else b""."""
    if len(line) > 40 or b":" not in line:
        return b""
    name, _, value = line.partition(b":")
    if value.strip().upper() != b"VCARD":
        return b""
    name = name.rpartition(b".")[2].strip().upper()
    return name if name in (b"BEGIN", b"END") else b""


def _property_name(line: bytes) -> bytes:
    head = line[:64].partition(b":")[0].partition(b";")[0]
    return head.rpartition(b".")[2].upper()


def _cards(lines: Iterator[bytes]) -> Iterator[Card | int]:
    """Split lines into cards; an int is the line number of an END:VCARD outside any card."""
    card: Card | None = None
    number = 0
    in_binary = False
    agent_depth = 0
    for n, line in enumerate(lines, 1):
        if card is None:
            marker = _marker(line.strip())
            if marker == b"BEGIN":
                number += 1
                card = Card(number, n)
            elif marker == b"END":
                yield n
            continue
        if in_binary:
            if not line.strip() or line[:1] in b" \t" or _BASE64_LINE.fullmatch(line):
                continue  # folded or vCard 2.1 base64 data, or the blank line ending it
            in_binary = False
        if line[:1] in b" \t":
            if not agent_depth:
                card.lines.append(line)
                card.numbers.append(n)
            continue
        marker = _marker(line.rstrip())
        if marker == b"END":
            if agent_depth:
                agent_depth -= 1
                continue
            yield card
            card = None
            continue
        if marker == b"BEGIN":
            if agent_depth or (card.lines and _property_name(card.lines[-1]) == b"AGENT"):
                agent_depth += 1  # vCard 2.1 AGENT: another person's card nested in this one
                continue
            card.unclosed = f"no END:VCARD before the next BEGIN:VCARD (line {n})"
            yield card
            number += 1
            card = Card(number, n)
            continue
        if agent_depth:
            continue
        if _property_name(line) in BINARY:
            in_binary = True
            continue
        card.lines.append(line)
        card.numbers.append(n)
    if card is not None:
        card.unclosed = "the file ends before this card's END:VCARD"
        yield card


# Parsing one card -------------------------------------------------------------------------


class CardError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Prop:
    """One property: decoded value (escapes still in), parameters and the line it starts on."""

    name: str
    value: str
    types: set[str]
    pref: int
    line: int


def _decode_card(lines: list[bytes]) -> str:
    """UTF-8; else, line by line, UTF-8 or the line's (or the card's) CHARSET or Windows-1252."""
    data = b"\n".join(lines)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data)
    fallback = (_codec(declared.group(1)) if declared else "") or "cp1252"
    decoded = []
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            own = _CHARSET.search(line)
            codec = (_codec(own.group(1)) if own else "") or fallback
            decoded.append(line.decode(codec, errors="replace"))
    return "\n".join(decoded)


def _codec(charset: bytes | str) -> str:
    """The codec for a declared charset, "" if unknown. Latin-1 is read as Windows-1252."""
    name = charset.decode("ascii") if isinstance(charset, bytes) else charset
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return ""
    return "cp1252" if codec in ("latin-1", "iso8859-1") else codec


def parse_card(card: Card) -> list[Prop]:
    """The card's wanted properties, tokenised by vobject; raises `CardError`."""
    from vobject.base import VObjectError

    text = _decode_card(card.lines)
    quoted = "QUOTED-PRINTABLE" in text.upper()
    first: CardError | None = None
    for allow_qp in (quoted, not quoted):
        try:
            return list(_tokenise(text, allow_qp, card.numbers))
        except (CardError, VObjectError, ValueError, TypeError, LookupError) as e:
            # binascii.Error and UnicodeDecodeError are ValueErrors
            first = first or (e if isinstance(e, CardError) else CardError(f"unreadable: {e}"))
    assert first is not None
    raise first


def _tokenise(text: str, allow_qp: bool, numbers: list[int]) -> Iterator[Prop]:
    from vobject.base import ParseError, getLogicalLines, parseLine

    for logical, n in getLogicalLines(io.StringIO(text), allow_qp):
        line = numbers[min(max(n, 1), len(numbers)) - 1] if numbers else 0
        try:
            name, params, value, _group = parseLine(logical, n)
        except ParseError:
            snippet = logical if len(logical) <= 40 else logical[:40] + "..."
            raise CardError(f"line {line} is not a vCard property: {snippet!r}") from None
        name = name.upper()
        if name not in WANTED:
            continue
        types: set[str] = set()
        pref = 100
        quoted = False
        charset = ""
        for param in params:
            key = param[0].upper()
            values = param[1:] or [param[0]]  # vCard 2.1 writes bare values: TEL;WORK;PREF:
            if len(param) == 1 or key == "TYPE":
                for v in values:
                    for t in v.lower().split(","):
                        types.add(t)
            elif key == "PREF":
                pref = int(values[0]) if values[0].isdigit() else 1
            elif key == "ENCODING":
                quoted = quoted or any(v.upper() == "QUOTED-PRINTABLE" for v in values)
            elif key == "CHARSET":
                charset = values[0]
        if "quoted-printable" in types:
            quoted = True
        if "pref" in types:
            pref = min(pref, 1)
        if quoted:
            value = _unquote(value, charset)
        yield Prop(name, value, types, pref, line)


def _unquote(value: str, charset: str) -> str:
    """Decode a quoted-printable value in its declared charset (UTF-8 if none or wrong)."""
    data = quopri.decodestring(value.encode("utf-8"))
    for encoding in (_codec(charset) or "utf-8", "utf-8"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


# From properties to a Contact ---------------------------------------------------------------


def unescape(value: str) -> str:
    """Undo vCard text escapes: ``\\n`` is a new line, ``\\,`` a comma, and so on."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def split(value: str, sep: str) -> list[str]:
    """Split on `sep` where it is not escaped; the parts keep their escapes."""
    if "\\" not in value:
        return value.split(sep)
    parts, current, escaped = [], [], False
    for ch in value:
        if escaped:
            current.append("\\" + ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current) + "\\" * escaped)
    return parts


def _text(value: str) -> str:
    return " ".join(unescape(value).split())


def to_contact(props: list[Prop], region: str | None) -> Contact:
    """Map a card's properties to a `Contact`; raises `CardError` for a card that is no person."""
    first: dict[str, str] = {}
    for p in props:
        if p.name not in first and p.value.strip():
            first[p.name] = p.value
    kind = _text(first.get("KIND", "") or first.get("X-ADDRESSBOOKSERVER-KIND", "")).lower()
    if kind in NOT_PEOPLE:
        raise CardError(f"KIND:{kind}: {NOT_PEOPLE[kind]}, not a person")
    if _text(first.get("X-ABSHOWAS", "")).upper() == "COMPANY":
        raise CardError("a company's card (X-ABShowAs:COMPANY), not a person")

    family = given = middle = ""
    if "N" in first:
        parts = [" ".join(_text(v) for v in split(c, ",")) for c in split(first["N"], ";")]
        family, given, middle = ([*parts, "", "", ""])[:3]
    company = department = ""
    for p in props:
        if p.name == "ORG":
            units = [_text(u) for u in split(p.value, ";")]
            if units[0]:
                company, department = units[0], ", ".join(u for u in units[1:] if u)
                break
    title = _text(first.get("TITLE", ""))
    role = _text(first.get("ROLE", ""))

    emails = _unique(_email(p.value) for p in _by_pref(props, "EMAIL"))
    raw_phones = [
        unescape(p.value).strip() for p in _by_pref(props, "TEL") if not p.types & NOT_PHONES
    ]
    phones = _unique(normalise_phone(v, region) for v in raw_phones)
    profile_urls, other_urls = [], []
    for p in props:
        if p.name in ("URL", "X-SOCIALPROFILE"):
            url = unescape(p.value).strip()
            profile = profile_url(url)
            if profile:
                profile_urls.append(profile)
            elif url and p.name == "URL":
                other_urls.append(url)
    categories = _unique(
        _text(c) for p in props if p.name == "CATEGORIES" for c in split(p.value, ",")
    )
    notes = [unescape(p.value).replace("\r\n", "\n").strip() for p in props if p.name == "NOTE"]

    full_name = _text(first.get("FN", "")) or " ".join(filter(None, [given, middle, family]))
    nickname = _text(first.get("NICKNAME", ""))
    full_name = full_name or nickname or (emails[0] if emails else "")
    full_name = full_name or (phones[0] if phones else "")
    if not full_name:
        raise CardError("no name, e-mail address or phone number")

    extra = {}
    if nickname:
        extra["nickname"] = nickname
    if role and title and role != title:
        extra["role"] = role
    if other_urls:
        extra["urls"] = " ".join(_unique(other_urls))
    revised = _date(first.get("REV", ""))
    if revised:
        extra["revised"] = revised.isoformat()
    uid = _text(first.get("UID", "") or first.get("X-ABUID", ""))
    return Contact(
        source_key=f"uid:{uid}" if uid else _card_hash(full_name, emails, raw_phones, company),
        full_name=full_name,
        given_name=given,
        family_name=family,
        emails=emails,
        phones=phones,
        profile_urls=_unique(profile_urls),
        company=company,
        department=department,
        title=title or role,
        birthday="BDAY" in first,
        categories=categories,
        note="\n\n".join(n for n in notes if n),
        extra=extra,
    )


def _by_pref(props: list[Prop], name: str) -> list[Prop]:
    return sorted((p for p in props if p.name == name), key=lambda p: p.pref)


def _unique(values) -> list[str]:
    seen: set[str] = set()
    kept = []
    for v in values:
        if v and v.casefold() not in seen:
            seen.add(v.casefold())
            kept.append(v)
    return kept


def _email(value: str) -> str:
    address = unescape(value).strip()
    if address[:7].lower() == "mailto:":
        address = address[7:]
    return address if "@" in address and " " not in address else ""


def _date(value: str) -> date | None:
    m = _DATE.match(value.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _card_hash(name: str, emails: list[str], phones: list[str], company: str) -> str:
    """A key for a card without UID, stable across exports of the same card."""
    digits = sorted("".join(c for c in p if c.isdigit()) for p in phones)
    parts = [name.casefold(), *sorted(e.casefold() for e in emails), *digits, company.casefold()]
    return "hash:" + hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:20]


def profile_url(url: str) -> str:
    """A LinkedIn profile URL in its canonical form, a Facebook or X one as written, else ""."""
    m = _LINKEDIN.match(url)
    if m:
        return f"https://www.linkedin.com/in/{m.group(1)}"
    return url if _SOCIAL.match(url) else ""


# Phone numbers -------------------------------------------------------------------------------


def default_region() -> str | None:
    """The country that numbers without a +country code are read in.

    ``WHOKNOWS_REGION`` (e.g. ``GB``) if set, else the locale's country (``LC_ALL``,
    ``LC_TELEPHONE``, ``LANG``, e.g. ``en_GB.UTF-8``), else None.
    """
    region = os.environ.get("WHOKNOWS_REGION", "").strip()
    if region:
        return region.upper()
    for var in ("LC_ALL", "LC_TELEPHONE", "LANG"):
        value = os.environ.get(var, "")
        if value:
            m = re.match(r"[A-Za-z]{2,3}_([A-Za-z]{2})\b", value)
            return m.group(1).upper() if m else None
    return None


def normalise_phone(value: str, region: str | None) -> str:
    """E.164 (``+14155550142``) where the number allows, else its digits as written; "" if none."""
    import phonenumbers

    if value[:4].lower() == "tel:":
        value = value[4:].partition(";")[0]
    digits = "".join(c for c in value if c.isdigit())
    if len(digits) < 3:
        return ""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.is_possible_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return ("+" if value.lstrip().startswith("+") else "") + digits
