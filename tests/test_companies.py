"""Company-name normalisation: the same company spelled differently gets one key; others do not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoknows.companies import (
    company_key,
    company_words,
    domain_labels,
    initials,
    looks_like_initialism,
    name_labels,
    registrable_domain,
)

SAME = [
    # legal forms of many countries, with and without punctuation
    ("Stripe", ["Stripe, Inc.", "STRIPE INC", "stripe inc.", "Stripe Incorporated", "Stripe, LLC"]),
    ("SAP", ["SAP SE", "SAP AG"]),
    ("Siemens", ["Siemens AG", "Siemens Aktiengesellschaft"]),
    ("Halvorsen & Berg", ["Halvorsen and Berg GmbH & Co. KG", "Halvorsen + Berg GmbH"]),
    ("Nokia", ["Nokia Oyj", "Nokia Oy"]),
    ("Volvo", ["Volvo AB (publ)", "Volvo AB"]),
    ("Fiat", ["Fiat S.p.A.", "FIAT SpA", "Fiat S.P.A."]),
    ("Adyen", ["Adyen N.V.", "Adyen NV", "Adyen B.V."]),
    (
        "Sony",
        ["Sony K.K.", "Sony Co., Ltd.", "Sony Co Ltd", "ソニー株式会社".replace("ソニー", "Sony")],
    ),
    ("Atlassian", ["Atlassian Pty Ltd", "Atlassian Pty. Ltd.", "Atlassian Pty Limited"]),
    ("Infosys", ["Infosys Pvt. Ltd.", "Infosys Private Limited", "Infosys Limited"]),
    ("Barclays", ["Barclays PLC", "Barclays p.l.c.", "Barclays Plc"]),
    ("Nordwind", ["Nordwind Sp. z o.o.", "Nordwind sp. z o.o."]),
    ("Lumière Conseil", ["Lumiere Conseil SAS", "LUMIÈRE CONSEIL S.A.S.", "Lumière Conseil SA"]),
    ("Grünwald Technik", ["Grunwald Technik GmbH", "GRÜNWALD TECHNIK GMBH"]),
    ("Goldman Sachs", ["Goldman Sachs & Co. LLC", "The Goldman Sachs"]),
    # "The", notes, remarks and departments
    ("Boston Consulting Group", ["The Boston Consulting Group, Inc."]),
    ("Meta", ["Meta (formerly Facebook)", "Meta, formerly Facebook", "Meta [EMEA]"]),
    ("Amazon Web Services", ["Amazon Web Services (AWS)", "Amazon Web Services, Inc."]),
    (
        "Google",
        ["Google - Engineering", "Google | Cloud team", "Google – Sales", "Google, Research"],
    ),
    ("Acme", ["Acme; Engineering", "Acme, a Siemens company", "Acme Corp."]),
    # punctuation, case, accents, web names, initials written with dots
    ("McDonald's", ["McDonalds", "MCDONALD'S CORPORATION"]),
    ("Salesforce", ["Salesforce.com, Inc.", "salesforce.com", "Sales Force"]),
    ("JP Morgan", ["J.P. Morgan", "J. P. Morgan", "JPMorgan"]),
    ("IBM", ["I.B.M.", "IBM Corp", "I B M"]),
    ("AT&T", ["AT & T Inc.", "AT&T", "at&t inc"]),
    ("P&G", ["P & G", "P+G"]),
    ("Nestlé", ["Nestle S.A.", "NESTLÉ"]),
    ("Sony", ["Ｓｏｎｙ"]),  # full-width letters
]


@pytest.mark.parametrize(("name", "variants"), SAME)
def test_spellings_of_one_company_share_a_key(name, variants):
    for variant in variants:
        assert company_key(variant) == company_key(name), variant


DIFFERENT = [
    ("Meta", ["Metabase, Inc.", "Metaview Ltd", "MetaLab Ltd.", "Meta Robotics"]),
    ("Apple", ["Applied Materials, Inc.", "Pineapple Labs Ltd", "Apple Leisure Group"]),
    ("Google", ["Googler Labs", "Google Cloud"]),
    ("Stripe", ["Stripes Group LLC", "Pinstripe Inc.", "Strupe"]),
    ("Data Corp", ["Data Solutions", "Data Group"]),
    ("Bain & Company", ["Bain Capital, LP"]),
    ("Deutsche Bank", ["Deutsche Börse AG", "Deutsche Bahn AG"]),
    ("ABC", ["A-B-C Company Robotics"]),
]


@pytest.mark.parametrize(("name", "others"), DIFFERENT)
def test_look_alikes_get_different_keys(name, others):
    for other in others:
        assert company_key(other) != company_key(name), other


def test_legal_forms_never_leave_nothing():
    assert company_key("The Limited") == "limited"
    assert company_key("Company") == "company"
    assert company_key("Ltd") == "ltd"
    assert company_key("Co., Ltd.") != ""


def test_and_co_leaves_no_dangling_and():
    assert company_words("Goldman Sachs & Co.") == ("goldman", "sachs")
    assert company_words("Smith & Co") == ("smith",)


def test_initials_joined_by_hyphens_are_one_word():
    assert company_key("A-B-C Company") == "abc"
    assert company_key("A.B.C. Ltd") == "abc"


def test_empty_and_blank_names():
    assert company_key("") == ""
    assert company_key("   ") == ""
    assert company_words("") == ()


def test_non_latin_names_are_transliterated_and_lose_legal_forms():
    assert company_key("华为技术有限公司") == company_key("华为技术")
    assert company_key("株式会社トヨタ") == company_key("トヨタ")
    assert company_key("ООО Яндекс") == company_key("Яндекс")


def test_initials_come_from_the_words():
    assert "ibm" in initials("International Business Machines Corporation")
    assert "pg" in initials("The Procter & Gamble Company")
    assert "abc" in initials("American Broadcasting Company")
    assert {"ba", "boa"} <= initials("Bank of America")
    assert initials("Stripe, Inc.") == set()  # one word: no initials
    assert "si" not in initials("Stripe, Inc.")


def test_what_looks_like_an_initialism():
    assert looks_like_initialism("IBM")
    assert looks_like_initialism("P&G")
    assert looks_like_initialism("kpmg")
    assert not looks_like_initialism("Procter & Gamble")
    assert not looks_like_initialism("X")
    assert not looks_like_initialism("H2O")
    assert looks_like_initialism("I.B.M.")
    assert looks_like_initialism("ntg")  # no vowels: not a word
    assert not looks_like_initialism("Arm")  # an ordinary word, as typed
    assert looks_like_initialism("ARM")


def test_registrable_domains():
    assert registrable_domain("mail.eng.ibm.com") == "ibm.com"
    assert registrable_domain("bbc.co.uk") == "bbc.co.uk"
    assert registrable_domain("news.bbc.co.uk") == "bbc.co.uk"
    assert registrable_domain("canva.com.au") == "canva.com.au"


def test_domain_labels_name_the_company_a_domain_is_for():
    assert domain_labels("northwind-traders.co.uk") == {"northwindtraders"}
    assert "acme" in domain_labels("acme-de.de")
    assert "datadog" in domain_labels("datadoghq.com")
    assert "acme" in domain_labels("getacme.com")
    assert "acme" not in domain_labels("acme-ai.com")  # "ai" is no country code
    assert "acme" not in domain_labels("acmebase.com")
    assert "halvorsenberg" in name_labels("Halvorsen & Berg GmbH")


@given(st.text(max_size=40))
def test_any_text_gives_a_key_without_crashing(text):
    key = company_key(text)
    assert key == company_key(key) or key.isalnum() or key == ""
    assert " " not in key


PLAIN_WORDS = st.sampled_from(
    ["acme", "a", "b", "c", "co", "inc", "the", "and", "group", "of", "formerly", "fka", "x2", "7"]
)


@given(st.lists(st.one_of(PLAIN_WORDS, st.text("abcABC019 ", max_size=6)), max_size=6))
def test_plain_names_are_folded_as_the_patterns_fold_them(words):
    """`_plain_words` (letters, digits and spaces, without the patterns) agrees with the
    general path of `_folded_words` wherever it answers."""
    from whoknows import companies

    name = " ".join(words)
    plain = companies._plain_words(name)
    if plain is not None:
        companies._folded_words.cache_clear()
        general = companies._folded_words.__wrapped__
        original = companies._plain_words
        try:
            companies._plain_words = lambda name: None
            assert plain == general(name)
        finally:
            companies._plain_words = original


def test_patterns_are_compiled_only_for_names_that_need_them():
    """A plain name (most names, and most queries) is keyed without compiling any pattern;
    a name with notes, remarks, a department or a web suffix compiles those it uses, which
    match as before (case-insensitive where they were)."""
    from whoknows import companies

    companies._pattern.cache_clear()
    companies._folded_words.cache_clear()
    company_words.cache_clear()
    assert company_key("Acme Robotics") == "acmerobotics"
    assert company_key("ACME robotics Inc") == "acmerobotics"
    assert companies._pattern.cache_info().currsize == 0
    assert company_key("Acme Robotics (EMEA), FORMERLY Foo - Sales") == "acmerobotics"
    assert company_key("Acme Robotics, A Siemens Company") == "acmerobotics"
    assert company_key("AcmeRobotics.COM") == "acmerobotics"
    assert company_key("P & G") == company_key("P&G") == "pg"
    assert companies._pattern.cache_info().currsize >= 5
