"""From a person's records to what the user sees: status, what to ask, score and reasons.

Pure functions over contact rows (dicts with the ``contacts`` columns plus ``source`` and
``importer``). The rules and the score formula are documented in docs/matching.md.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache, lru_cache

from whoknows.ascii import base_letters, transliterated

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `whoknows COMPANY`
if TYPE_CHECKING:
    from typing import Any

CURRENT_EMPLOYER_IMPORTERS = frozenset({"linkedin"})
"""Sources whose company is the person's current employer; a different company elsewhere
(an address book's ORG) is an earlier one."""

SOURCE_LABELS = {
    "linkedin": "LinkedIn",
    "facebook": "Facebook",
    "vcard": "address book",
    "twitter": "X",
    "google": "Google Contacts",
    "outlook": "Outlook",
}

MATCH_ORDER = ("exact", "alias", "initialism", "email domain", "possible")

# Title rules: the words a title is searched for, in any case, in the title and its ASCII
# transliteration; a leading or trailing \b marks a word boundary. Each list is also one
# regular expression (`_compiled`), compiled only for a title not in Latin letters (`role`).
RECRUITING = (
    *("recruit", "recrut", "reclut", "rekrut", "rekryt", "werving", "talent", "headhunt"),
    *("sourcer", "sourcing", "staffing", r"\bhr\b", r"\bhrbp\b", r"\brh\b", r"\brrhh\b"),
    *(rf"\bpeople {w}" for w in ("partner", "operations", "ops", "and culture", "team")),
    *(
        rf"{w} {of}people\b"
        for w in ("head", "chief", "vp", "director", "vice president")
        for of in ("of ", "")
    ),
    *("human resources", "human capital", "ressources humaines", "recursos humanos"),
    *("risorse umane", "personalabteilung", "personalreferent", "personalleit"),
    *("personalmanag", "personalberat", "personalwesen", "personalentwickl"),
    *("personalsachbearb", "employer brand", "hiring partner", "selection", "rikuruta"),
    *("podbor personala", "人事", "採用", "招聘", "人力资源", "人力資源", "채용", "인사팀"),
)
MANAGING = (
    *("manager", r"\bhead\b", "director", r"\bvp\b", r"\bsvp\b", r"\bevp\b", "vice president"),
    *(r"\bchief\b", *(rf"\bc{x}o\b" for x in "tefoi"), "founder", r"\blead\b", r"\bleader\b"),
    *("principal", r"\bpartner\b", "leiter", "geschaftsfuhr", "vorstand", "directeur"),
    *("directrice", "responsable", r"\bchef\b", "gerente", r"\bjefe\b", "direttore"),
    *("responsabile", r"\bcapo\b", "dyrektor", "kierownik", r"\bleider\b", "johtaja"),
    *("chef d", "rukovoditel", "nachalnik", "direktor"),
    *("部長", "課長", "本部長", "经理", "總監", "总监", "主管", "负责人", "팀장", "부장"),
)

MONTHS = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]


def source_label(importer: str) -> str:
    """How a source is called in reasons: "LinkedIn", "address book", ..."""
    return SOURCE_LABELS.get(importer, importer)


@lru_cache(maxsize=16384)
def role(title: str) -> str:
    """What a title says about the person: "recruiting", "manager" or "peer".

    Recruiters, HR and talent people first (an "HR Director" is recruiting), then hiring
    managers and leads, in several languages; anyone else is a peer.
    """
    if not title:
        return "peer"
    latin = _latin(title)
    for kind, terms in (("recruiting", RECRUITING), ("manager", MANAGING)):
        if latin is not None:
            found = _has_term(latin.lower(), _split_terms(terms))
        else:
            texts = (title, transliterated(title))
            found = any(_compiled(terms).search(text) for text in texts)
        if found:
            return kind
    return "peer"


def _latin(title: str) -> str | None:
    """`title` in ASCII when it is written in Latin letters, accented or not: the text in
    which `role` finds what its patterns would find in the title or in its transliteration
    (an accented letter is a word character that matches no term's ASCII letter, except as
    the letter it transliterates to: tests/test_ranking.py checks every one). Else None."""
    if title.isascii():
        return title
    if not all(char.isascii() or char.isalpha() for char in title):
        return None
    letters = base_letters(title)  # an accented letter's base is an ASCII letter, if ASCII
    return letters if letters.isascii() else None


@cache
def _split_terms(terms: tuple[str, ...]) -> tuple[tuple[str, bool, bool], ...]:
    """(word, boundary before, boundary after) for each ASCII term. A term is plain text but
    for a leading or trailing \\b: other pattern syntax would be searched as text here while
    the regular expression read it as a pattern, so it is refused."""
    split = []
    for term in terms:
        before, after = term.startswith(r"\b"), term.endswith(r"\b")
        word = term[2 if before else 0 : len(term) - 2 if after else len(term)]
        if any(c in word for c in ".^$*+?{}[]|()\\"):
            raise ValueError(f"title term {term!r}: only a \\b at either end may be a pattern")
        if word.isascii():
            split.append((word, before, after))
    return tuple(split)


def _has_term(text: str, terms: tuple[tuple[str, bool, bool], ...]) -> bool:
    """Whether lower-case ASCII `text` holds one of `terms` (from `_split_terms`) where the
    regular expression of the terms would find it."""
    for word, before, after in terms:
        start = text.find(word)
        while start != -1:
            end = start + len(word)
            if not (before and start and _is_word(text[start - 1])) and not (
                after and end < len(text) and _is_word(text[end])
            ):
                return True
            start = text.find(word, start + 1)
    return False


def _is_word(char: str) -> bool:
    """Whether an ASCII character is one that \\b sees as part of a word."""
    return char.isalnum() or char == "_"


@cache
def _compiled(terms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(terms), re.IGNORECASE)


def _date(value: str | date | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def recency(last: date | None, today: date) -> float:
    """How fresh a last message is: 1 today, 0.25 after two years, 0 after six (DotAlign-style).

    75% of the weight decays linearly over two years, 25% over six. Unknown date: 0.5.
    """
    if last is None:
        return 0.5
    years = max(0.0, (today - last).days / 365.25)
    return 0.75 * max(0.0, 1 - years / 2) + 0.25 * max(0.0, 1 - years / 6)


def message_points(sent: int, received: int, last: date | None, today: date) -> float:
    """Up to 35 points: reciprocated messages count fully, one-way ones a quarter; 20
    reciprocated messages reach the maximum; then scaled by `recency`."""
    if sent + received <= 0:
        return 0.0
    both = min(sent, received)
    effective = both + 0.25 * (max(sent, received) - both)
    volume = min(1.0, math.log2(1 + effective) / math.log2(1 + 20))
    return 35 * volume * recency(last, today)


def knows_your_work(contacts: list[dict[str, Any]], colleague: bool) -> bool:
    """Former colleagues, people who endorsed or recommended you, and people you message with
    (messages both ways, or at least three)."""
    if colleague:
        return True
    for c in contacts:
        if c["endorsed_skills"] or c["endorsed_on"] or c["recommended_on"]:
            return True
        sent, received = c["messages_sent"], c["messages_received"]
        if (sent and received) or sent + received >= 3:
            return True
    return False


def what_to_ask(contacts: list[dict[str, Any]], title: str, colleague: bool) -> str:
    """ "status update" from recruiting and HR people and from anyone who does not know your
    work; "endorsement" from the others."""
    return _ask(contacts, role(title), colleague)


def _ask(contacts: list[dict[str, Any]], title_role: str, colleague: bool) -> str:
    if title_role == "recruiting":
        return "status update"
    return "endorsement" if knows_your_work(contacts, colleague) else "status update"


def _month(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def score_and_reasons(
    contacts: list[dict[str, Any]],
    today: date,
    colleague_at: list[tuple[str, str]] | None = None,
) -> tuple[int, list[str]]:
    """The tie-strength score (0-100) and its reasons in plain words.

    `colleague_at` lists (company, your years there) for companies you both worked at.
    One pass over the contacts gathers what the reasons need (this runs once per person
    listed: tens of thousands of times for a crossref).
    """
    points = 0.0
    reasons: list[str] = []
    for company, years in colleague_at or ():
        points += 15
        reasons.append(f"Worked at {company}, as you did" + (f" ({years})" if years else ""))
    recommended = any_skills = phone = birthday = False
    last_recommended = last_endorsed = None
    by_source: dict[str, list[Any]] = {}  # importer -> [sent, received, last], first seen first
    first_since: tuple[date, str] | None = None
    ended = None
    for c in contacts:
        importer = c["importer"]
        value = c["recommended_on"]
        if value:
            recommended = True
            d = _date(value)
            if d and (last_recommended is None or d > last_recommended):
                last_recommended = d
        if c["endorsed_skills"]:
            any_skills = True
        value = c["endorsed_on"]
        if value and (d := _date(value)) and (last_endorsed is None or d > last_endorsed):
            last_endorsed = d
        group = by_source.get(importer)
        if group is None:
            group = by_source[importer] = [0, 0, None]
        group[0] += c["messages_sent"]
        group[1] += c["messages_received"]
        value = c["last_message"]
        if value and (d := _date(value)) and (group[2] is None or d > group[2]):
            group[2] = d
        value = c["since"]
        if value and (d := _date(value)) and (first_since is None or (d, importer) < first_since):
            first_since = (d, importer)
        if not phone and c["phones"] and importer not in CURRENT_EMPLOYER_IMPORTERS:
            phone = True
        if c["birthday"]:
            birthday = True
        if ended is None and c["former"]:
            ended = importer
    if recommended:
        points += 20
        reasons.append(
            "Recommended you" + (f" in {last_recommended.year}" if last_recommended else "")
        )
    skills = _unique(s for c in contacts for s in c["endorsed_skills"]) if any_skills else []
    if skills or last_endorsed:
        points += 15
        shown = skills[:3] + ([f"{len(skills) - 3} more"] if len(skills) > 3 else [])
        text = "Endorsed you" + (f" for {_join(shown)}" if shown else "")
        reasons.append(text + (f" in {last_endorsed.year}" if last_endorsed else ""))
    message_total = 0.0
    for importer, (sent, received, last) in by_source.items():
        if sent + received:
            message_total += message_points(sent, received, last, today)
            n = sent + received
            text = f"{n} {source_label(importer)} message{'s' * (n != 1)}"
            reasons.append(text + (f", the last in {_month(last)}" if last else ""))
    if message_total:
        points += min(35.0, message_total)
    if first_since is not None:
        first, importer = first_since
        years = (today - first).days // 365
        points += min(10, years) if years > 0 else 0
        reasons.append(_since_reason(importer, first))
    if len(by_source) > 1:
        points += min(16, 8 * (len(by_source) - 1))
        labels = [source_label(i) for i in sorted(by_source)]
        reasons.append(f"Known through {_join(labels)}")
    if phone or birthday:
        points += 4 * phone + 6 * birthday
        if phone and birthday:
            reasons.append("You have their phone number and birthday")
        else:
            reasons.append("You have their phone number" if phone else "You have their birthday")
    if ended is not None:
        points -= 10
        reasons.append(f"No longer a {source_label(ended)} contact")
    score = round(points)
    return (0 if score < 0 else 100 if score > 100 else score), reasons


def _since_reason(importer: str, since: date) -> str:
    if importer == "facebook":
        return f"Facebook friend since {since.year}"
    if importer == "linkedin":
        return f"LinkedIn connection since {since.year}"
    if importer == "vcard":
        return f"In your address book since {since.year}"
    return f"{source_label(importer)} contact since {since.year}"


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item.lower() not in {s.lower() for s in seen}:
            seen[item] = None
    return list(seen)


def status_at(
    contacts: list[dict[str, Any]], match_of: Callable[[dict[str, Any]], str | None]
) -> tuple[str, list[dict[str, Any]]] | None:
    """Whether the person is "current" or "former" at the queried company, and the contacts
    that place them there; None when no contact matches.

    - A LinkedIn company is the current one: matched there, current; matched only elsewhere
      (an address book's ORG), former.
    - Without a LinkedIn company, a matching ORG is current.
    - A matching work email alone is current, unless the person has another company on record,
      then former.
    """
    matched = [(c, kind) for c in contacts if (kind := match_of(c))]
    if not matched:
        return None
    by_name = [c for c, kind in matched if kind != "email domain"]
    current_source = [
        c for c in contacts if c["importer"] in CURRENT_EMPLOYER_IMPORTERS and c["company_key"]
    ]
    if current_source:
        here = [c for c in current_source if c in by_name]
        return ("current", here) if here else ("former", by_name or [c for c, _ in matched])
    if by_name:
        return "current", by_name
    elsewhere = [c for c in contacts if c["company_key"]]  # none of them matched by name
    return ("former" if elsewhere else "current"), [c for c, _ in matched]


def best_match(
    contacts: list[dict[str, Any]], match_of: Callable[[dict[str, Any]], str | None]
) -> str:
    """The closest match kind (MATCH_ORDER) among `contacts`; "" when none matches."""
    if len(contacts) == 1:  # most people
        return match_of(contacts[0]) or ""
    kinds = [k for c in contacts if (k := match_of(c))]
    return min(kinds, key=MATCH_ORDER.index) if kinds else ""


def pick_main(contacts: list[dict[str, Any]]) -> dict[str, Any]:
    """The contact whose name and title to show: LinkedIn first, then the richest record."""
    if len(contacts) == 1:
        return contacts[0]
    return max(contacts, key=_main_weight)


def _main_weight(c: dict[str, Any]) -> tuple[bool, int]:
    """LinkedIn first, then how many of name, company, title, emails and phones it has."""
    filled = (c["full_name"], c["company"], c["title"], c["emails"], c["phones"])
    return (c["importer"] in CURRENT_EMPLOYER_IMPORTERS, sum(map(bool, filled)))


def describe(
    contacts: list[dict[str, Any]],
    match_of: Callable[[dict[str, Any]], str | None] | None = None,
    company_name: str = "",
    colleague_at: list[tuple[str, str]] | None = None,
    today: date | None = None,
) -> dict[str, Any] | None:
    """The person object for one person's contacts.

    With `match_of` (contact -> match kind or None) the person is seen for one company and
    None is returned when no contact matches; without it, for their current company.
    """
    today = today or date.today()
    status, here, match = "current", contacts, ""
    if match_of is not None and len(contacts) == 1:  # most people: status_at's rule for one
        match = match_of(contacts[0]) or ""  # contact, and its match asked for only once
        if not match:
            return None
        if match == "email domain" and contacts[0]["company_key"]:
            status = "former"
    elif match_of is not None:
        found = status_at(contacts, match_of)
        if found is None:
            return None
        status, here = found
        match = best_match(here, match_of)
    if len(contacts) == 1:  # most people: one record, nothing to pick or merge
        main = named = current = contacts[0]
        sources = [main["source"]]
        emails = sorted(set(main["emails"])) if main["emails"] else []
        phones = sorted(set(main["phones"])) if main["phones"] else []
        urls = main["profile_urls"]
        profile_url = urls[0] if urls else ""
    else:
        named = pick_main(contacts)
        # `here` and the contacts with a company are `contacts` or a part of it in its order:
        # when all of it, the same pick
        main = named if len(here) == len(contacts) else pick_main(here)
        with_company = [c for c in contacts if c["company"]]
        current = named if len(with_company) in (0, len(contacts)) else pick_main(with_company)
        sources = sorted({c["source"] for c in contacts})
        emails = sorted({e for c in contacts for e in c["emails"]})
        phones = sorted({p for c in contacts for p in c["phones"]})
        profile_url = next(
            (
                u
                for c in sorted(contacts, key=lambda c: c["importer"] != "linkedin")
                for u in c["profile_urls"]
            ),
            "",
        )
    title = main["title"] or (named["title"] if status == "current" and main is not named else "")
    score, reasons = score_and_reasons(contacts, today, colleague_at)
    title_role = role(title)
    person = {
        "name": " ".join((named["full_name"] or main["full_name"]).split()) or unnamed(contacts),
        "company": main["company"] or company_name,
        "title": title,
        "status": status,
        "ask": _ask(contacts, title_role, bool(colleague_at)),
        "role": title_role,
        "score": score,
        "reasons": reasons,
        "sources": sources,
        "emails": emails,
        "phones": phones,
        "profile_url": profile_url,
        "match": match,
        "person_id": contacts[0]["person_id"],
    }
    if status == "former" and current is not main and current["company"]:
        person["now_at"] = current["company"]
    return person


def unnamed(contacts: list[dict[str, Any]]) -> str:
    """What to call a person no source names (an X account, an address-book card with only
    a number): their first e-mail, phone or profile link, in brackets."""
    for key in ("emails", "phones", "profile_urls"):
        for c in contacts:
            if c[key]:
                return f"({c[key][0]})"
    return "(no name)"
