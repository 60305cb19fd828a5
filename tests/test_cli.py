"""The command line end to end, on a test importer registered like any plugin."""

from __future__ import annotations

import json

from conftest import write_roster
from whoknows.cli import cli


def test_import_then_query_lists_people_at_the_company(runner, roster_plugin, tmp_path):
    roster = write_roster(
        tmp_path / "team.roster",
        [
            'Ada Byron,"Stripe, Inc.",Engineer,ada@stripe.com,2020-01-05',
            "Bob Stone,Figma,Designer,,",
            "Cy Young,Stripe,Recruiter,,",
        ],
    )
    result = runner.invoke(cli, ["import", str(roster)])
    assert result.exit_code == 0, result.output
    assert "Imported roster (roster)" in result.output
    assert "3 contacts" in result.output

    result = runner.invoke(cli, ["Stripe", "--format", "json"])
    assert result.exit_code == 0, result.output
    people = json.loads(result.output)
    assert sorted(p["name"] for p in people) == ["Ada Byron", "Cy Young"]
    ada = next(p for p in people if p["name"] == "Ada Byron")
    assert ada["company"] == "Stripe, Inc."
    assert ada["emails"] == ["ada@stripe.com"]
    assert ada["sources"] == ["roster"]
    for key in ("title", "status", "ask", "score", "reasons", "phones", "profile_url", "match"):
        assert key in ada


def test_nobody_matched_exits_1(runner, roster_plugin, tmp_path):
    runner.invoke(cli, ["import", str(write_roster(tmp_path / "a.roster", ["Ada,Stripe,Eng,,"]))])
    result = runner.invoke(cli, ["Oracle", "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []


def test_reimport_replaces_instead_of_duplicating(runner, roster_plugin, tmp_path):
    roster = write_roster(tmp_path / "a.roster", ["Ada,Stripe,Eng,,", "Bob,Stripe,PM,,"])
    runner.invoke(cli, ["import", str(roster)])
    result = runner.invoke(cli, ["import", str(roster)])
    assert "replaced 2 earlier contacts" in result.output
    people = json.loads(runner.invoke(cli, ["people", "--format", "json"]).output)
    assert sorted(p["name"] for p in people) == ["Ada", "Bob"]


def test_failed_import_leaves_the_store_byte_for_byte(
    runner, roster_plugin, tmp_path, temporary_store
):
    runner.invoke(cli, ["import", str(write_roster(tmp_path / "a.roster", ["Ada,Stripe,Eng,,"]))])
    before = temporary_store.read_bytes()
    broken = write_roster(tmp_path / "b.roster", ["Bob,Stripe,PM,,", "BOOM,,,,"])
    result = runner.invoke(cli, ["import", str(broken)])
    assert result.exit_code == 2
    assert "b.roster" in result.output and "broke halfway" in result.output
    assert "Traceback" not in result.output
    assert temporary_store.read_bytes() == before
    people = json.loads(runner.invoke(cli, ["people", "--format", "json"]).output)
    assert [p["name"] for p in people] == ["Ada"]


def test_failed_first_import_leaves_no_store_behind(
    runner, roster_plugin, tmp_path, temporary_store
):
    broken = write_roster(tmp_path / "b.roster", ["BOOM,,,,"])
    result = runner.invoke(cli, ["import", str(broken)])
    assert result.exit_code == 2
    assert not temporary_store.exists()


def test_missing_path_is_one_line_and_exit_2(runner, tmp_path):
    result = runner.invoke(cli, ["import", str(tmp_path / "nope.zip")])
    assert result.exit_code == 2
    assert (
        result.output.strip() == f"whoknows: error: {tmp_path / 'nope.zip'}: no such file or folder"
    )


def test_unknown_file_is_one_line_and_exit_2(runner, tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01garbage")
    result = runner.invoke(cli, ["import", str(junk)])
    assert result.exit_code == 2
    assert "junk.bin" in result.output and "no importer recognises" in result.output


def test_unknown_importer_name_is_exit_2(runner, roster_plugin, tmp_path):
    roster = write_roster(tmp_path / "a.roster", ["Ada,Stripe,Eng,,"])
    result = runner.invoke(cli, ["import", "--format", "nosuch", str(roster)])
    assert result.exit_code == 2
    assert "no importer called 'nosuch'" in result.output


def test_skipped_entries_are_reported_with_where_and_why(runner, roster_plugin, tmp_path):
    roster = write_roster(tmp_path / "a.roster", ["Ada,Stripe,Eng,,", ",Stripe,PM,,"])
    result = runner.invoke(cli, ["import", str(roster)])
    assert result.exit_code == 0
    assert "Skipped 1 in a.roster:" in result.stderr
    assert "1 × no name (line 3)" in result.stderr


def test_an_import_with_no_contacts_is_an_error(runner, roster_plugin, tmp_path):
    roster = write_roster(tmp_path / "a.roster", [",Stripe,PM,,"])
    result = runner.invoke(cli, ["import", str(roster)])
    assert result.exit_code == 2
    assert "no contacts found" in result.output


def test_sources_and_forget(runner, roster_plugin, tmp_path):
    runner.invoke(cli, ["import", str(write_roster(tmp_path / "a.roster", ["Ada,Stripe,Eng,,"]))])
    listed = json.loads(runner.invoke(cli, ["sources", "--format", "json"]).output)
    assert [(s["name"], s["importer"], s["contacts"]) for s in listed] == [("roster", "roster", 1)]
    result = runner.invoke(cli, ["forget", "roster"])
    assert result.exit_code == 0 and "1 contacts deleted" in result.output
    assert runner.invoke(cli, ["Stripe"]).exit_code == 1
    assert runner.invoke(cli, ["forget", "roster"]).exit_code == 2


def test_forget_all_deletes_the_store(runner, roster_plugin, tmp_path, temporary_store):
    runner.invoke(cli, ["import", str(write_roster(tmp_path / "a.roster", ["Ada,Stripe,Eng,,"]))])
    assert temporary_store.exists()
    assert runner.invoke(cli, ["forget", "--all"]).exit_code == 0
    assert not temporary_store.exists()


def test_query_without_a_store_says_what_to_do(runner):
    result = runner.invoke(cli, ["Stripe"])
    assert result.exit_code == 2
    assert "run `whoknows import PATH` first" in result.output


def test_company_named_like_a_command_works_with_at(runner, roster_plugin, tmp_path):
    runner.invoke(cli, ["import", str(write_roster(tmp_path / "a.roster", ["Ada,People,Eng,,"]))])
    result = runner.invoke(cli, ["at", "people", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.output)[0]["name"] == "Ada"


def test_csv_and_markdown_formats(runner, roster_plugin, tmp_path):
    runner.invoke(cli, ["import", str(write_roster(tmp_path / "a.roster", ["Ada,Stripe,Eng,,"]))])
    csv_out = runner.invoke(cli, ["Stripe", "--format", "csv"]).output.splitlines()
    assert csv_out[0].startswith("Name,Title,Company,Status,Ask,Score,Sources,Why")
    assert csv_out[1].startswith("Ada,Eng,Stripe,current,")
    md = runner.invoke(cli, ["Stripe", "--format", "markdown"]).output.splitlines()
    assert md[0].startswith("| Name | Title |") and md[2].startswith("| Ada | Eng |")


def test_store_file_is_private(runner, roster_plugin, tmp_path, temporary_store):
    runner.invoke(cli, ["import", str(write_roster(tmp_path / "a.roster", ["Ada,Stripe,Eng,,"]))])
    assert temporary_store.stat().st_mode & 0o777 == 0o600
    assert temporary_store.parent.stat().st_mode & 0o777 == 0o700


def test_people_source_filter(runner, roster_plugin, tmp_path):
    runner.invoke(
        cli, ["import", "--as", "a", str(write_roster(tmp_path / "a.roster", ["Ada,Stripe,Eng,,"]))]
    )
    runner.invoke(
        cli, ["import", "--as", "b", str(write_roster(tmp_path / "b.roster", ["Bob,Figma,PM,,"]))]
    )
    result = runner.invoke(cli, ["people", "--source", "b", "--format", "json"])
    assert [p["name"] for p in json.loads(result.output)] == ["Bob"]
    result = runner.invoke(cli, ["people", "--source", "nope"])
    assert result.exit_code == 2 and "no source called 'nope'" in result.output


def test_csv_says_how_the_company_matched(runner, roster_plugin, tmp_path):
    runner.invoke(cli, ["import", str(write_roster(tmp_path / "a.roster", ["Ada,Stripe,Eng,,"]))])
    header, row = runner.invoke(cli, ["Stripe", "--format", "csv"]).output.splitlines()
    assert header.endswith(",Why,Match") and row.endswith(",exact")


def test_plain_whoknows_prints_help_and_succeeds(runner):
    result = runner.invoke(cli, [])
    assert result.exit_code == 0
    assert "Find who you know at a company" in result.output
