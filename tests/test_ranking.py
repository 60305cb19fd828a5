"""Current or former, what to ask, the tie-strength score and its reasons."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoknows.ranking import (
    MATCH_ORDER,
    describe,
    message_points,
    pick_main,
    recency,
    role,
    score_and_reasons,
    status_at,
    unnamed,
    what_to_ask,
)

TODAY = date(2026, 11, 20)


def contact(importer: str, **fields) -> dict:
    """A contact row as the query reads it from the store."""
    row = {
        "id": 1,
        "person_id": 1,
        "source": importer,
        "importer": importer,
        "full_name": "Ann Lee",
        "company": "",
        "company_key": "",
        "title": "",
        "since": None,
        "former": 0,
        "emails": [],
        "phones": [],
        "profile_urls": [],
        "messages_sent": 0,
        "messages_received": 0,
        "last_message": None,
        "endorsed_skills": [],
        "endorsed_on": None,
        "recommended_on": None,
        "birthday": 0,
        "domains": set(),
    }
    row.update(fields)
    return row


def at_stripe(c: dict) -> str | None:
    if c["company_key"] == "stripe":
        return "exact"
    if "stripe.com" in c["domains"]:
        return "email domain"
    return None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Senior Technical Recruiter", "recruiting"),
        ("Talent Acquisition Partner", "recruiting"),
        ("HR Business Partner", "recruiting"),
        ("Head of People", "recruiting"),
        ("Personalreferentin", "recruiting"),
        ("Chargée de recrutement", "recruiting"),
        ("Responsable RH", "recruiting"),
        ("Reclutadora", "recruiting"),
        ("Responsabile Risorse Umane", "recruiting"),
        ("採用担当", "recruiting"),
        ("Рекрутер", "recruiting"),
        ("Engineering Manager", "manager"),
        ("VP, Engineering", "manager"),
        ("CTO", "manager"),
        ("Teamleiter Entwicklung", "manager"),
        ("Abteilungsleiterin", "manager"),
        ("Directeur technique", "manager"),
        ("Jefe de Proyecto", "manager"),
        ("Gerente de Ingeniería", "manager"),
        ("开发经理", "manager"),
        ("Software Engineer", "peer"),
        ("Softwareentwickler", "peer"),
        ("Data Scientist", "peer"),
        ("Leadership Trainer", "peer"),
        ("", "peer"),
    ],
)
def test_titles_are_classified_in_several_languages(title, expected):
    assert role(title) == expected


def test_linkedin_company_is_current_and_address_book_org_is_earlier():
    linkedin = contact("linkedin", company="Figma", company_key="figma")
    card = contact("vcard", company="Stripe, Inc.", company_key="stripe")
    assert status_at([linkedin, card], at_stripe)[0] == "former"
    linkedin_here = contact("linkedin", company="Stripe", company_key="stripe")
    assert status_at([linkedin_here, card], at_stripe)[0] == "current"


def test_address_book_only_person_is_current_at_org_or_work_email():
    assert status_at([contact("vcard", company="Stripe", company_key="stripe")], at_stripe)[0] == (
        "current"
    )
    emailed = contact("vcard", domains={"stripe.com"}, emails=["ann@stripe.com"])
    assert status_at([emailed], at_stripe)[0] == "current"


def test_a_work_email_from_an_earlier_job_is_former():
    card = contact("vcard", company="Figma", company_key="figma", domains={"stripe.com"})
    assert status_at([card], at_stripe)[0] == "former"


def test_no_match_is_none():
    assert status_at([contact("vcard", company="Figma", company_key="figma")], at_stripe) is None


def test_recruiters_get_status_updates_even_when_they_know_you():
    endorsed = [contact("linkedin", endorsed_skills=["Python"], endorsed_on="2021-05-01")]
    assert what_to_ask(endorsed, "Technical Recruiter", colleague=False) == "status update"
    assert what_to_ask(endorsed, "Software Engineer", colleague=False) == "endorsement"


def test_people_who_know_your_work_get_endorsement_requests():
    stranger = [contact("linkedin")]
    assert what_to_ask(stranger, "Engineer", colleague=False) == "status update"
    assert what_to_ask(stranger, "Engineer", colleague=True) == "endorsement"
    talking = [contact("linkedin", messages_sent=2, messages_received=1)]
    assert what_to_ask(talking, "Engineer", colleague=False) == "endorsement"
    recommended = [contact("linkedin", recommended_on="2019-02-01")]
    assert what_to_ask(recommended, "Engineering Manager", colleague=False) == "endorsement"
    one_message = [contact("linkedin", messages_sent=1)]
    assert what_to_ask(one_message, "Engineer", colleague=False) == "status update"


def test_recency_decays_over_two_and_six_years():
    assert recency(TODAY, TODAY) == pytest.approx(1.0)
    assert recency(date(2025, 11, 20), TODAY) == pytest.approx(0.375 + 0.25 * 5 / 6, abs=0.01)
    assert recency(date(2018, 1, 1), TODAY) == 0.0
    assert recency(None, TODAY) == 0.5


def test_reciprocated_messages_count_more_than_one_way_ones():
    both = message_points(10, 10, TODAY, TODAY)
    one_way = message_points(20, 0, TODAY, TODAY)
    assert both > one_way > 0
    assert message_points(40, 40, TODAY, TODAY) == pytest.approx(35)
    assert message_points(0, 0, TODAY, TODAY) == 0


def test_reasons_are_plain_words():
    contacts = [
        contact(
            "linkedin",
            messages_sent=6,
            messages_received=8,
            last_message="2026-03-14",
            endorsed_skills=["Python"],
            endorsed_on="2021-06-01",
            since="2018-04-02",
        ),
        contact("facebook", since="2014-07-01"),
        contact("vcard", phones=["+14158675309"], birthday=1),
    ]
    score, reasons = score_and_reasons(contacts, TODAY)
    assert "Endorsed you for Python in 2021" in reasons
    assert "14 LinkedIn messages, the last in March 2026" in reasons
    assert "Facebook friend since 2014" in reasons
    assert "Known through Facebook, LinkedIn and address book" in reasons
    assert "You have their phone number and birthday" in reasons
    assert 0 <= score <= 100


def test_score_grows_with_each_signal_and_stays_within_0_100():
    base = [contact("linkedin", since="2024-01-01")]
    weak, _ = score_and_reasons(base, TODAY)
    richer, _ = score_and_reasons([*base, contact("vcard", birthday=1)], TODAY)
    strong, _ = score_and_reasons(
        [
            contact(
                "linkedin",
                since="2010-01-01",
                messages_sent=50,
                messages_received=50,
                last_message="2026-11-01",
                endorsed_skills=["SQL"],
                recommended_on="2020-01-01",
            ),
            contact("vcard", phones=["+1"], birthday=1),
            contact("facebook", since="2009-01-01"),
        ],
        TODAY,
        colleague_at=[("Stripe", "2015–2019")],
    )
    assert weak < richer < strong == 100
    removed, reasons = score_and_reasons([contact("facebook", former=1)], TODAY)
    assert removed == 0
    assert "No longer a Facebook contact" in reasons


def test_describe_builds_the_person_object():
    linkedin = contact(
        "linkedin",
        company="Figma",
        company_key="figma",
        title="Designer",
        profile_urls=["https://www.linkedin.com/in/ann-lee"],
    )
    card = contact(
        "vcard",
        id=2,
        full_name="Lee, Ann",
        company="Stripe, Inc.",
        company_key="stripe",
        title="Engineering Manager",
        emails=["ann@stripe.com"],
    )
    person = describe([linkedin, card], at_stripe, company_name="Stripe", today=TODAY)
    assert person["name"] == "Ann Lee"
    assert person["company"] == "Stripe, Inc."
    assert person["title"] == "Engineering Manager"
    assert person["status"] == "former"
    assert person["now_at"] == "Figma"
    assert person["match"] == "exact"
    assert person["sources"] == ["linkedin", "vcard"]
    assert person["profile_url"] == "https://www.linkedin.com/in/ann-lee"
    assert person["emails"] == ["ann@stripe.com"]
    for key in ("ask", "score", "reasons", "phones", "role"):
        assert key in person
    assert describe([linkedin], at_stripe) is None


def regex_role(title: str) -> str:
    """`role` as the regular expressions alone decide it (in the title and its ASCII
    transliteration): what `role`'s search for Latin-letter titles must agree with."""
    import re

    from whoknows.ascii import transliterated
    from whoknows.ranking import MANAGING, RECRUITING

    if not title:
        return "peer"
    texts = [title] if title.isascii() else [title, transliterated(title)]
    for kind, terms in (("recruiting", RECRUITING), ("manager", MANAGING)):
        pattern = re.compile("|".join(terms), re.IGNORECASE)
        if any(pattern.search(text) for text in texts):
            return kind
    return "peer"


TITLE_PIECES = st.sampled_from(
    [
        *("hr", "HR", "rh", "vp", "VP", "cto", "Cfo", "head", "lead", "Leader", "chef", "chef d"),
        *("people", "people ops", "of", "Head of People", "recruit", "Recruiterin", "talent"),
        *("human resources", "manager", "partner", "Partnerin", "jefe", "capo", "_", "-", "/"),
        *(" ", "  ", ",", ".", "&", "(", "2", "é", "É", "ñ", "ü", "ı", "ſ", "K", "İ", "Å"),
        *("ß", "ø", "–", "’", "人事", "部長", "經", "Рекрутер", "ﬁ", "ǅ", "x", "e", "a"),
    ]
)


@given(st.lists(TITLE_PIECES, max_size=8))
def test_titles_are_classified_as_the_regular_expressions_classify_them(pieces):
    """`role` searches Latin-letter titles without the regular expressions: the same answer."""
    title = "".join(pieces)
    role.cache_clear()
    assert role(title) == regex_role(title)


@pytest.mark.parametrize(
    "title",
    [
        "Chargée de recrutement",
        "Ingénieure logiciel",
        "Gerente de Ingeniería",
        "Directeur Général",
        "Jefe de Recursos Humanos",
        "Diretor de Operações",
        "Leiter Personalentwicklung",
        "Teamleiter Qualität",
        "Søftware Engineer",
        "HR–Partner",
        "Head of People’s Team",
        "ſenior recruiter",
        "Rekrytering ıT",
        "人事部長",
        "Рекрутер",
        "cto_",
        "CTO2",
        "le chef-d'équipe",
    ],
)
def test_accented_and_other_titles_agree_with_the_regular_expressions(title):
    role.cache_clear()
    assert role(title) == regex_role(title)


def test_a_latin_title_needs_no_regular_expression():
    from whoknows import ranking

    role.cache_clear()
    ranking._compiled.cache_clear()
    assert role("Chargée de recrutement") == "recruiting"
    assert role("Gerente de Ingeniería") == "manager"
    assert role("Ingénieure logiciel") == "peer"
    assert role("VP, Engineering") == "manager"
    assert ranking._compiled.cache_info().currsize == 0
    assert role("采用经理") == "manager"  # other scripts: the regular expressions
    assert ranking._compiled.cache_info().currsize > 0


def test_accented_letters_match_terms_only_as_their_transliteration():
    """Why `role` may search a Latin title's transliteration alone: every non-ASCII letter
    that transliterates to ASCII letters matches an ASCII letter of a term (case-insensitive,
    as `re` compares) only as the letter it transliterates to; and no term holds such a
    letter (the other terms are Chinese, Japanese or Korean)."""
    import _sre
    import sys
    import unicodedata
    from re._casefix import _EXTRA_CASES

    from whoknows.ranking import MANAGING, RECRUITING

    checked = 0
    for code in range(128, sys.maxunicode + 1):
        char = chr(code)
        if not char.isalpha():
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        )
        if not (base.isascii() and base.isalpha()):
            continue
        checked += 1
        lower = _sre.unicode_tolower(code)
        assert lower >= 128 or chr(lower) == base.lower(), char
        assert all(other >= 128 for other in _EXTRA_CASES.get(lower, ())), char
    assert checked > 400
    for term in RECRUITING + MANAGING:
        for char in term:
            assert char.isascii() or unicodedata.name(char).startswith(("CJK", "HANGUL")), term


class GeneralRules(list):
    """A list of contacts that tells `len()` it holds several, so that `status_at`, `best_match`,
    `pick_main` and `describe` take their general branches on a single contact."""

    def __len__(self) -> int:
        return 2


def any_match(kind: str | None):
    """A `match_of` giving every contact the match kind `kind` (None: no match)."""
    return lambda c: kind


one_contact = st.builds(
    contact,
    importer=st.sampled_from(["linkedin", "vcard", "facebook", "x"]),
    full_name=st.sampled_from(["Ann Lee", "  Ann   Lee ", ""]),
    company=st.sampled_from(["", "Stripe, Inc.", "Figma"]),
    title=st.sampled_from(["", "Engineer", "Technical Recruiter", "VP Engineering"]),
    former=st.sampled_from([0, 1]),
    since=st.sampled_from([None, "2019-03-01"]),
    emails=st.lists(st.sampled_from(["ann@stripe.com", "ann@gmail.com"]), max_size=3),
    phones=st.lists(st.sampled_from(["+1 415 555 0100", "+44 20 7946 0000"]), max_size=2),
    profile_urls=st.lists(
        st.sampled_from(["https://www.linkedin.com/in/ann-lee", "https://x.com/annlee"]),
        max_size=2,
    ),
    messages_sent=st.integers(0, 3),
    messages_received=st.integers(0, 3),
    last_message=st.sampled_from([None, "2026-01-15"]),
    endorsed_skills=st.lists(st.sampled_from(["Python", "SQL"]), max_size=2, unique=True),
    recommended_on=st.sampled_from([None, "2024-05-02"]),
    birthday=st.sampled_from([0, 1]),
)


@settings(max_examples=300, deadline=None)
@given(
    one=one_contact,
    company_key=st.sampled_from(["", "stripe", "figma"]),
    kind=st.sampled_from([None, *MATCH_ORDER]),
    for_company=st.booleans(),
)
def test_one_contact_is_described_as_the_general_rules_describe_it(
    one, company_key, kind, for_company
):
    """`describe` places and describes a person with one contact itself (most people, tens of
    thousands in a crossref): it must give what the general rules (`status_at`, `best_match`,
    `pick_main`) give on that contact."""
    one["company_key"] = company_key
    match_of = any_match(kind) if for_company else None
    fast = describe([one], match_of, company_name="Stripe", today=TODAY)
    general = describe(GeneralRules([one]), match_of, company_name="Stripe", today=TODAY)
    assert fast == general


@settings(max_examples=300, deadline=None)
@given(
    contacts=st.lists(one_contact, min_size=2, max_size=4),
    keys=st.lists(st.sampled_from(["", "stripe", "figma"]), min_size=4, max_size=4),
    kinds=st.lists(st.sampled_from([None, *MATCH_ORDER]), min_size=4, max_size=4),
)
def test_who_is_shown_is_picked_among_the_contacts_that_place_them(contacts, keys, kinds):
    """`describe` shows the pick of all the contacts when the ones that place the person at
    the company (`status_at`) or the ones with a company are all of them: it relies on those
    being a part of the contacts in their order."""
    for n, c in enumerate(contacts):
        c["id"], c["company_key"] = n, keys[n]
    kind_of = {n: kinds[n] for n in range(len(contacts))}

    def match_of(c):
        return kind_of[c["id"]]

    found = status_at(contacts, match_of)
    person = describe(contacts, match_of, company_name="Stripe", today=TODAY)
    assert (found is None) == (person is None)
    if found is None:
        return
    status, here = found
    positions = [next(i for i, c in enumerate(contacts) if c is h) for h in here]
    assert positions == sorted(set(positions))
    main = pick_main(here)
    named = pick_main(contacts)
    shown = main["title"] or (named["title"] if status == "current" and main is not named else "")
    assert person["title"] == shown
    assert person["company"] == (main["company"] or "Stripe")
    name = " ".join((named["full_name"] or main["full_name"]).split())
    assert person["name"] == (name or unnamed(contacts))
    current = pick_main([c for c in contacts if c["company"]] or contacts)
    if status == "former" and current is not main and current["company"]:
        assert person["now_at"] == current["company"]
    else:
        assert "now_at" not in person


def test_where_someone_is_now_is_picked_among_their_contacts_with_a_company():
    """A Stripe email on the fullest record (no company) places them at Stripe before; the
    card at Figma, the only record with a company, says where they are now."""
    friend = contact(
        "facebook",
        id=1,
        emails=["ann@stripe.com"],
        phones=["+1 415 555 0100"],
        domains={"stripe.com"},
    )
    card = contact("vcard", id=2, full_name="Ann", company="Figma", company_key="figma")
    person = describe([friend, card], at_stripe, company_name="Stripe", today=TODAY)
    assert (person["name"], person["status"], person["match"]) == (
        "Ann Lee",
        "former",
        "email domain",
    )
    assert person["now_at"] == "Figma"


def test_title_terms_are_plain_words_so_the_fast_search_reads_them_as_the_pattern_does():
    """`role` searches Latin titles for the terms as text; a term with pattern syntax (other
    than \\b at either end) would be read differently by the regular expression: refused."""
    from whoknows.ranking import MANAGING, RECRUITING, _split_terms

    assert _split_terms(RECRUITING) and _split_terms(MANAGING)  # every shipped term is plain
    with pytest.raises(ValueError, match="only a"):
        _split_terms((r"\bc[tefoi]o\b",))
