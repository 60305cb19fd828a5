"""`whoknows COMPANY` end to end: the right company, each person once, current before former."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import build_store
from hypothesis import given
from hypothesis import strategies as st
from whoknows import Contact, Position, aliases, query
from whoknows.cli import cli
from whoknows.query import LoadedAliasIndex, _decode, find, resolve, suggest

ALIAS_DATA = [
    {"name": "Meta", "aliases": ["Meta Platforms", "Facebook"], "domains": ["meta.com", "fb.com"],
     "parent": None},
    {"name": "Instagram", "aliases": [], "domains": ["instagram.com"], "parent": "Meta"},
    {"name": "Alphabet", "aliases": [], "domains": ["abc.xyz"], "parent": None},
    {"name": "Google", "aliases": [], "domains": ["google.com"], "parent": "Alphabet"},
    {"name": "Google Cloud", "aliases": ["GCP"], "domains": [], "parent": "Google"},
    {"name": "Apple", "aliases": ["Apple Computer"], "domains": ["apple.com"], "parent": None},
    {"name": "General Electric", "aliases": ["GE"], "domains": ["ge.com"], "parent": None},
]  # fmt: skip


@pytest.fixture(autouse=True)
def alias_data(tmp_path, monkeypatch):
    """A small stand-in for the shipped alias data."""
    path = tmp_path / "companies.json"
    path.write_text(json.dumps(ALIAS_DATA), encoding="utf-8")
    monkeypatch.setattr(aliases, "DATA_PATH", path)
    return path


def linkedin(key, name, company, title="Software Engineer", **fields):
    slug = name.lower().replace(" ", "-")
    urls = [f"https://www.linkedin.com/in/{slug}"]
    return Contact(key, full_name=name, company=company, title=title, profile_urls=urls, **fields)


def card(key, name, company="", **fields):
    return Contact(key, full_name=name, company=company, **fields)


@pytest.fixture
def world(temporary_store):
    """A user's LinkedIn, address book and Facebook, with look-alikes of every company."""
    store = build_store(
        temporary_store,
        {
            "linkedin": [
                linkedin("l1", "Ann Lee", "Meta", "Engineering Manager",
                         messages_sent=5, messages_received=9, last_message=date(2026, 3, 2)),
                linkedin("l2", "Bo Ray", "Metabase, Inc."),
                linkedin("l3", "Cy Ito", "Instagram", "Technical Recruiter"),
                linkedin("l4", "Di Fox", "Stripe"),
                linkedin("l5", "Ed Kim", "Metaview Ltd"),
                linkedin("l6", "Flo Park", "Google Cloud"),
                linkedin("l7", "Gus Moe", "Googler Labs"),
                linkedin("l8", "Hal Orr", "Applied Materials"),
                linkedin("l9", "Ida Pyle", "Pineapple Labs Ltd"),
                linkedin("l10", "Jo Quinn", "Apple Inc."),
                linkedin("l11", "Kai Roe", "International Business Machines Corporation"),
                linkedin("l12", "Lu Sato", "Northwind Traders Group"),
                linkedin("l13", "Mo Tran", "Meta Robotics"),
                Position(company="Facebook", title="Engineer",
                         started=date(2015, 1, 1), finished=date(2019, 6, 30)),
            ],
            "vcard": [
                card("v1", "Lee, Ann", emails=["ann.lee@fb.com"], phones=["+14158675309"],
                     birthday=True),
                card("v2", "Di Fox", "Facebook Inc.", emails=["di@fb.com"]),
                card("v3", "Eve Noorg", emails=["eve@meta.com"]),
                card("v4", "Ned Ueda", "IBM"),
                card("v5", "Ola Voss", "NTG"),
                card("v6", "Pia Wolf", "Acme Robotics", emails=["pia@acmerobotics.com"]),
                card("v7", "Quin Xu", emails=["quin@acme-robotics.com"]),
                card("v8", "Ray Yates", "Acme", emails=["ray@acme.io"]),
                card("v9", "Sol Zane", emails=["sol@acme.io"]),
                card("v10", "Tia Abel", emails=["tia@gmail.com"]),
            ],
            "facebook": [
                Contact("f1", full_name="Ann Lee", since=date(2014, 1, 1)),
                Contact("f2", full_name=" Bo  Ray ", since=date(2016, 1, 1)),
            ],
        },
    )  # fmt: skip
    yield store
    store.close()


def names(people):
    return sorted(p["name"] for p in people)


def test_company_and_its_divisions_but_no_look_alikes(world):
    found = find(world, "Meta")
    people = found["people"]
    current = [p for p in people if p["status"] == "current"]
    former = [p for p in people if p["status"] == "former"]
    assert names(current) == ["Ann Lee", "Cy Ito", "Eve Noorg"]
    assert names(former) == ["Di Fox"]
    assert found["company"] == "Meta"
    match = {p["name"]: p["match"] for p in people}
    assert match == {"Ann Lee": "exact", "Cy Ito": "alias", "Eve Noorg": "email domain",
                     "Di Fox": "alias"}  # fmt: skip
    assert people[-1]["name"] == "Di Fox"  # former after current
    assert people[-1]["now_at"] == "Stripe"


def test_a_division_does_not_list_its_parent(world):
    assert names(find(world, "Instagram")["people"]) == ["Cy Ito"]
    assert names(find(world, "Google Cloud")["people"]) == ["Flo Park"]
    assert names(find(world, "Google")["people"]) == ["Flo Park"]
    assert names(find(world, "GCP")["people"]) == ["Flo Park"]


def test_look_alikes_are_only_possible(world):
    found = find(world, "Meta")
    assert "Mo Tran" in names(found["possible"])  # "Meta Robotics" contains the word
    assert not {"Bo Ray", "Ed Kim"} & set(names(found["possible"]))  # Metabase, Metaview
    assert all(p["match"] == "possible" for p in found["possible"])
    assert names(find(world, "Apple")["people"]) == ["Jo Quinn"]
    assert names(find(world, "Metabase")["people"]) == ["Bo Ray"]


def test_each_person_is_listed_once_with_all_sources(world):
    ann = next(p for p in find(world, "Meta")["people"] if p["name"] == "Ann Lee")
    assert ann["sources"] == ["facebook", "linkedin", "vcard"]
    assert "Facebook friend since 2014" in ann["reasons"]
    assert ann["emails"] == ["ann.lee@fb.com"]
    assert ann["phones"] == ["+14158675309"]
    assert any("same name" in why for why in ann["merged_by"])


def test_initialisms_both_ways_when_unambiguous(world):
    assert names(find(world, "IBM")["people"]) == ["Kai Roe", "Ned Ueda"]
    ibm = {p["name"]: p["match"] for p in find(world, "IBM")["people"]}
    assert ibm == {"Ned Ueda": "exact", "Kai Roe": "initialism"}
    assert names(find(world, "Northwind Traders Group")["people"]) == ["Lu Sato", "Ola Voss"]
    assert names(find(world, "NTG")["people"]) == ["Lu Sato", "Ola Voss"]


def test_an_initialism_owned_by_alias_data_is_not_derived(temporary_store):
    store = build_store(
        temporary_store,
        {"linkedin": [linkedin("l1", "Ann Lee", "Green Energy"), linkedin("l2", "Bo Ray", "GE")]},
    )
    assert names(find(store, "GE")["people"]) == ["Bo Ray"]  # GE is General Electric
    assert names(find(store, "Green Energy")["people"]) == ["Ann Lee"]


def test_ambiguous_initials_match_nobody(temporary_store):
    store = build_store(
        temporary_store,
        {
            "linkedin": [
                linkedin("l1", "Ann Lee", "Blue Ocean Partners"),
                linkedin("l2", "Bo Ray", "Bright Orbit Payments"),
            ]
        },
    )
    assert find(store, "BOP")["people"] == []


def test_work_email_domains_place_people_without_org(world):
    robotics = find(world, "Acme Robotics")["people"]
    # Pia's ORG and domain agree, so acmerobotics.com is learned; Quin's domain is named
    # after the company too.
    assert names(robotics) == ["Pia Wolf", "Quin Xu"]
    assert names(find(world, "Acme")["people"]) == ["Ray Yates", "Sol Zane"]
    assert names(find(world, "acme.io")["people"]) == ["Ray Yates", "Sol Zane"]


def test_free_mail_places_nobody(world):
    assert find(world, "Gmail")["people"] == []


def test_former_colleagues_are_asked_for_endorsements(world):
    people = {p["name"]: p for p in find(world, "Meta")["people"]}
    assert people["Ann Lee"]["ask"] == "endorsement"
    assert any(r.startswith("Worked at Facebook, as you did (2015–2019)") for r in
               people["Ann Lee"]["reasons"])  # fmt: skip
    assert people["Cy Ito"]["ask"] == "status update"  # a recruiter
    assert "14 LinkedIn messages, the last in March 2026" in people["Ann Lee"]["reasons"]


def test_did_you_mean_when_nothing_matched(world):
    found = find(world, "Metbase")
    assert found["people"] == [] and found["possible"] == []
    assert "Metabase" in found["suggestions"][0]


def test_did_you_mean_gives_the_spelling_in_the_store_and_only_close_names(world):
    assert find(world, "Metaviw")["suggestions"] == ["Metaview Ltd"]
    assert find(world, "Zyxwvu Robotics")["suggestions"] == []


def test_did_you_mean_falls_back_on_alias_names_missing_from_the_company_index(world):
    world.conn.execute("DELETE FROM companies WHERE key = 'googlecloud'")
    assert suggest(world.conn, "Gogle Cloud") == ["Google Cloud"]


def test_cli_json_lists_current_then_former_and_hides_possible(world, runner):
    result = runner.invoke(cli, ["Meta", "--format", "json"])
    assert result.exit_code == 0, result.output
    people = json.loads(result.stdout)
    assert [p["status"] for p in people] == ["current"] * 3 + ["former"]
    assert "Mo Tran" not in names(people)
    assert "add --possible" in result.stderr
    people = json.loads(runner.invoke(cli, ["Meta", "--format", "json", "--current"]).stdout)
    assert names(people) == ["Ann Lee", "Cy Ito", "Eve Noorg"]
    with_possible = json.loads(
        runner.invoke(cli, ["Meta", "--format", "json", "--possible"]).stdout
    )
    assert with_possible[-1]["name"] == "Mo Tran" and with_possible[-1]["match"] == "possible"


def test_cli_table_puts_possible_under_its_own_heading(world, runner):
    result = runner.invoke(cli, ["Meta", "--possible"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "At Meta now"
    assert "Used to work at Meta" in lines
    possible = lines.index("Possible: at other companies whose names contain 'Meta'")
    assert any("Mo Tran" in line for line in lines[possible:])
    assert not any("Mo Tran" in line for line in lines[:possible])


def test_cli_nobody_exits_1_and_suggests(world, runner):
    result = runner.invoke(cli, ["Metbase"])
    assert result.exit_code == 1
    assert "Did you mean Metabase" in result.stderr


def test_people_lists_each_person_once(world, runner):
    people = json.loads(runner.invoke(cli, ["people", "--format", "json"]).stdout)
    assert names(people).count("Ann Lee") == 1
    assert names(people).count("Di Fox") == 1
    bo = next(p for p in people if p["name"] == "Bo Ray")
    assert bo["sources"] == ["facebook", "linkedin"]


@given(st.lists(st.text()))
def test_a_stored_list_reads_back_as_written(items):
    assert _decode(json.dumps(items)) == items
    assert _decode(json.dumps(items, ensure_ascii=False)) == items


@given(st.lists(st.sampled_from(['"', ", ", "\\", "\n", "a", "é", '", "', "[", "]"])).map("".join))
def test_any_column_text_reads_as_the_json_parser_reads_it(text):
    for candidate in (text, f'["{text}"]', f'["{text}", "x"]', f"[{text}]"):
        try:
            expected = json.loads(candidate)
        except ValueError:
            with pytest.raises(ValueError):
                _decode(candidate)
        else:
            assert _decode(candidate) == expected


RESOLVED_ALIKE = [
    *("Meta", "Facebook Inc.", "Meta Platforms", "Instagram", "Alphabet", "Google", "GCP"),
    *("Google Cloud", "Apple", "Apple Computer, Inc.", "GE", "General Electric", "IBM"),
    *("International Business Machines", "NTG", "Northwind Traders", "Acme", "Stripe"),
    *("meta.com", "@fb.com", "acme.io", "gmail.com", "Nobody Corp", "", "The Acme Group"),
]


@pytest.mark.parametrize("use_aliases", [True, False])
def test_alias_tables_read_once_resolve_as_the_queries_do(world, use_aliases):
    """crossref resolves thousands of names from the alias tables read into memory."""
    loaded = LoadedAliasIndex(world.conn)
    for name in RESOLVED_ALIKE:
        one = resolve(world.conn, name, use_aliases)
        many = resolve(world.conn, name, use_aliases, index=loaded)
        assert (many.name, many.keys, many.domains, many.from_aliases) == (
            one.name,
            one.keys,
            one.domains,
            one.from_aliases,
        ), name
    ibm = resolve(world.conn, "IBM", index=loaded).keys
    assert ibm["internationalbusinessmachines"] == "initialism"
    assert "fb.com" in resolve(world.conn, "Meta", index=loaded).domains


def test_domains_and_links_read_alike_for_few_people_and_for_many(world, monkeypatch):
    """Many people's merge links come from one scan of the table, a few people's by contact;
    either way the email domains a target names are looked up by domain."""
    looked_up = (query.all_people(world), find(world, "Meta"))
    monkeypatch.setattr(query, "SCAN_KEYS_FROM", 0)
    scanned = (query.all_people(world), find(world, "Meta"))
    assert scanned == looked_up
    ann = next(p for p in scanned[0] if p["name"] == "Ann Lee")
    assert ann["merged_by"] == ["same name, unique in each source: ann lee"]
    assert {p["name"]: p["match"] for p in scanned[1]["people"]}["Eve Noorg"] == "email domain"


def test_links_only_join_contacts_of_one_person(world):
    """`_contacts_of` reads merge links only for people with more than one contact: a link
    always joins two contacts of the same person."""
    conn = world.conn
    rows = conn.execute(
        "SELECT a.person_id, b.person_id, (SELECT count(*) FROM contacts c "
        "WHERE c.person_id = a.person_id) FROM links l "
        "JOIN contacts a ON a.id = l.contact_id JOIN contacts b ON b.id = l.other_id"
    ).fetchall()
    assert rows  # the world has merged people
    assert all(mine == other and count > 1 for mine, other, count in rows)


def test_a_contact_is_its_row_by_column_name_with_its_source_and_lists(world):
    """`query._contact` names a row's values by position: they must be CONTACT_COLUMNS in its
    order (a column added or moved there and not in `_contact` would mislabel every value)."""
    conn = world.conn
    sources = {i: (name, importer) for i, name, importer in conn.execute(query.SOURCES)}
    cursor = conn.execute(f"SELECT {query.CONTACT_COLUMNS} FROM contacts")
    names = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    assert len(rows) > 5
    lists = ("emails", "phones", "profile_urls", "endorsed_skills")
    assert any(row[names.index("emails")] != "[]" for row in rows)
    for row in rows:
        expected = dict(zip(names, row, strict=True))
        expected.update({c: json.loads(expected[c]) for c in lists})
        expected["source"], expected["importer"] = sources[expected["source_id"]]
        contact = query._contact(row, sources)
        assert contact == expected
        assert list(contact) == list(expected)


def test_a_query_reads_a_mapped_store_that_another_process_shrinks(temporary_store):
    """`find` has SQLite map the store's pages (POSIX); a `forget` in another connection that
    vacuums the file smaller between two queries on the same open store changes the answer,
    and nothing breaks."""
    import os

    from whoknows.importing import forget
    from whoknows.store import Store

    note = "x" * 3000  # large rows: a file of many pages, which the forget then shrinks
    store = build_store(
        temporary_store,
        {
            "linkedin": [linkedin(f"l{i}", f"Ann Lee{i}", "Meta") for i in range(300)],
            "vcard": [card(f"v{i}", f"Bo {letters(i)}", "Meta", note=note) for i in range(600)],
        },
    )
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the pages in the file, not the WAL
    assert len(find(store, "Meta")["people"]) == 900
    if os.name == "posix":
        assert store.conn.execute("PRAGMA mmap_size").fetchone()[0] == query.MAP_BYTES
    before = os.path.getsize(temporary_store)
    other = Store.open(temporary_store)
    forget(other, "vcard")
    other.vacuum()
    other.close()
    assert os.path.getsize(temporary_store) < before / 2
    people = find(store, "Meta")["people"]
    assert len(people) == 300
    assert {p["sources"][0] for p in people} == {"linkedin"}
    store.close()


def letters(n: int) -> str:
    """A distinct family name for each number: 0 -> "Aaa", 1 -> "Aab", ..."""
    return "".join(chr(ord("a") + n // 26**k % 26) for k in (2, 1, 0)).capitalize()
