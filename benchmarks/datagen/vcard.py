"""Writes the address book: one .vcf holding cards from Apple (3.0), Google (3.0),
Outlook (2.1, quoted-printable) and 4.0 producers, each in its own habits."""

from __future__ import annotations

import base64
import random
import uuid
from datetime import date
from pathlib import Path

from datagen.world import FREE_MAIL, World

CRLF = "\r\n"


FREE = {d for domains in FREE_MAIL.values() for d in domains}


def is_free(email: str) -> bool:
    return email.partition("@")[2].lower() in FREE


def esc(text: str) -> str:
    """vCard 3.0/4.0 text escaping."""
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def fold(line: str, width: int = 75) -> str:
    """RFC folding: continuation lines start with one space."""
    if len(line) <= width:
        return line
    parts = [line[:width]]
    rest = line[width:]
    while rest:
        parts.append(" " + rest[: width - 1])
        rest = rest[width - 1 :]
    return CRLF.join(parts)


def qp(text: str) -> str:
    """Quoted-printable of UTF-8 text, with '=' soft breaks as Outlook and Android write them."""
    out, line = [], ""
    for byte in text.encode("utf-8"):
        ch = chr(byte)
        piece = ch if (33 <= byte <= 126 and ch != "=") or ch == " " else f"={byte:02X}"
        if len(line) + len(piece) > 73:
            out.append(line + "=")
            line = ""
        line += piece
    out.append(line)
    return CRLF.join(out)


def needs_qp(text: str) -> bool:
    return not text.isascii() or "\n" in text


def display_phone(e164: str, style: str) -> str:
    """A phone number as an address book shows it."""
    if e164.startswith("+1"):
        area, exch, num = e164[2:5], e164[5:8], e164[8:]
        return {
            "intl": f"+1 {area}-{exch}-{num}",
            "national": f"({area}) {exch}-{num}",
            "dots": f"{area}.{exch}.{num}",
            "e164": e164,
            "uri": f"tel:+1-{area}-{exch}-{num}",
        }[style]
    cc = 2 if e164[1:3] in ("44", "49", "33", "34", "39", "46", "91") else 1
    country, rest = e164[1 : 1 + cc], e164[1 + cc :]
    spaced = f"+{country} {rest[:3]} {rest[3:]}"
    return {"uri": f"tel:+{country}-{rest[:3]}-{rest[3:]}", "e164": e164}.get(style, spaced)


def photo(rng: random.Random) -> str:
    data = b"\xff\xd8\xff\xe0" + rng.randbytes(1500) + b"\xff\xd9"
    return base64.b64encode(data).decode()


def apple(card: dict, rng: random.Random) -> list[str]:
    lines = ["VERSION:3.0", "PRODID:-//Apple Inc.//iPhone OS 17.2//EN"]
    lines.append(f"N:{esc(card['family'])};{esc(card['given'])};{esc(card['middle'])};;")
    lines.append(f"FN:{esc(card['fn'])}")
    if card["org"]:
        lines.append(f"ORG:{esc(card['org'])};{esc(card['dept'])}")
    if card["title"]:
        lines.append(f"TITLE:{esc(card['title'])}")
    for i, email in enumerate(card["emails"]):
        kind = "HOME" if is_free(email) else "WORK"
        pref = ";type=pref" if i == 0 else ""
        lines.append(f"item{i + 1}.EMAIL;type=INTERNET;type={kind}{pref}:{email}")
    for i, (tel, kind) in enumerate(card["tels"]):
        pref = ";type=pref" if i == 0 else ""
        style = rng.choice(["intl", "national", "e164"])
        lines.append(f"TEL;type={kind};type=VOICE{pref}:{display_phone(tel, style)}")
    if card["url"]:
        lines += [f"item9.URL;type=pref:{card['url']}", "item9.X-ABLabel:LinkedIn"]
    if card["adr"]:
        lines.append("ADR;type=HOME;type=pref:;;12 Elm Street;Springfield;IL;62704;United States")
    if card["bday"]:
        lines.append(f"BDAY;value=date:{card['bday']:%Y-%m-%d}")
    if card["note"]:
        lines.append(f"NOTE:{esc(card['note'])}")
    if card["photo"]:
        lines.append(fold(f"PHOTO;ENCODING=b;TYPE=JPEG:{photo(rng)}", 74))
    lines.append(f"X-ABUID:{uuid.UUID(int=rng.getrandbits(128))}:ABPerson")
    return lines


def google(card: dict, rng: random.Random) -> list[str]:
    lines = ["VERSION:3.0", f"FN:{esc(card['fn'])}"]
    lines.append(f"N:{esc(card['family'])};{esc(card['given'])};{esc(card['middle'])};;")
    for email in card["emails"]:
        kind = "HOME" if is_free(email) else "WORK"
        lines.append(f"EMAIL;TYPE=INTERNET;TYPE={kind}:{email}")
    for tel, kind in card["tels"]:
        lines.append(f"TEL;TYPE={kind}:{display_phone(tel, rng.choice(['intl', 'e164']))}")
    if card["org"]:
        org = esc(card["org"]) + (f";{esc(card['dept'])}" if card["dept"] else "")
        lines.append(f"ORG:{org}")
    if card["title"]:
        lines.append(f"TITLE:{esc(card['title'])}")
    if card["url"]:
        lines.append("URL:" + card["url"].replace(":", "\\:"))
    if card["bday"]:
        lines.append(f"BDAY:{card['bday']:%Y-%m-%d}")
    if card["note"]:
        lines.append(f"NOTE:{esc(card['note'])}")
    lines.append("CATEGORIES:myContacts" + (",starred" if rng.random() < 0.05 else ""))
    return [fold(line) for line in lines]


def outlook(card: dict, rng: random.Random) -> list[str]:
    def prop(name: str, value: str) -> str:
        if needs_qp(value):
            return f"{name};CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(value)}"
        return f"{name}:{value}"

    lines = ["VERSION:2.1"]
    n = f"{card['family']};{card['given']};{card['middle']}"
    lines.append(prop("N;LANGUAGE=en-us", n) if n.isascii() else prop("N", n))
    lines.append(prop("FN", card["fn"]))
    if card["org"]:  # Outlook leaves commas unescaped
        lines.append(prop("ORG", card["org"] + (f";{card['dept']}" if card["dept"] else "")))
    if card["title"]:
        lines.append(prop("TITLE", card["title"]))
    if card["note"]:
        lines.append(prop("NOTE", card["note"]))
    for tel, kind in card["tels"]:
        lines.append(f"TEL;{kind};VOICE:{display_phone(tel, rng.choice(['intl', 'national']))}")
    if card["adr"]:
        lines.append("ADR;WORK;PREF:;;222 Broadway;New York;NY;10038;United States of America")
        label = "222 Broadway\r\nNew York, NY 10038\r\nUnited States of America"
        lines.append(f"LABEL;WORK;PREF;ENCODING=QUOTED-PRINTABLE:{qp(label)}")
    if card["url"]:
        lines.append(f"URL;WORK:{card['url']}")
    if card["bday"]:
        lines.append(f"BDAY:{card['bday']:%Y%m%d}")
    for i, email in enumerate(card["emails"]):
        lines.append(f"EMAIL;{'PREF;' if i == 0 else ''}INTERNET:{email}")
    if card["photo"]:
        data = photo(rng)
        body = CRLF.join(" " + data[i : i + 72] for i in range(0, len(data), 72))
        lines.append(f"PHOTO;TYPE=JPEG;ENCODING=BASE64:{CRLF}{body}{CRLF}")
    lines.append("X-MS-OL-DEFAULT-POSTAL-ADDRESS:2")
    lines.append(f"REV:{date(2024, 1, 1).strftime('%Y%m%d')}T120000Z")
    return lines


def v4(card: dict, rng: random.Random) -> list[str]:
    lines = ["VERSION:4.0", f"FN:{esc(card['fn'])}", "KIND:individual"]
    lines.append(f"N:{esc(card['family'])};{esc(card['given'])};{esc(card['middle'])};;")
    if card["org"]:
        org = esc(card["org"]) + (f";{esc(card['dept'])}" if card["dept"] else "")
        lines.append(f"ORG:{org}")
    if card["title"]:
        lines.append(f"TITLE:{esc(card['title'])}")
    for i, email in enumerate(card["emails"]):
        kind = "home" if is_free(email) else "work"
        lines.append(f"EMAIL;TYPE={kind}{';PREF=1' if i == 0 else ''}:{email}")
    for tel, kind in card["tels"]:
        lines.append(f"TEL;VALUE=uri;TYPE={kind.lower()}:{display_phone(tel, 'uri')}")
    if card["url"]:
        lines.append(f"URL:{card['url']}")
    if card["bday"]:
        lines.append(f"BDAY:{card['bday']:%Y%m%d}")
    if card["note"]:
        lines.append(f"NOTE:{esc(card['note'])}")
    if card["photo"]:
        lines.append(f"PHOTO:data:image/jpeg;base64,{photo(rng)}")
    lines.append(f"UID:urn:uuid:{uuid.UUID(int=rng.getrandbits(128))}")
    lines.append("REV:20250301T101500Z")
    return [fold(line) for line in lines]


WRITERS = {"apple": apple, "google": google, "outlook": outlook, "v4": v4}


def write(world: World, folder: Path, seed: int) -> Path:
    """Writes contacts.vcf (CRLF line ends, as every producer here uses) into `folder`."""
    rng = random.Random(seed)
    path = folder / "contacts.vcf"
    with open(path, "w", encoding="utf-8", newline="") as f:
        for card in world.vcards:
            lines = ["BEGIN:VCARD", *WRITERS[card["version"]](card, rng), "END:VCARD"]
            f.write(CRLF.join(lines) + CRLF)
    return path
