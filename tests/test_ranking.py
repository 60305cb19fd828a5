"""Current or former, what to ask, the tie-strength score and its reasons."""

from __future__ import annotations

from datetime import date

import pytest
from whoknows.ranking import (
    describe,
    message_points,
    recency,
    role,
    score_and_reasons,
    status_at,
    transliterated,
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


def test_transliteration_writes_every_character_as_anyascii_does():
    """Accented Latin letters are spelled without anyascii: the same letters it writes (every
    character with a canonical decomposition lies below U+30000)."""
    from anyascii import anyascii

    for codepoint in range(0x80, 0x30000):
        char = chr(codepoint)
        if not 0xD800 <= codepoint <= 0xDFFF:
            assert transliterated(char) == anyascii(char), hex(codepoint)
    title = "Direktörin für Personalwesen, Zürich 人事"
    assert transliterated(title) == anyascii(title)
    assert transliterated("Ingénieure Ærø") == anyascii("Ingénieure Ærø")


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
