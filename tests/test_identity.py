"""Identity keys and merging: the same person once, different people never on a name alone."""

from __future__ import annotations

import dataclasses
from datetime import date

from conftest import build_store
from hypothesis import example, given, settings
from hypothesis import strategies as st
from whoknows import Contact
from whoknows.identity import (
    contact_keys,
    fold_email,
    is_free_mail,
    link,
    linkedin_slug,
    name_keys,
    phone_key,
    work_domains,
    x_handle,
)


def test_emails_fold_gmail_dots_and_tags():
    assert fold_email("Ann.Lee+jobs@GoogleMail.com") == "annlee@gmail.com"
    assert fold_email("a.n.n.lee@gmail.com") == "annlee@gmail.com"
    assert fold_email("ann.lee+x@stripe.com") == "ann.lee@stripe.com"  # dots kept off Gmail
    assert fold_email("mailto:<Ann@Stripe.com>") == "ann@stripe.com"
    assert fold_email("not an address") is None
    assert fold_email("ann@localhost") is None


def test_free_mail_places_nobody():
    for domain in ("gmail.com", "outlook.com", "proton.me", "gmx.de", "hey.com", "yahoo.co.jp"):
        assert is_free_mail(domain), domain
    assert not is_free_mail("stripe.com")
    assert work_domains("ann@gmail.com") == []
    assert work_domains("ann@eng.stripe.com") == ["eng.stripe.com", "stripe.com"]
    assert work_domains("ann@bbc.co.uk") == ["bbc.co.uk"]


def test_linkedin_slugs_ignore_scheme_host_query_and_slash():
    slug = "jürgen-müller-1a2b"
    for url in (
        "https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-1a2b/",
        "http://linkedin.com/in/J%C3%BCrgen-M%C3%BCller-1a2b",
        "https://de.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-1a2b?trk=public_profile",
        "www.linkedin.com/in/jürgen-müller-1a2b",
    ):
        assert linkedin_slug(url) == slug, url
    assert linkedin_slug("https://www.linkedin.com/company/stripe/") is None
    assert linkedin_slug("https://example.com/in/ann") is None


def test_x_handles():
    assert x_handle("https://twitter.com/AnnLee") == "annlee"
    assert x_handle("https://x.com/annlee/status/1") == "annlee"
    assert x_handle("@AnnLee") == "annlee"
    assert x_handle("https://x.com/i/flow") is None


def test_phones_in_e164_only_when_valid():
    assert phone_key("+1 555-7932") is None  # too short to be valid
    assert phone_key("+1 415 867 5309") == "+14158675309"
    assert phone_key("0049 151 23456789") == "+4915123456789"
    assert phone_key("030 1234567") is None  # no country code: no key
    assert phone_key("+12") is None


def test_name_keys_fold_accents_order_initials_titles_and_nicknames():
    assert name_keys("Jürgen Müller") == name_keys("Muller, Jurgen")
    assert name_keys("Dr. Ann M. Lee, PhD") == {"ann lee"}
    assert "ann lee" in name_keys("Ann Marie Lee")
    assert name_keys("Bob Lee", nicknames=True) == name_keys("Robert Lee")
    assert name_keys("Bob Lee") == {"bob lee"}  # a nickname alone is a different key
    assert name_keys("Ada Olawale-Ibrahim") == {"ada ibrahim olawale"}  # not "Ada Ibrahim"
    assert name_keys("★ Ann Lee 🚀") == {"ann lee"}
    assert name_keys("Ann (she/her) Lee") == {"ann lee"}
    assert name_keys("王小明") == name_keys("Wang Xiaoming")
    assert name_keys("Madonna") == set()  # one word is too weak


def test_clear_nicknames_are_name_keys_and_given_names_only_nickname_keys():
    bob = contact_keys(Contact("b", full_name="Bob Lee"))
    assert ("name", "lee robert") in bob and ("name", "bob lee") in bob
    lisa = contact_keys(Contact("l", full_name="Lisa Stockmore"))
    assert ("name", "elizabeth stockmore") not in lisa
    assert ("nickname", "elizabeth stockmore") in lisa


def test_contact_keys_at_import():
    contact = Contact(
        "k1",
        full_name="Ann Lee",
        emails=["Ann.Lee@gmail.com", "ann@stripe.com"],
        phones=["+14158675309", "555-7932"],
        profile_urls=["https://www.linkedin.com/in/ann-lee/", "https://twitter.com/annlee"],
    )
    keys = contact_keys(contact)
    assert ("email", "annlee@gmail.com") in keys
    assert ("email", "ann@stripe.com") in keys
    assert ("domain", "stripe.com") in keys
    assert ("domain", "gmail.com") not in keys
    assert ("phone", "+14158675309") in keys
    assert ("linkedin", "ann-lee") in keys
    assert ("x", "annlee") in keys
    assert ("name", "ann lee") in keys
    assert not any(kind == "phone" and "7932" in value for kind, value in keys)


def _people(contacts, keys):
    person_of, links = link(contacts, keys)
    groups = {}
    for contact_id, person in person_of.items():
        groups.setdefault(person, set()).add(contact_id)
    return sorted(sorted(g) for g in groups.values()), links


def test_strong_keys_merge_across_sources_and_keep_why():
    # 1, 2: LinkedIn; 3, 4: address book; 5: Facebook
    contacts = [(1, 10), (2, 10), (3, 20), (4, 20), (5, 30)]
    keys = [
        (1, "email", "ann@stripe.com"),
        (3, "email", "ann@stripe.com"),
        (3, "phone", "+14158675309"),
        (4, "phone", "+14158675309"),
        (1, "name", "ann lee"),
        (3, "name", "ann lee"),
        (4, "name", "ann lee"),
        (5, "name", "ann lee"),
        (2, "name", "bo ray"),
    ]
    groups, links = _people(contacts, keys)
    assert groups == [[1, 3, 4, 5], [2]]
    reasons = {(lk.kind, lk.value) for lk in links}
    assert ("email", "ann@stripe.com") in reasons
    assert ("phone", "+14158675309") in reasons
    assert ("name", "ann lee") in reasons


def test_a_name_two_people_share_in_one_source_never_merges():
    # Two different John Smiths on LinkedIn; a Facebook John Smith could be either.
    contacts = [(1, 10), (2, 10), (3, 30)]
    keys = [(1, "name", "john smith"), (2, "name", "john smith"), (3, "name", "john smith")]
    groups, links = _people(contacts, keys)
    assert groups == [[1], [2], [3]]
    assert links == []


def test_a_unique_name_joins_facebook_friend_to_linkedin_person():
    contacts = [(1, 10), (2, 30)]
    keys = [(1, "name", "ann lee"), (2, "name", "ann lee")]
    groups, _ = _people(contacts, keys)
    assert groups == [[1, 2]]


def test_names_never_join_two_people_of_the_same_source():
    # 1 and 2 are different LinkedIn people; 3 (address book) shares 1's email and 2's name.
    contacts = [(1, 10), (2, 10), (3, 20)]
    keys = [
        (1, "email", "ann@stripe.com"),
        (3, "email", "ann@stripe.com"),
        (1, "linkedin", "annie-lee"),
        (2, "linkedin", "ann-lee-42"),
        (2, "name", "ann lee"),
        (3, "name", "ann lee"),
        (1, "name", "annie lee"),
    ]
    groups, _ = _people(contacts, keys)
    assert groups == [[1, 3], [2]]


def test_a_duplicate_card_with_nothing_contradicting_joins_its_twin():
    # Address book 20 holds Deepika twice: once with a phone, once with the name only.
    contacts = [(1, 20), (2, 20), (3, 10)]
    keys = [
        (1, "phone", "+919356796098"),
        (1, "name", "deepika verma"),
        (2, "name", "deepika verma"),
        (3, "linkedin", "deepika-verma"),
        (3, "name", "deepika verma"),
    ]
    groups, _ = _people(contacts, keys)
    assert groups == [[1, 2, 3]]


def test_two_name_only_friends_are_two_people():
    contacts = [(1, 30), (2, 30), (3, 10)]
    keys = [
        (1, "name", "ann lee"),
        (2, "name", "ann lee"),
        (3, "linkedin", "ann-lee"),
        (3, "name", "ann lee"),
    ]
    groups, _ = _people(contacts, keys)
    assert groups == [[1], [2], [3]]


def test_same_name_cards_with_different_phones_are_two_people():
    contacts = [(1, 20), (2, 20)]
    keys = [
        (1, "phone", "+14158675309"),
        (2, "phone", "+14155550000"),
        (1, "name", "john smith"),
        (2, "name", "john smith"),
    ]
    groups, _ = _people(contacts, keys)
    assert groups == [[1], [2]]


def test_name_and_company_join_when_the_name_alone_is_shared():
    # Two LinkedIn Daniel Muñoz; the address-book one is at the same company as the first.
    contacts = [(1, 10), (2, 10), (3, 20)]
    keys = [
        (1, "linkedin", "daniel-munoz-1"),
        (2, "linkedin", "daniel-munoz-2"),
        (3, "phone", "+34667786635"),
        *[(i, "name", "daniel munoz") for i in (1, 2, 3)],
    ]
    companies = {1: "bnpparibas", 2: "highmapledevices", 3: "bnpparibas"}
    person_of, links = link(contacts, keys, companies)
    assert person_of[3] == person_of[1] != person_of[2]
    assert [(lk.kind, lk.value) for lk in links] == [
        ("name and company", "daniel munoz at bnpparibas")
    ]


def test_a_shared_office_phone_does_not_merge_strangers():
    contacts = [(1, 20), (2, 20)]
    keys = [
        (1, "phone", "+14158675309"),
        (2, "phone", "+14158675309"),
        (1, "name", "ann lee"),
        (2, "name", "bo ray"),
    ]
    groups, _ = _people(contacts, keys)
    assert groups == [[1], [2]]


def test_duplicate_cards_of_one_person_merge_on_a_shared_email():
    contacts = [(1, 20), (2, 20)]
    keys = [
        (1, "email", "ann@stripe.com"),
        (2, "email", "ann@stripe.com"),
        (1, "name", "ann lee"),
        (2, "name", "ann marie lee"),
    ]
    groups, _ = _people(contacts, keys)
    assert groups == [[1, 2]]


def test_relink_in_the_store_sets_person_ids_and_links(tmp_path):
    store = build_store(
        tmp_path / "s.db",
        {
            "linkedin": [
                Contact("l1", full_name="Ann Lee", company="Stripe", emails=["ann@stripe.com"]),
                Contact("l2", full_name="Bo Ray", company="Figma"),
            ],
            "vcard": [Contact("v1", full_name="Lee, Ann", emails=["ANN@stripe.com"])],
            "facebook": [Contact("f1", full_name="Bo Ray", since=date(2014, 3, 1))],
        },
    )
    rows = store.conn.execute(
        "SELECT c.full_name, c.person_id, s.name FROM contacts c JOIN sources s "
        "ON s.id = c.source_id ORDER BY c.id"
    ).fetchall()
    person = {(name, source): pid for name, pid, source in rows}
    assert person[("Ann Lee", "linkedin")] == person[("Lee, Ann", "vcard")]
    assert person[("Bo Ray", "linkedin")] == person[("Bo Ray", "facebook")]
    assert person[("Ann Lee", "linkedin")] != person[("Bo Ray", "linkedin")]
    kinds = {kind for (kind,) in store.conn.execute("SELECT kind FROM links")}
    assert kinds == {"email", "name"}


def test_numbers_without_country_code_are_read_in_the_address_books_country(tmp_path):
    store = build_store(
        tmp_path / "s.db",
        {
            "vcard": [
                Contact("v1", full_name="Susan Howard", phones=["(408) 577-9774"]),
                Contact("v2", full_name="Bo Ray", phones=["+1 415 867 5309"]),
                Contact("v3", full_name="Cy Ito", phones=["+1 212 555 0188"]),
            ],
            "work": [Contact("w1", full_name="S. Howard", phones=["+1-408-577-9774"])],
        },
    )
    ids = dict(store.conn.execute("SELECT source_key, person_id FROM contacts"))
    assert ids["v1"] == ids["w1"]
    assert ("phone", "+14085779774") in {
        (lk[0], lk[1]) for lk in store.conn.execute("SELECT kind, value FROM links")
    }


def test_name_and_company_use_the_alias_data_company(tmp_path, monkeypatch):
    from whoknows import aliases

    data = tmp_path / "companies.json"
    data.write_text('[{"name": "EY", "aliases": ["Ernst & Young"], "domains": ["ey.com"]}]')
    monkeypatch.setattr(aliases, "DATA_PATH", data)
    store = build_store(
        tmp_path / "s.db",
        {
            "linkedin": [
                Contact("l1", full_name="Chukwuemeka Obi", company="EY",
                        profile_urls=["https://www.linkedin.com/in/cobi"]),
                Contact("l2", full_name="Chukwuemeka Obi", company="Figma",
                        profile_urls=["https://www.linkedin.com/in/cobi-2"]),
            ],
            "vcard": [
                Contact("v1", full_name="Chukwuemeka Obi", company="Ernst & Young LLP",
                        phones=["+2348031234567"]),
            ],
        },
    )  # fmt: skip
    ids = dict(store.conn.execute("SELECT source_key, person_id FROM contacts"))
    assert ids["v1"] == ids["l1"] != ids["l2"]


def test_nicknames_join_only_together_with_a_company():
    contacts = [(1, 10), (2, 20), (3, 10), (4, 20)]
    keys = [
        (1, "name", "lee robert"),
        (2, "name", "bob lee"),
        (2, "nickname", "lee robert"),
        (3, "name", "elizabeth stockmore"),
        (4, "name", "lisa stockmore"),
        (4, "nickname", "elizabeth stockmore"),
    ]
    companies = {1: "stripe", 2: "stripe", 3: "belion", 4: "stripe"}
    person_of, links = link(contacts, keys, companies)
    assert person_of[1] == person_of[2]  # Bob Lee at Stripe is Robert Lee at Stripe
    assert person_of[3] != person_of[4]  # Lisa at Stripe is not Elizabeth at Belion
    assert [lk.kind for lk in links] == ["name and company"]


NAMES = ["Ann Lee", "Lee, Ann", "Ann Marie Lee", "Lisa Stockmore", "Elizabeth Stockmore",
         "Bob Lee", "Robert Lee", "John Smith", "Dr. John Smith", "A. Lee", "Cher"]  # fmt: skip
EMAILS = ["ann@stripe.com", "a.n.n@gmail.com", "ann@gmail.com", "office@figma.com"]
PHONES = ["+1 415 867 5309", "(415) 867-5309", "415.867.5309", "(408) 577-9774", "+44 20 7946 0958"]
PROFILES = ["https://www.linkedin.com/in/annlee", "https://linkedin.com/in/AnnLee/",
            "https://www.linkedin.com/in/jsmith", "https://twitter.com/annlee"]  # fmt: skip
COMPANIES = ["", "Stripe", "Stripe, Inc.", "EY", "Ernst & Young LLP", "Figma"]


@st.composite
def contacts(draw) -> Contact:
    return Contact(
        "",
        full_name=draw(st.sampled_from(NAMES)),
        company=draw(st.sampled_from(COMPANIES)),
        emails=draw(st.lists(st.sampled_from(EMAILS), max_size=2, unique=True)),
        phones=draw(st.lists(st.sampled_from(PHONES), max_size=2, unique=True)),
        profile_urls=draw(st.lists(st.sampled_from(PROFILES), max_size=1)),
    )


def whole_store_link(conn):
    """What `link` gives on every contact and key of the store, read in the index's order."""
    from whoknows import aliases, identity

    canonical = aliases.canonical_companies(conn)
    rows = conn.execute("SELECT id, source_id, company_key, company FROM contacts").fetchall()
    keys = conn.execute(
        "SELECT contact_id, kind, value FROM contact_keys WHERE kind IN (?, ?, ?, ?, ?, ?, ?) "
        "ORDER BY kind, value, contact_id",
        identity.LINK_KINDS,
    ).fetchall()
    keys += identity.national_phone_keys(conn)
    companies = {
        cid: canonical.get(key) or canonical.get(identity._without_group(key, name)) or key
        for cid, _, key, name in rows
        if key
    }
    return link([(cid, source) for cid, source, _, _ in rows], keys, companies)


@settings(max_examples=60, deadline=None)
@example(  # a nickname meets a name of the same value, only together with a company
    sources=[
        [Contact("", full_name="Elizabeth Stockmore", company="Stripe")],
        [Contact("", full_name="Lisa Stockmore", company="Stripe, Inc.")],
    ]
)
@example(  # numbers written without a country code, read in the store's country
    sources=[
        [Contact("", full_name="Ann Lee", phones=["(408) 577-9774"])],
        [Contact("", full_name="A. Lee", phones=["408-577-9774"])],
        [Contact("", full_name="Cher", phones=["+1 408 577 9774"])],
    ]
)
@given(sources=st.lists(st.lists(contacts(), min_size=1, max_size=8), min_size=1, max_size=3))
def test_relink_reads_only_contacts_sharing_a_key_and_links_as_the_whole_store_would(
    tmp_path_factory, sources
):
    from whoknows import identity

    named = {
        f"s{n}": [dataclasses.replace(c, source_key=str(i)) for i, c in enumerate(records)]
        for n, records in enumerate(sources)
    }
    store = build_store(tmp_path_factory.mktemp("relink") / "s.db", named)
    conn = store.conn
    for forget in [None, *list(named)[:-1]]:
        if forget is not None:
            with store.transaction():
                conn.execute("DELETE FROM sources WHERE name = ?", (forget,))
                identity.relink(conn)
        person_of, links = whole_store_link(conn)
        assert dict(conn.execute("SELECT id, person_id FROM contacts")) == person_of
        assert conn.execute("SELECT contact_id, other_id, kind, value FROM links").fetchall() == [
            (lk.contact_id, lk.other_id, lk.kind, lk.value) for lk in links
        ]
    store.close()


SLUG_CHARS = st.text("abcXYZ019-_.~%2C3A9é ", max_size=12)


@given(st.just("https://www.linkedin.com/in/"), SLUG_CHARS)  # the one prefix the fast path takes
@example("https://www.linkedin.com/in/", "%20ada-lee%20")
@example("https://www.linkedin.com/in/", "jos%C3%A9-ram%C3%ADrez-7b2a19")
@example("https://www.linkedin.com/in/", "%20")
def test_usual_linkedin_urls_read_as_the_general_path_reads_them(prefix, slug):
    """`linkedin_slug`'s fast path for URLs as importers write them agrees with the patterns
    and `urlsplit`."""
    from whoknows import identity

    url = prefix + slug
    assert url.startswith(identity._USUAL_LINKEDIN)  # else both sides are the general path
    fast = identity.linkedin_slug(url)
    original = identity._USUAL_LINKEDIN
    try:
        identity._USUAL_LINKEDIN = "\0"  # matches nothing: the general path
        assert fast == identity.linkedin_slug(url)
    finally:
        identity._USUAL_LINKEDIN = original
