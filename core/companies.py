"""Company names: from what people typed to a key that compares equal for the same company.

`company_key("Meta Platforms, Inc. (formerly Facebook)")` is ``"metaplatforms"``. The key is made
once at import time and again for the query, so matching is an index lookup. The rules are in
docs/matching.md; in short, in this order:

1. bracketed notes, "formerly ..." remarks and departments after a separator are dropped;
2. accents and other scripts are transliterated (anyascii), case is folded;
3. ``&`` and ``+`` become "and", except between single letters ("P&G", "AT&T" stay initials);
4. apostrophes and dots inside words go ("McDonald's", "I.B.M.", "Amazon.com");
5. a leading "The" and legal forms of many countries at the end ("Inc", "GmbH", "S.p.A.",
   "Pty Ltd", "& Co.") are removed, never leaving nothing;
6. the remaining words are joined without spaces, so "Sales Force" and "Salesforce" agree.

Generic words such as "Group", "Labs" or "Solutions" are kept: stripping them makes different
companies collide ("Data Solutions" and "Data Corp").
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from whoknows.ascii import transliterated

# Legal forms, as lower-case words after punctuation is removed, one region per line. A form is
# removed only as whole words at the end of a name ("Acme Holdings Co., Ltd." -> acme holdings).
LEGAL_FORMS_TEXT = """
inc, incorporated, corp, corporation, co, company, cos, companies, ltd, limited, llc, l l c,
llp, l l p, lp, l p, lllp, plc, p l c, pllc, pc, p c, ulc, na, n a, pty, pty ltd,
proprietary limited, pte, pte ltd, pvt, pvt ltd, private limited, public limited company,
limited liability company, limited liability partnership, limited partnership, co ltd, ltd co,
and co, and company, corp ltd
gmbh, mbh, ag, kg, kgaa, ohg, gbr, ug, ug haftungsbeschrankt, ek, e k, ev, e v, eg, se,
gmbh and co kg, ag and co kg, se and co kg, gmbh and co, aktiengesellschaft,
gesellschaft mit beschrankter haftung, kommanditgesellschaft, ges m b h, gesmbh
sa, s a, sas, s a s, sasu, sarl, s a r l, sa rl, eurl, sca, scs, snc, sc, scop, et cie, and cie,
cie, societe anonyme, sl, s l, slu, sau, s a u, sociedad anonima, sociedad limitada, ltda, lda,
s a de c v, sa de cv, s de rl de cv, s de r l, s de rl, sapi de cv, cv, eireli, spa, s p a, srl,
s r l, srls, sapa, societa per azioni, scarl
nv, n v, bv, b v, bvba, cvba, sprl, scrl, vof, naamloze vennootschap, besloten vennootschap
ab, ab publ, publ, aktiebolag, oy, oyj, osakeyhtio, as, a s, asa, aps, amba, a m b a, ou, uab,
sia, hf, ehf, aksjeselskap, aktieselskab
sp z o o, sp z oo, spzoo, sp zoo, sro, s r o, spol s r o, kft, zrt, nyrt, doo, d o o, d d,
ood, eood,
jsc, pjsc, ojsc, cjsc, ooo, oao, zao, pao, ao, tov, ltd sti, sti, anonim sirketi, epe, ike
kk, k k, kabushiki kaisha, kabushikigaisha, gk, godo kaisha, yk, yugen kaisha, sdn bhd, bhd,
berhad, tbk, pt tbk, opc, pcl, public company limited
"""
LEGAL_FORMS = [
    form.strip() for form in LEGAL_FORMS_TEXT.replace("\n", ",").split(",") if form.strip()
]
LEADING_LEGAL_FORMS = ["pt", "ooo", "oao", "zao", "pao", "ao", "jsc", "pjsc", "cv", "tov", "the"]

# Legal forms written in scripts that transliterate poorly; removed before transliteration.
NON_LATIN_LEGAL_FORMS = [
    *("株式会社", "有限会社", "合同会社", "股份有限公司", "有限责任公司", "有限公司", "集团公司"),
    *("(株)", "㈱", "주식회사", "(주)", "㈜", "유한회사", "ООО", "ОАО", "ЗАО", "ПАО", "АО"),
]

HOLDING_WORDS = frozenset(
    {"group", "groep", "gruppe", "groupe", "grupo", "gruppo", "grupa", "holding", "holdings"}
)
"""Words that name a group of companies: "Vodafone Group Plc" is Vodafone when alias data
knows Vodafone (only then: "Data Group" and "Data Corp" stay apart)."""

INITIAL_FORMS = frozenset({"company", "corporation", "incorporated", "limited"})
"""Legal forms that may count in initials: "American Broadcasting Company" is "ABC"."""

STOP_WORDS = frozenset({"and", "of", "the", "for", "de", "la", "le", "du", "der", "die", "das"})
"""Words that initials skip: "Bank of America" is "BoA" or "BA", never "BOA"."""

# The patterns, compiled when first used (`_pattern`): most names never need them (see
# `_plain_words` and the `_may_have_*` tests), and compiling them all costs every query ~3 ms.
_BRACKETS = r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}"
_UNCLOSED = r"[(\[{].*$"
_REMARK = (
    r"(?i)(?:[,\s]\s*(?:formerly|previously|fka|f/k/a)\b"
    r"|,\s*(?:prev|aka|a/k/a|now|part of|acquired by|subsidiary of|division of|an? \S.* company)\b"
    r").*$"
)
_DEPARTMENT = r"\s+[-–—|·•:/]\s+.*$|\s*[;|·•]\s*.*$|\s+[–—]\s*.*$"
_WEB_SUFFIX = r"(?i)(?<=\w)\.(?:com|net|org|io|co\.uk|co|de)\b"
_AMP_INITIALS = r"\b([a-z]{1,2})(?:\s*[&+]\s*|\s+and\s+)([a-z]{1,2})\b"
_DOT_IN_WORD = r"(?<=\w)[.'’`´](?=\w)"
_NON_WORD = r"[^a-z0-9]+"


@cache
def _pattern(pattern: str) -> re.Pattern[str]:
    """`pattern` compiled, once."""
    return re.compile(pattern)


def _phrase_set(phrases: list[str]) -> list[tuple[str, ...]]:
    unique = {tuple(p.split()) for p in phrases}
    return sorted(unique, key=len, reverse=True)


_TRAILING: dict[str, list[tuple[str, ...]]] = {}
"""Legal forms by their last word, longest first."""
for _phrase in _phrase_set(LEGAL_FORMS):
    _TRAILING.setdefault(_phrase[-1], []).append(_phrase)
_LEADING = _phrase_set(LEADING_LEGAL_FORMS)
_LEADING_FIRST = frozenset(phrase[0] for phrase in _LEADING)


def clean_display(name: str) -> str:
    """The name as typed, with surrounding whitespace and doubled spaces removed."""
    return " ".join((name or "").split())


def _strip_notes(name: str) -> str:
    """Drop bracketed notes, "formerly ..." remarks and a department after a separator."""
    text = name
    if _may_have_brackets(text):
        for _ in range(3):
            stripped = _pattern(_BRACKETS).sub(" ", text)
            if stripped == text:
                break
            text = stripped
        text = _pattern(_UNCLOSED).sub(" ", text)
    if _may_have_remark(text):
        text = _pattern(_REMARK).sub("", text)
    if _may_have_department(text):
        text = _pattern(_DEPARTMENT).sub("", text)
    head, comma, rest = text.partition(",")
    if comma and head.strip() and not _only_legal_forms(rest):
        text = head  # "Stripe, Engineering": a department after a comma
    return text if text.strip() else name


# Quick tests that say when a pattern above cannot match, so most names skip the regular
# expressions; text that is not ASCII always goes through those that match more than ASCII.
def _may_have_brackets(text: str) -> bool:
    return "(" in text or "[" in text or "{" in text


def _may_have_remark(text: str) -> bool:
    if not text.isascii() or "," in text:
        return True
    lower = text.lower()
    return "formerly" in lower or "previously" in lower or "fka" in lower or "f/k/a" in lower


def _may_have_department(text: str) -> bool:
    return not text.isascii() or any(c in text for c in "-|:/;")


def _only_legal_forms(text: str) -> bool:
    """Whether `text` is nothing but legal forms (", Inc.", ", S.A.", ", Co., Ltd.")."""
    words = _join_single_letters(
        _pattern(_NON_WORD).sub(" ", _pattern(_DOT_IN_WORD).sub("", _fold(text))).split()
    )
    return not words or _drop_trailing(["x", *words]) == ["x"]


def _fold(text: str) -> str:
    """Transliterate to ASCII and lower-case (NFKC has folded full-width forms already)."""
    if text.isascii():
        return text.lower()
    for form in NON_LATIN_LEGAL_FORMS:
        if form in text and text.replace(form, "").strip():
            text = text.replace(form, " ")
    return transliterated(text).lower()


def _drop_leading(words: list[str]) -> list[str]:
    if not words or words[0] not in _LEADING_FIRST:
        return words
    for phrase in _LEADING:
        n = len(phrase)
        if len(words) > n and tuple(words[:n]) == phrase:
            return words[n:]
    return words


def _drop_trailing(words: list[str]) -> list[str]:
    """Remove legal forms from the end, repeatedly ("Foo Holdings Co., Ltd."), never all words."""
    changed = True
    while changed:
        changed = False
        for phrase in _TRAILING.get(words[-1], ()) if words else ():
            n = len(phrase)
            if len(words) > n and tuple(words[-n:]) == phrase:
                words = words[:-n]
                changed = True
                break
        if len(words) > 1 and words[-1] == "and":
            words = words[:-1]
            changed = True
    return words


def _raw_words(name: str, keep_the: bool = False) -> list[str]:
    """Folded words before legal forms (and, unless `keep_the`, a leading "The") are removed."""
    words = list(_folded_words(name))
    return words if keep_the else _drop_leading(words)


@lru_cache(maxsize=16384)
def _folded_words(name: str) -> tuple[str, ...]:
    """`_raw_words` with a leading "The", cached: keys, initials and the index all need them."""
    plain = _plain_words(name)
    if plain is not None:
        return plain
    from unicodedata import normalize  # a library to load: not for the plain names above

    text = normalize("NFKC", name)
    text = _strip_notes(text)
    if "." in text:
        text = _pattern(_WEB_SUFFIX).sub("", text)
    text = _fold(text)
    if "&" in text or "+" in text or "and" in text:
        for _ in range(2):  # twice for "a & b & c"
            text = _pattern(_AMP_INITIALS).sub(r"\1\2", text)
        text = text.replace("&", " and ").replace("+", " and ")
    if not text.isascii() or any(c in text for c in ".'`"):  # _fold leaves ASCII
        text = _pattern(_DOT_IN_WORD).sub("", text)
    return tuple(_join_single_letters(_pattern(_NON_WORD).sub(" ", text).split()))


_PLAIN_STOPS = frozenset({"and", "formerly", "previously", "fka"})
"""Words that the patterns of `_folded_words` act on even between letters, digits and spaces."""


def _plain_words(name: str) -> tuple[str, ...] | None:
    """`_folded_words` of a name of ASCII letters, digits and spaces (most names), without the
    patterns: none of them can change it unless one of `_PLAIN_STOPS` is a word. Else None."""
    if not name.isascii():
        return None
    text = name.lower()
    if not text.replace(" ", "").isalnum():
        return None
    words = text.split()
    if not _PLAIN_STOPS.isdisjoint(words):
        return None
    return tuple(_join_single_letters(words))


@lru_cache(maxsize=16384)
def company_words(name: str) -> tuple[str, ...]:
    """The normalised words of a company name: "The Procter & Gamble Co." -> procter and gamble."""
    if not name or not name.strip():
        return ()
    return tuple(_drop_trailing(_raw_words(name)))


def _join_single_letters(words: list[str]) -> list[str]:
    """Runs of single letters are one word: "a b c" (from "A-B-C") is "abc"."""
    out: list[str] = []
    run = ""
    for word in words:
        if len(word) == 1 and word.isalpha():
            run += word
            continue
        if run:
            out.append(run)
            run = ""
        out.append(word)
    if run:
        out.append(run)
    return out


def company_key(name: str) -> str:
    """The key two spellings of the same company share; "" for an empty name."""
    return "".join(company_words(name))


def initials(name: str, with_the: bool = False) -> set[str]:
    """Initialisms the name answers to: "International Business Machines Corp." -> {"ibm", ...}.

    Only names of two or more words (legal forms removed) have initials. They are taken from
    the words without the legal form, and with it ("American Broadcasting Company" is "ABC");
    "of", "de" and "the" may count or not ("Bank of America" is "BA" or "BOA"); "and" never
    does ("P&G"). A leading "The" may count for names of three words or more ("The Boston
    Consulting Group" is "TBCG"). With `with_the` (the legal names in alias data) "The" always
    may, and so may the legal form ("JPMorgan Chase & Co." is "JCC").
    """
    words = list(company_words(name))
    if len(words) < 2:
        return set()
    variants = [words]
    raw = _raw_words(name)
    if len(raw) > len(words) and raw[len(words)] in INITIAL_FORMS:
        variants.append([*words, raw[len(words)]])
    full = _raw_words(name, keep_the=True)
    if full and full[0] == "the" and (with_the or len(words) >= 3):
        variants.append(["the", *words])
    if with_the:
        variants.append(full)
    found: set[str] = set()
    for ws in variants:
        for skip in (STOP_WORDS, {"and"}):
            letters = [w[0] for w in ws if w not in skip]
            if len(letters) >= 2:
                found.add("".join(letters))
    found.discard(company_key(name))
    return found


def without_holding(name: str) -> str:
    """The key without a leading or trailing group word ("ING Groep N.V." -> "ing"); "" if none."""
    words = list(company_words(name))
    if len(words) > 1 and words[-1] in HOLDING_WORDS:
        return "".join(words[:-1])
    if len(words) > 1 and words[0] in HOLDING_WORDS:
        return "".join(words[1:])
    return ""


def holding_forms(key: str) -> set[str]:
    """Keys of the same company written with a group word: vodafone -> vodafonegroup, ..."""
    return {key + word for word in HOLDING_WORDS} | {word + key for word in HOLDING_WORDS}


def looks_like_initialism(query: str) -> bool:
    """Whether a query is written as an initialism: one word of 2 to 6 letters, in capitals,
    with dots or "&", or without vowels ("IBM", "I.B.M.", "P&G", "kpmg"); not "Arm" or "box".
    """
    words = company_words(query)
    if len(words) != 1 or not 2 <= len(words[0]) <= 6 or not words[0].isalpha():
        return False
    letters = [c for c in query if c.isalpha()]
    capitals = all(c.isupper() for c in letters)
    return capitals or any(c in query for c in ".&+") or not set(words[0]) & set("aeiouy")


# Second-level labels under which a registrable domain has three labels (bbc.co.uk).
SECOND_LEVEL = {"co", "com", "ac", "org", "net", "gov", "edu", "ne", "or", "go", "gob", "nic"}
COUNTRY_CODES = frozenset(
    "us uk gb de fr nl es it se dk no fi ch at be ie in au ca jp pl br mx pt cz sg hk cn kr".split()  # noqa: SIM905
)
DOMAIN_PREFIXES = ("get", "try", "join", "use", "hello", "meet")
DOMAIN_SUFFIXES = ("hq", "inc", "app", "corp", "group", "global", "team")


def registrable_domain(domain: str) -> str:
    """The part of a domain an organisation registers: mail.eng.ibm.com -> ibm.com, bbc.co.uk."""
    labels = domain.lower().strip(".").split(".")
    if len(labels) >= 3 and labels[-2] in SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def domain_labels(domain: str) -> set[str]:
    """Company keys a work domain may be named after.

    The registrable name part, hyphens removed, and the same without a country code
    ("acme-de.de"), a common prefix ("getacme.com") or suffix ("acmehq.com"):
    ``domain_labels("northwind-traders.co.uk") == {"northwindtraders"}``.
    """
    parts = registrable_domain(domain).split(".")[0].split("-")
    forms = {"".join(parts)}
    if len(parts) > 1 and parts[-1] in COUNTRY_CODES:
        forms.add("".join(parts[:-1]))
    for form in list(forms):
        for prefix in DOMAIN_PREFIXES:
            if form.startswith(prefix) and len(form) - len(prefix) >= 3:
                forms.add(form[len(prefix) :])
        for suffix in DOMAIN_SUFFIXES:
            if form.endswith(suffix) and len(form) - len(suffix) >= 3:
                forms.add(form[: -len(suffix)])
    return {f for f in forms if f}


def name_labels(name: str) -> set[str]:
    """How a domain would spell this company: its key, also without "and", "of", "the"."""
    words = company_words(name)
    forms = {"".join(words), "".join(w for w in words if w not in STOP_WORDS)}
    return {f for f in forms if f}
