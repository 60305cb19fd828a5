"""Alias data from the shipped file, plugins, the user, and domains learned from contacts."""

from __future__ import annotations

import json
import os

import pytest
from conftest import build_store
from whoknows import BadInput, Contact, aliases, hookimpl, plugin_manager
from whoknows.cli import cli
from whoknows.query import find
from whoknows.store import Store

SHIPPED = [
    {"name": "Block", "aliases": ["Square", "Square, Inc."], "domains": ["block.xyz"],
     "parent": None},
    {"name": "Cash App", "aliases": [], "domains": ["cash.app"], "parent": "Block"},
]  # fmt: skip


@pytest.fixture(autouse=True)
def shipped(tmp_path, monkeypatch):
    path = tmp_path / "companies.json"
    path.write_text(json.dumps(SHIPPED), encoding="utf-8")
    monkeypatch.setattr(aliases, "DATA_PATH", path)
    return path


@pytest.fixture
def store(temporary_store):
    store = build_store(
        temporary_store,
        {
            "linkedin": [
                Contact("l1", full_name="Ann Lee", company="Square, Inc."),
                Contact("l2", full_name="Bo Ray", company="Cash App"),
                Contact("l3", full_name="Cy Ito", company="Big Blue Widgets"),
                Contact("l4", full_name="Di Fox", company="Widgetry"),
                Contact("l5", full_name="Ed Kim", company="Hooli", emails=["ed@hooli.xyz"]),
                Contact("l6", full_name="Flo Park", company="Hooli", emails=["flo@hooli.xyz"]),
            ],
            "vcard": [
                Contact("v1", full_name="Gus Moe", emails=["gus@hooli.xyz"]),
                Contact("v2", full_name="Hal Orr", emails=["hal@widgetry-labs.io"]),
                Contact("v3", full_name="Ida Pyle", company="Initech", emails=["ida@cash.app"]),
            ],
        },
    )
    yield store
    store.close()


def names(people):
    return sorted(p["name"] for p in people)


def current(people):
    return names(p for p in people if p["status"] == "current")


def test_shipped_aliases_renames_and_divisions(store):
    assert current(find(store, "Block")["people"]) == ["Ann Lee", "Bo Ray"]
    assert current(find(store, "Square")["people"]) == ["Ann Lee", "Bo Ray"]
    assert names(find(store, "Cash App")["people"]) == ["Bo Ray", "Ida Pyle"]
    ida = next(p for p in find(store, "Cash App")["people"] if p["name"] == "Ida Pyle")
    assert ida["status"] == "former" and ida["match"] == "email domain"


def test_domains_are_learned_where_org_and_domain_agree(store):
    learned = store.conn.execute(
        "SELECT domain, company FROM alias_domains WHERE origin = 'learned'"
    ).fetchall()
    assert ("hooli.xyz", "hooli") in learned
    assert ("cash.app", "initech") not in learned  # one person, and the names disagree
    gus = next(p for p in find(store, "Hooli")["people"] if p["name"] == "Gus Moe")
    assert gus["match"] == "email domain" and gus["status"] == "current"


def test_user_aliases_by_command(store, runner, tmp_path):
    assert find(store, "Big Blue Widgets")["people"][0]["name"] == "Cy Ito"
    assert names(find(store, "Widgetry")["people"]) == ["Di Fox"]
    result = runner.invoke(cli, ["alias", "add", "Big Blue Widgets", "Widgetry"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["alias", "add", "--domain", "widgetry-labs.io", "Widgetry"])
    assert result.exit_code == 0, result.output
    assert "email domain of Widgetry" in result.output
    store.conn.close()
    store = Store.open(store.path)
    assert names(find(store, "Widgetry")["people"]) == ["Cy Ito", "Di Fox", "Hal Orr"]

    listed = json.loads(runner.invoke(cli, ["alias", "list", "--format", "json"]).stdout)
    assert {(a["alias"], a["kind"], a["company"]) for a in listed} == {
        ("Big Blue Widgets", "name", "Widgetry"),
        ("widgetry-labs.io", "domain", "Widgetry"),
    }
    every = json.loads(runner.invoke(cli, ["alias", "list", "--all", "--format", "json"]).stdout)
    assert {"alias": "Square", "kind": "name", "company": "Block", "origin": "data"} in every

    result = runner.invoke(cli, ["alias", "remove", "big blue widgets"])
    assert result.exit_code == 0 and "Removed 1 alias" in result.output
    assert runner.invoke(cli, ["alias", "remove", "Nothing Here"]).exit_code == 1
    store.conn.close()
    store = Store.open(store.path)
    assert names(find(store, "Widgetry")["people"]) == ["Di Fox", "Hal Orr"]
    store.close()


def test_bad_alias_arguments_are_usage_errors(runner):
    result = runner.invoke(cli, ["alias", "add", "--domain", "not a domain", "Acme"])
    assert result.exit_code == 2
    assert "not an email domain" in result.output
    assert runner.invoke(cli, ["alias", "add", "Acme Inc.", "ACME"]).exit_code == 2


def test_alias_file_import(store, runner, tmp_path):
    good = tmp_path / "mine.json"
    good.write_text(
        json.dumps(
            [{"name": "Widgetry", "aliases": ["Big Blue Widgets"], "domains": [], "parent": None}]
        )
    )
    result = runner.invoke(cli, ["alias", "import", str(good)])
    assert result.exit_code == 0, result.output
    assert "Added 1 aliases for 1 companies" in result.output
    store.conn.close()
    store = Store.open(store.path)
    assert names(find(store, "Widgetry")["people"]) == ["Cy Ito", "Di Fox"]
    store.close()
    bad = tmp_path / "bad.json"
    bad.write_text('[{"aliases": ["x"]}]')
    result = runner.invoke(cli, ["alias", "import", str(bad)])
    assert result.exit_code == 2
    assert "bad.json: company 1: no usable name" in result.output
    assert "Traceback" not in result.output


class AliasPlugin:
    @hookimpl
    def register_aliases(self, register):
        register({"name": "Widgetry", "aliases": ["Big Blue Widgets"], "domains": []})
        register({"aliases": ["broken"]})


def test_plugins_contribute_alias_data(temporary_store, capsys):
    pm = plugin_manager.load_plugins()
    plugin = AliasPlugin()
    pm.register(plugin, name="alias-test")
    try:
        store = build_store(
            temporary_store,
            {"linkedin": [Contact("l1", full_name="Cy Ito", company="Big Blue Widgets")]},
        )
    finally:
        pm.unregister(plugin)
    assert "bad alias entry" in capsys.readouterr().err
    people = find(store, "Widgetry")["people"]
    assert names(people) == ["Cy Ito"] and people[0]["match"] == "alias"
    origins = {o for (o,) in store.conn.execute("SELECT DISTINCT origin FROM alias_names")}
    assert "plugin:alias-test" in origins
    store.close()


def test_an_upgraded_alias_file_is_picked_up_by_the_next_query(store, shipped):
    assert find(store, "Hooli")["people"][0]["match"] in ("exact", "email domain")
    assert find(store, "Pied Piper")["people"] == []
    shipped.write_text(
        json.dumps([*SHIPPED, {"name": "Pied Piper", "aliases": ["Hooli"], "domains": []}])
    )
    stat = shipped.stat()
    os.utime(shipped, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert names(find(store, "Pied Piper")["people"]) == ["Ed Kim", "Flo Park", "Gus Moe"]


def test_the_same_alias_data_written_again_is_not_rebuilt(store, shipped, monkeypatch):
    """A reinstall writes the same file with a new time: its contents decide, so the next
    query does not rebuild the alias tables (a second or so on a big store)."""
    stat = shipped.stat()
    os.utime(shipped, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))

    def rebuilt(*args, **kwargs):
        raise AssertionError("alias tables rebuilt for an unchanged file")

    monkeypatch.setattr(aliases, "refresh", rebuilt)
    assert names(find(store, "Square")["people"]) == ["Ann Lee", "Bo Ray", "Ida Pyle"]
    stored = store.conn.execute("SELECT value FROM meta WHERE name = 'alias_data'").fetchone()
    assert stored[0].partition("|")[0].endswith(str(stat.st_mtime_ns + 10**9))  # no 2nd check
    shipped.write_text(json.dumps(SHIPPED[:1]), encoding="utf-8")  # changed: rebuilt
    with pytest.raises(AssertionError, match="rebuilt"):
        find(store, "Square")


def test_damaged_shipped_alias_data_is_a_one_line_error_naming_it(store, shipped):
    shipped.write_text("[{", encoding="utf-8")
    with pytest.raises(BadInput) as raised:
        find(store, "Square")
    assert raised.value.path == str(shipped) and "not valid JSON" in raised.value.problem


def test_the_company_index_names_each_key_by_its_most_common_spelling(temporary_store):
    from whoknows import Position

    store = build_store(
        temporary_store,
        {
            "linkedin": [
                Contact("l1", full_name="Ann Lee", company="Hooli Inc."),
                Contact("l2", full_name="Bo Ray", company="Initech"),
                Contact("l3", full_name="Cy Ito", company="HOOLI"),
                Contact("l4", full_name="Di Fox", company="HOOLI"),
                Contact("l5", full_name="Ed Kim", company="Hooli Inc."),
                Contact("l6", full_name="Flo Park", company="Initech LLC"),
                Position("Globex", title="Engineer"),
                Position("Initech LLC", title="Intern"),
            ],
            "vcard": [Contact("v1", full_name="Lee, Ann", company="Hooli")],
        },
    )
    rows = store.conn.execute("SELECT key, name, people FROM companies ORDER BY rowid").fetchall()
    store.close()
    # Hooli Inc. and HOOLI both twice: the first seen wins; Initech LLC is also a position;
    # keys in the order they first appear, positions after contacts; people, not contacts
    assert rows == [
        ("hooli", "Hooli Inc.", 4),
        ("initech", "Initech LLC", 2),
        ("globex", "Globex", 0),
    ]
