"""`whoknows crossref TARGETS`: reading target lists, the join, outputs and bad input."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st
from whoknows import Contact, crossref_cli, hookimpl, plugin_manager
from whoknows import crossref as xref
from whoknows.cli import cli
from whoknows.crossref import company_column, read_targets
from whoknows.query import find, find_people
from whoknows.store import Store

APPLICATIONS = REPO / "sample_exports" / "applications.csv"


class PeopleFileImporter:
    """A test importer: a `.people.json` file holding a list of Contact fields."""

    name = "peoplefile"
    description = "Test people files (.people.json)"

    def detect(self, path: Path) -> bool:
        return path.name.endswith(".people.json")

    def read(self, path: Path):
        for fields in json.loads(path.read_text(encoding="utf-8")):
            for key in ("since", "last_message", "endorsed_on", "recommended_on"):
                if fields.get(key):
                    fields[key] = date.fromisoformat(fields[key])
            yield Contact(**fields)


class PeopleFilePlugin:
    @hookimpl
    def register_importers(self, register):
        register(PeopleFileImporter())


@pytest.fixture
def people_plugin():
    pm = plugin_manager.load_plugins()
    plugin = PeopleFilePlugin()
    pm.register(plugin, name="peoplefile-test")
    try:
        yield plugin
    finally:
        pm.unregister(plugin)


# Realistic data: one company written many ways, people known from two sources -------------

COMPANIES = [
    (["Stripe", "Stripe, Inc.", "stripe", "STRIPE INC"], "stripe.com"),
    (["Google", "Google LLC", "Google Inc."], "google.com"),
    (["Meta", "Meta Platforms, Inc.", "Facebook"], "meta.com"),
    (["Procter & Gamble", "The Procter & Gamble Company", "Procter and Gamble", "P&G"], "pg.com"),
    (["IBM", "International Business Machines Corporation"], "ibm.com"),
    (["Société Générale", "Societe Generale SA"], "socgen.com"),
    (["Zalando SE", "Zalando"], "zalando.de"),
    (["Deutsche Bank AG", "Deutsche Bank"], "db.com"),
    (["Amazon Web Services (AWS)", "Amazon", "Amazon.com, Inc."], "amazon.com"),
    (["Shopify", "Shopify Inc."], "shopify.com"),
    (["Datadog, Inc.", "Datadog"], "datadoghq.com"),
    (["Spotify AB", "Spotify"], "spotify.com"),
    (["JPMorgan Chase & Co.", "J.P. Morgan"], "jpmorgan.com"),
    (["McKinsey & Company", "McKinsey"], "mckinsey.com"),
    (["L'Oréal", "L'Oreal Groupe"], "loreal.com"),
    (["Nestlé S.A.", "Nestle"], "nestle.com"),
    (["AT&T", "AT&T Inc."], "att.com"),
    (["3M", "3M Company"], "mmm.com"),
    (["", "Self-employed", "Freelance"], ""),
]
FIRST = "Ada Ben Chloé Dev Emeka Fatima Giulia Hiro Ines Jonas Kofi Lena Mateo Nadia Omar Priya"
LAST = "Okafor Schmidt Rossi Tanaka Dubois Novak García Kim Haddad Lindqvist Moreau Ivanova Singh"
TITLES = [
    "Software Engineer",
    "Senior Product Manager",
    "Technical Recruiter",
    "Data Scientist",
    "Talent Acquisition Partner",
    "Engineering Manager",
    "Brand Manager",
    "",
]


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def generated_world(seed: int = 7, n: int = 300) -> tuple[str, list[dict]]:
    """A LinkedIn Connections.csv and an address book that share some people.

    LinkedIn has the current employer, written one of several ways, and sometimes an e-mail;
    the address book has work or private e-mails, phones, messages and endorsements, and
    sometimes an earlier employer or no company at all.
    """
    rng = random.Random(seed)
    first, last = FIRST.split(), LAST.split()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    book = []
    for i in range(n):
        names, domain = rng.choice(COMPANIES)
        given, family = rng.choice(first), rng.choice(last)
        private = f"{given.lower()}.{family.lower()}{i}@gmail.com"
        work = f"{given.lower()}.{family.lower()}{i}@{domain}" if domain else private
        if rng.random() < 0.7:
            shared = rng.random() < 0.4
            writer.writerow(
                [
                    given,
                    family,
                    f"https://www.linkedin.com/in/{given.lower()}-{family.lower()}-{i}",
                    private if shared else "",
                    rng.choice(names),
                    rng.choice(TITLES),
                    f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} 20{rng.randint(12, 26)}",
                ]
            )
        if rng.random() < 0.5:
            earlier, _ = rng.choice(COMPANIES)
            company = rng.choice([rng.choice(names), rng.choice(earlier), ""])
            book.append(
                {
                    "source_key": f"card{i}",
                    "full_name": f"{given} {family}",
                    "company": company,
                    "title": rng.choice(TITLES),
                    "emails": rng.choice([[private], [work], [private, work]]),
                    "phones": [f"+4930{rng.randint(1000000, 9999999)}"],
                    "messages_sent": rng.choice([0, 0, 0, 2, 9]),
                    "messages_received": rng.choice([0, 1, 4]),
                    "endorsed_skills": rng.choice([[], [], ["Python"], ["SQL", "Leadership"]]),
                }
            )
    return buffer.getvalue(), book


def import_linkedin(runner, tmp_path: Path, connections: str) -> None:
    """Import a Connections.csv (LinkedIn's own format, preamble included)."""
    path = tmp_path / "Connections.csv"
    path.write_text(
        "Notes:\n"
        '"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."\n'
        "\n" + connections,
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["import", str(path)])
    assert result.exit_code == 0, result.output


def import_people(runner, tmp_path: Path, **sources: list[dict]) -> None:
    for name, contacts in sources.items():
        path = tmp_path / f"{name}.people.json"
        path.write_text(json.dumps(contacts), encoding="utf-8")
        result = runner.invoke(cli, ["import", str(path), "--as", name])
        assert result.exit_code == 0, result.output


def crossref_json(runner, *args: str) -> tuple[int, list[dict]]:
    result = runner.invoke(cli, ["crossref", *args, "--format", "json"])
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.stdout)


STRIPE_TEAM = [
    {
        "source_key": "ada",
        "full_name": "Ada Okafor",
        "company": "Stripe, Inc.",
        "title": "Staff Engineer",
        "emails": ["ada@stripe.com"],
        "messages_sent": 12,
        "messages_received": 9,
        "endorsed_skills": ["Python"],
    },
    {
        "source_key": "cy",
        "full_name": "Cy Young",
        "company": "Stripe",
        "title": "Technical Recruiter",
        "emails": ["cy@stripe.com"],
    },
    {
        "source_key": "dora",
        "full_name": "Dora Lind",
        "company": "Stripe",
        "title": "Product Manager",
        "emails": ["dora.lind@gmail.com"],
        "messages_sent": 3,
    },
    {"source_key": "eli", "full_name": "Eli Park", "company": "Google LLC", "title": "SRE"},
    {"source_key": "fay", "full_name": "Fay Chen", "company": "Procter & Gamble", "title": "HR"},
]


DORA_ON_LINKEDIN = (
    "Dora,Lind,https://www.linkedin.com/in/dora-lind,dora.lind@gmail.com,Plaid,"
    "Product Manager,02 Mar 2021"
)
"""Dora's LinkedIn says she moved to Plaid: at Stripe she is a former employee."""


def import_team(runner, tmp_path: Path) -> None:
    """STRIPE_TEAM from an address book, and Dora's LinkedIn connection (her current job)."""
    import_people(runner, tmp_path, book=STRIPE_TEAM)
    connections = tmp_path / "Connections.csv"
    connections.write_text(
        "Notes:\n"
        '"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."\n'
        "\n"
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"{DORA_ON_LINKEDIN}\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["import", str(connections)])
    assert result.exit_code == 0, result.output


# Agreement with `whoknows COMPANY` ---------------------------------------------------------


def test_results_agree_with_asking_for_each_target(
    runner, people_plugin, tmp_path, temporary_store
):
    connections, book = generated_world()
    import_linkedin(runner, tmp_path, connections)
    import_people(runner, tmp_path, book=book)
    written = sorted({name for names, _ in COMPANIES for name in names if name})
    targets = [
        *written,
        *(w.upper() for w in written[:5]),
        "Stripe Inc",
        "The Stripe Company",
        "Alphabet",
        "Strpe",
        "Zylo Robotics",
        "Google",  # listed twice: two applications
    ]
    (tmp_path / "targets.txt").write_text("\n".join(targets) + "\n", encoding="utf-8")

    code, results = crossref_json(runner, str(tmp_path / "targets.txt"))

    assert code == 0
    assert [r["target"] for r in results] == targets
    store = Store.open(temporary_store, create=False)
    try:
        for r in results:
            expected = json.loads(json.dumps(find_people(store, r["target"])))
            assert r["people"] == expected, r["target"]
    finally:
        store.close()
    assert sum(bool(r["people"]) for r in results) >= len(written) - 3


def test_sample_applications_against_sample_exports(runner, temporary_store):
    exports = sorted(REPO.joinpath("sample_exports").glob("*.zip"))
    exports += sorted(REPO.joinpath("sample_exports").glob("*.vcf"))
    assert len(exports) >= 2
    result = runner.invoke(cli, ["import", *map(str, exports)])
    assert result.exit_code == 0, result.output

    code, results = crossref_json(runner, str(APPLICATIONS))

    assert code == 0
    assert len(results) == 15
    store = Store.open(temporary_store, create=False)
    try:
        for r in results:
            assert r["people"] == json.loads(json.dumps(find_people(store, r["target"])))
    finally:
        store.close()
    by_target = {r["target"]: r for r in results}
    assert len(by_target["Stripe"]["people"]) >= 2
    assert by_target["Spotfy"]["people"] == []
    assert "Spotify" in by_target["Spotfy"]["suggestions"]
    assert by_target["Northwind Robotics"]["people"] == []
    assert sum(bool(r["people"]) for r in results) >= 8


# What each target gets ---------------------------------------------------------------------


def test_each_target_lists_people_best_first_and_carries_columns(runner, people_plugin, tmp_path):
    import_team(runner, tmp_path)
    code, results = crossref_json(runner, str(APPLICATIONS))
    assert code == 0
    stripe = next(r for r in results if r["target"] == "Stripe")
    assert [p["name"] for p in stripe["people"]] == ["Ada Okafor", "Cy Young", "Dora Lind"]
    assert [p["status"] for p in stripe["people"]] == ["current", "current", "former"]
    assert stripe["best"]["name"] == "Ada Okafor"
    assert stripe["best"]["ask"] == "endorsement"
    assert stripe["people"][1]["ask"] == "status update"  # a recruiter gives news, not praise
    assert stripe["Role"] and stripe["Status"] and stripe["Link"].startswith("https://")
    assert stripe["Date Applied"]
    assert stripe["suggestions"] == []
    assert set(stripe) == {"target", "people", "best", "suggestions", *carried_columns()}
    for person in stripe["people"]:
        for key in ("name", "company", "title", "status", "ask", "score", "reasons", "match"):
            assert key in person


def carried_columns() -> list[str]:
    return ["Role", "Date Applied", "Status", "Link"]


def test_unmatched_targets_get_did_you_mean(runner, people_plugin, tmp_path):
    import_team(runner, tmp_path)
    targets = tmp_path / "t.txt"
    targets.write_text("Strpe\nZylo Robotics\nProcter and Gambel\n", encoding="utf-8")
    code, results = crossref_json(runner, str(targets))
    assert code == 1
    by_target = {r["target"]: r for r in results}
    assert by_target["Strpe"]["suggestions"] == ["Stripe"]
    assert by_target["Procter and Gambel"]["suggestions"] == ["Procter & Gamble"]
    assert by_target["Zylo Robotics"]["suggestions"] == []
    assert all(r["people"] == [] and r["best"] is None for r in results)


def test_did_you_mean_agrees_with_asking_for_each_target(
    runner, people_plugin, tmp_path, temporary_store
):
    """Close scores rank as `whoknows COMPANY` ranks them: "Gartalo Engineering" (88.2) before
    "Drara Engineering" (87.5), although both round to 88 and Drara comes first in the store."""
    names = [
        "Drara Engineering",
        "Dynra Engineering",
        "Gartalo Engineering Inc.",
        "Cynra Materials",
    ]
    book = [
        {"source_key": f"c{i}", "full_name": f"Person {chr(65 + i)}", "company": name}
        for i, name in enumerate(names)
    ]
    import_people(runner, tmp_path, book=book)
    targets = ["Dralo Engineering", "Dralo Engneering", "Rynara Materials Inc.", "Zylo Robotics"]
    (tmp_path / "t.txt").write_text("\n".join(targets) + "\n", encoding="utf-8")

    code, results = crossref_json(runner, str(tmp_path / "t.txt"))

    assert code == 1
    assert results[0]["suggestions"][:2] == ["Gartalo Engineering Inc.", "Drara Engineering"]
    store = Store.open(temporary_store, create=False)
    try:
        for r in results:
            assert r["suggestions"] == find(store, r["target"])["suggestions"], r["target"]
    finally:
        store.close()


def plain_closest(keys, choices, limit, cutoff):
    """What `closest` stands for: every key scored against every choice in one matrix."""
    from rapidfuzz import fuzz, process

    scores = process.cdist(keys, choices, scorer=fuzz.ratio, score_cutoff=cutoff, dtype="float64")
    return [
        [choices[i] for _, i in sorted((-s, i) for i, s in enumerate(row) if s)[:limit]]
        for row in scores.tolist()
    ]


KEYS = st.text(alphabet="abcd", min_size=1, max_size=14)


@settings(max_examples=300, deadline=None)
@given(
    keys=st.lists(KEYS, min_size=1, max_size=40),
    choices=st.lists(st.text(alphabet="abcd", max_size=16), min_size=1, max_size=60),
    limit=st.integers(1, 4),
    cutoff=st.sampled_from([0, 1, 50, 60, 74, 75, 76, 80, 99, 100]),
)
def test_closest_scores_only_reachable_lengths_with_the_same_answers(keys, choices, limit, cutoff):
    """Choices with repeats, ties and lengths on either side of the band: the same names in
    the same order."""
    assert xref.closest(keys, choices, limit, cutoff) == plain_closest(keys, choices, limit, cutoff)


@pytest.mark.parametrize("lengths", [(6, 6), (2, 12)])
def test_closest_with_more_keys_than_a_batch(lengths):
    """Several batches, of one length or of several (their band the union of their lengths')."""
    rng = random.Random(6)
    n = 3 * xref.SUGGEST_BATCH + 5
    keys = ["".join(rng.choices("abc", k=rng.randint(*lengths))) for _ in range(n)]
    choices = ["".join(rng.choices("abc", k=rng.randint(1, 16))) for _ in range(300)]
    found = xref.closest(keys, choices, 3, 75)
    assert found == plain_closest(keys, choices, 3, 75)
    assert sum(map(bool, found)) > n // 2


@pytest.mark.parametrize("length", range(1, 40))
def test_may_reach_is_exactly_the_lengths_a_ratio_can_reach(length):
    """A string against the best-placed string of each other length (one containing it, or
    contained in it): the ratio reaches the cut-off exactly where `may_reach` says it may."""
    from rapidfuzz import fuzz

    for other in range(0, 80):
        a, b = "x" * length, "x" * other
        for cutoff in (60, 75, 90):
            assert (fuzz.ratio(a, b) >= cutoff) == xref.may_reach(length, other, cutoff)


def test_summary_counts_endorsement_status_update_and_nothing(runner, people_plugin, tmp_path):
    import_team(runner, tmp_path)
    targets = tmp_path / "t.txt"
    targets.write_text("Stripe\nGoogle\nProcter & Gamble\nZylo Robotics\n", encoding="utf-8")
    result = runner.invoke(cli, ["crossref", str(targets)])
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert last == (
        "4 targets: 1 with an endorsement path, 2 with a status-update path, 1 with nobody yet."
    )
    assert "Ada Okafor" in result.output and "Eli Park" in result.output
    assert "Zylo Robotics" in result.output


def test_current_only(runner, people_plugin, tmp_path):
    import_team(runner, tmp_path)
    (tmp_path / "t.txt").write_text("Stripe\n", encoding="utf-8")
    _, results = crossref_json(runner, str(tmp_path / "t.txt"), "--current")
    assert [p["name"] for p in results[0]["people"]] == ["Ada Okafor", "Cy Young"]


def test_nobody_anywhere_exits_1(runner, people_plugin, tmp_path):
    import_team(runner, tmp_path)
    (tmp_path / "t.txt").write_text("Oracle\nSAP\n", encoding="utf-8")
    result = runner.invoke(cli, ["crossref", str(tmp_path / "t.txt")])
    assert result.exit_code == 1
    assert "2 with nobody yet" in result.output


# Reading target files ----------------------------------------------------------------------

TRACKER_ROWS = [
    ["Company", "Role", "Date Applied", "Status"],
    ["Société Générale", "Quant Developer", "2026-10-03", "Applied"],
    ["Nestlé", "Data Engineer", "2026-10-05", "Interviewing"],
    ["Stripe, Inc.", "Backend Engineer", "2026-10-09", "Rejected"],
]


def delimited(rows: list[list[str]], sep: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep).writerows(rows)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("encoding", "sep", "suffix"),
    [
        ("utf-8", ",", ".csv"),
        ("utf-8-sig", ",", ".csv"),
        ("utf-16", "\t", ".tsv"),
        ("utf-16", "\t", ".txt"),
        ("cp1252", ";", ".csv"),
        ("utf-8-sig", ";", ""),
    ],
)
def test_tables_in_any_usual_encoding_and_delimiter(tmp_path, encoding, sep, suffix):
    path = tmp_path / f"applications{suffix}"
    path.write_bytes(delimited(TRACKER_ROWS, sep).encode(encoding))
    table = read_targets(path)
    assert list(table.columns) == ["target", "Role", "Date Applied", "Status"]
    assert table["target"].tolist() == ["Société Générale", "Nestlé", "Stripe, Inc."]
    assert table["Status"].tolist() == ["Applied", "Interviewing", "Rejected"]


def test_csv_with_quoted_commas_and_a_preamble(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "Job search export,,\n"
        "Generated 2026-11-20,,\n"
        "\n"
        "Organisation,Position,Notes\n"
        '"Procter & Gamble, Inc.",Brand Manager,"Referral via Fay, met at a meetup"\n'
        "Google,SRE,\n"
        ",Orphan row without a company,\n",
        encoding="utf-8",
    )
    table = read_targets(path)
    assert table["target"].tolist() == ["Procter & Gamble, Inc.", "Google"]
    assert table["Notes"].tolist() == ["Referral via Fay, met at a meetup", ""]


@pytest.mark.parametrize(
    "rows", [["Stripe,Eng,extra,cells", "Google,SRE"], ["Stripe,Eng", "Google,SRE,x"]]
)
def test_rows_with_extra_cells_keep_the_first_ones(tmp_path, rows):
    path = tmp_path / "apps.csv"
    path.write_text("Company,Role\n" + "\n".join(rows) + "\n", encoding="utf-8")
    table = read_targets(path)
    assert table.to_dict("list") == {"target": ["Stripe", "Google"], "Role": ["Eng", "SRE"]}


@pytest.mark.parametrize(
    "header", ["Company Name", "ORGANIZATION", "Employer", "Firma", "Entreprise", "Empresa"]
)
def test_company_column_found_by_name(header):
    assert company_column(["Role", header, "Status"]) == header


def test_company_column_by_option(runner, people_plugin, tmp_path):
    import_team(runner, tmp_path)
    path = tmp_path / "t.csv"
    path.write_text("Where,Role\nStripe,Engineer\n", encoding="utf-8")
    code, results = crossref_json(runner, str(path), "--column", "where")
    assert code == 0
    assert results[0]["target"] == "Stripe" and results[0]["Role"] == "Engineer"
    assert len(results[0]["people"]) == 3


def test_plain_list_with_comments_and_blank_lines(tmp_path):
    path = tmp_path / "targets.txt"
    path.write_text("# dream list\nStripe, Inc.\n\n  Google  \nProcter & Gamble\n", "utf-8")
    table = read_targets(path)
    assert table["target"].tolist() == ["Stripe, Inc.", "Google", "Procter & Gamble"]
    assert list(table.columns) == ["target"]


def test_stdin(runner, people_plugin, tmp_path):
    import_team(runner, tmp_path)
    result = runner.invoke(
        cli, ["crossref", "-", "--format", "json"], input="Company;Role\nStripe;Eng\n"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["Role"] == "Eng"


def test_excel_workbook_with_a_title_row_and_dates(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["My applications"])
    sheet.append([])
    sheet.append(["Employer", "Role", "Date Applied", "Salary"])
    sheet.append(["Stripe", "Backend Engineer", date(2026, 11, 2), 185000])
    sheet.append(["Meta", "Product Designer", date(2026, 11, 4), None])
    path = tmp_path / "applications.xlsx"
    book.save(path)
    table = read_targets(path)
    assert table.to_dict("records") == [
        {
            "target": "Stripe",
            "Role": "Backend Engineer",
            "Date Applied": "2026-11-02",
            "Salary": "185000",
        },
        {"target": "Meta", "Role": "Product Designer", "Date Applied": "2026-11-04", "Salary": ""},
    ]


# Output formats ----------------------------------------------------------------------------


def test_csv_output_one_row_per_person_and_per_empty_target(runner, people_plugin, tmp_path):
    import_team(runner, tmp_path)
    (tmp_path / "t.txt").write_text("Stripe\nStrpe\n", encoding="utf-8")
    result = runner.invoke(cli, ["crossref", str(tmp_path / "t.txt"), "--format", "csv"])
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("Target,Name,Title,Current/former,Ask,Score,Match,Why,Contact first")
    assert len(lines) == 1 + 3 + 1
    assert lines[1].startswith("Stripe,Ada Okafor,") and ",yes," in lines[1]
    assert lines[-1].startswith("Strpe,") and lines[-1].endswith(",Stripe")
    assert "1 with nobody yet" in result.stderr


def test_markdown_output(runner, people_plugin, tmp_path):
    import_team(runner, tmp_path)
    result = runner.invoke(cli, ["crossref", str(APPLICATIONS), "--format", "markdown"])
    assert result.exit_code == 0
    text = result.output
    assert text.startswith("## Stripe\n\nBackend Engineer (Payments) · 2026-10-28 · Interviewing")
    assert "| → | Ada Okafor | Staff Engineer | current | endorsement |" in text
    assert "## Nobody yet\n\n- Meta\n" in text
    assert "with nobody yet." in text.strip().splitlines()[-1]


def test_table_groups_people_under_each_target(runner, people_plugin, tmp_path):
    import_team(runner, tmp_path)
    path = tmp_path / "apps.csv"
    path.write_text("Company,Role\nStripe,Backend\nStrpe,Typo\nGoogle,SRE\n", encoding="utf-8")
    result = runner.invoke(cli, ["crossref", str(path)])
    lines = result.output.splitlines()
    stripe = lines.index("Stripe — Backend")
    assert lines[stripe + 1].split()[:3] == ["→", "Ada", "Okafor"]
    assert lines[stripe + 2].split()[:2] == ["Cy", "Young"]
    assert lines[stripe + 3].split()[:2] == ["Dora", "Lind"]
    assert lines[stripe + 5] == "Google — SRE"
    assert "Nobody yet at 1:" in lines
    assert "  Strpe (did you mean Stripe?)" in lines


def test_carried_columns_never_mix_with_person_fields(runner, people_plugin, tmp_path):
    import_team(runner, tmp_path)
    path = tmp_path / "apps.csv"
    path.write_text("company,title,people\nGoogle,Dream job,3\n", encoding="utf-8")
    code, results = crossref_json(runner, str(path))
    assert code == 0
    assert results[0]["title"] == "Dream job"
    assert results[0]["people (column)"] == "3"
    assert results[0]["people"][0]["title"] == "SRE"
    result = runner.invoke(cli, ["crossref", str(path), "--format", "csv"])
    header, row = result.stdout.splitlines()
    assert header.startswith("Target,title,people (column),Name,Title,")
    assert row.startswith("Google,Dream job,3,Eli Park,SRE,")


def test_xlsx_output_has_targets_and_people_sheets(runner, people_plugin, tmp_path):
    import_team(runner, tmp_path)
    out = tmp_path / "results.xlsx"
    result = runner.invoke(cli, ["crossref", str(APPLICATIONS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Targets", "People"]
    targets = list(book["Targets"].values)
    assert targets[0][:6] == ("Target", "Role", "Date Applied", "Status", "Link", "Path")
    stripe = next(row for row in targets if row[0] == "Stripe")
    assert stripe[5:7] == ("endorsement", "Ada Okafor")
    people = list(book["People"].values)
    assert {row[5] for row in people[1:]} >= {"Ada Okafor", "Cy Young", "Eli Park"}


def test_xlsx_needs_an_output_file(runner, tmp_path):
    (tmp_path / "t.txt").write_text("Stripe\n", encoding="utf-8")
    result = runner.invoke(cli, ["crossref", str(tmp_path / "t.txt"), "--format", "xlsx"])
    assert result.exit_code == 2
    assert "--output" in result.output


def test_json_output_to_a_file(runner, people_plugin, tmp_path):
    import_team(runner, tmp_path)
    (tmp_path / "t.txt").write_text("Google\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = runner.invoke(cli, ["crossref", str(tmp_path / "t.txt"), "--output", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(out.read_text("utf-8"))[0]["people"][0]["name"] == "Eli Park"


def test_written_output_is_the_same_text_on_the_screen_and_in_a_file(
    runner, people_plugin, tmp_path
):
    import_team(runner, tmp_path)
    (tmp_path / "t.txt").write_text("Stripe\nGoogle\nZylo Robotics\n", encoding="utf-8")
    for fmt, suffix in (("json", ".json"), ("csv", ".csv")):  # their summary goes to stderr
        shown = runner.invoke(cli, ["crossref", str(tmp_path / "t.txt"), "--format", fmt])
        out = tmp_path / f"out{suffix}"
        runner.invoke(cli, ["crossref", str(tmp_path / "t.txt"), "-o", str(out)])
        assert out.read_text("utf-8") == shown.stdout, fmt
        assert shown.stdout.endswith("\n") and not shown.stdout.endswith("\n\n"), fmt


# Bad input ---------------------------------------------------------------------------------


def broken_xlsx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    return path


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.csv", b"", "empty file"),
        ("blank.txt", b"\n  \n", "empty file"),
        ("header-only.csv", b"Company,Role\n", "no company names"),
        ("people.csv", b"Name,Role,Status\nAda,Engineer,Applied\n", "columns found: 'Name'"),
        ("binary.csv", b"\x00\x01\x02\xff\xfe\x00garbage\x00" * 20, "binary"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        ("truncated.xlsx", b"PK\x03\x04garbage", "not a readable .xlsx"),
    ],
)
def test_bad_input_is_one_line_naming_the_file(runner, tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(cli, ["crossref", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert name in lines[0] and problem in lines[0]


def test_unreadable_spreadsheet_and_missing_file(runner, tmp_path):
    result = runner.invoke(cli, ["crossref", str(broken_xlsx(tmp_path / "apps.xlsx"))])
    assert result.exit_code == 2
    assert "apps.xlsx: not a readable .xlsx workbook" in result.output
    result = runner.invoke(cli, ["crossref", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2
    assert "nope.csv: no such file" in result.output


@pytest.mark.parametrize("name", ["out.json", "out.csv", "out.md", "out.xlsx"])
def test_an_output_file_that_cannot_be_written_is_one_line(runner, people_plugin, tmp_path, name):
    import_team(runner, tmp_path)
    (tmp_path / "t.txt").write_text("Stripe\n", encoding="utf-8")
    out = tmp_path / "no-such-folder" / name
    result = runner.invoke(cli, ["crossref", str(tmp_path / "t.txt"), "-o", str(out)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert f"whoknows: error: {out}: cannot write it (" in result.output


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_a_write_that_fails_midway_leaves_the_earlier_file_whole(
    runner, people_plugin, tmp_path, monkeypatch, fmt
):
    """A full disk (or Ctrl-C) while the output is written: last week's file is still there,
    whole, and no half-written file is left beside it."""
    import_team(runner, tmp_path)
    (tmp_path / "t.txt").write_text("Stripe\nGoogle\n", encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    args = ["crossref", str(tmp_path / "t.txt"), "-o", str(out)]
    assert runner.invoke(cli, args).exit_code == 0
    earlier = out.read_bytes()
    out.chmod(0o640)

    def disk_full(*args, **kwargs):
        yield "[\n" if fmt == "json" else "Target\n"
        raise OSError(28, "No space left on device")

    if fmt == "xlsx":

        def save_then_full(book, file):  # some bytes of the workbook land, then the disk is full
            file.write(b"PK\x03\x04 half a workbook")  # pandas passes its open file
            file.flush()
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("openpyxl.Workbook.save", save_then_full)
    else:
        monkeypatch.setattr(crossref_cli, "to_json", disk_full)
        monkeypatch.setattr("whoknows.output.csv_records", disk_full)
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert f"{out}: cannot write it (No space left on device)" in result.output
    assert out.read_bytes() == earlier
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert out.stat().st_mode & 0o777 == 0o640


def test_a_new_output_file_is_private_and_a_replaced_one_keeps_its_mode(
    runner, people_plugin, tmp_path
):
    import_team(runner, tmp_path)
    (tmp_path / "t.txt").write_text("Stripe\n", encoding="utf-8")
    out = tmp_path / "report.json"
    args = ["crossref", str(tmp_path / "t.txt"), "-o", str(out)]
    assert runner.invoke(cli, args).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o600  # names and phone numbers: the owner's only
    out.chmod(0o644)
    link = tmp_path / "latest.json"
    link.symlink_to(out)
    result = runner.invoke(cli, ["crossref", str(tmp_path / "t.txt"), "-o", str(link)])
    assert result.exit_code == 0
    assert link.is_symlink() and json.loads(out.read_text("utf-8"))[0]["target"] == "Stripe"
    assert out.stat().st_mode & 0o777 == 0o644


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_output_to_dev_stdout_is_written_directly(
    runner, people_plugin, tmp_path, temporary_store, fmt
):
    """``-o /dev/stdout`` into a pipe: written there, as a script reading it expects."""
    import_team(runner, tmp_path)
    (tmp_path / "t.txt").write_text("Stripe\n", encoding="utf-8")
    args = ["crossref", str(tmp_path / "t.txt"), "--format", fmt]
    expected = runner.invoke(cli, args).stdout
    result = subprocess.run(
        [sys.executable, "-m", "whoknows", *args, "-o", "/dev/stdout"],
        capture_output=True,
        text=True,
        env={**os.environ, "WHOKNOWS_DB": str(temporary_store)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected
    assert "Wrote /dev/stdout." in result.stderr


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
def test_dev_stdout_appended_to_a_log_keeps_the_log(
    runner, people_plugin, tmp_path, temporary_store
):
    """``-o /dev/stdout >> log``: added to the end of the log, which is not emptied first."""
    import_team(runner, tmp_path)
    (tmp_path / "t.txt").write_text("Stripe\n", encoding="utf-8")
    args = ["crossref", str(tmp_path / "t.txt"), "--format", "csv"]
    expected = runner.invoke(cli, args).stdout
    log = tmp_path / "log.txt"
    log.write_text("earlier runs\n", encoding="utf-8")
    with log.open("a", encoding="utf-8") as appended:
        result = subprocess.run(
            [sys.executable, "-m", "whoknows", *args, "-o", "/dev/stdout"],
            stdout=appended,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "WHOKNOWS_DB": str(temporary_store)},
            check=False,
        )
    assert result.returncode == 0, result.stderr
    assert log.read_text("utf-8") == "earlier runs\n" + expected


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
def test_dev_stdout_closed_by_its_reader_ends_quietly(
    runner, people_plugin, tmp_path, temporary_store
):
    """``-o /dev/stdout | head``: the reader stops early; whoknows stops as it does writing to
    the screen (exit 141, no error line)."""
    import_team(runner, tmp_path)
    (tmp_path / "t.txt").write_text("Stripe\n" * 3000, encoding="utf-8")  # megabytes of JSON
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "whoknows",
            "crossref",
            str(tmp_path / "t.txt"),
            "-o",
            "/dev/stdout",
            "--format",
            "json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "WHOKNOWS_DB": str(temporary_store)},
    )
    assert process.stdout.read(10).startswith(b"[")
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141, errors
    assert "error" not in errors and "Traceback" not in errors


def test_a_folder_you_cannot_add_to_has_its_file_written_in_place(
    runner, people_plugin, tmp_path, monkeypatch
):
    """A report you may write in a shared folder you may not add files to (no temporary file
    beside it): written in place, as before."""
    import_team(runner, tmp_path)
    (tmp_path / "t.txt").write_text("Stripe\n", encoding="utf-8")
    out = tmp_path / "report.json"
    out.write_text("last week\n", encoding="utf-8")

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refused)
    result = runner.invoke(cli, ["crossref", str(tmp_path / "t.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text("utf-8"))[0]["target"] == "Stripe"


def test_missing_named_column_lists_the_columns(runner, tmp_path):
    path = tmp_path / "apps.csv"
    path.write_text("Company,Role\nStripe,Eng\n", encoding="utf-8")
    result = runner.invoke(cli, ["crossref", str(path), "--column", "Employer"])
    assert result.exit_code == 2
    assert "apps.csv: no column 'Employer'; columns found: 'Company', 'Role'" in result.output


# The quick path stays quick ------------------------------------------------------------------


def test_pandas_is_not_imported_by_the_company_query(tmp_path):
    code = (
        "import sys\n"
        "from whoknows.cli import cli\n"
        "try:\n"
        "    cli(['Stripe'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('pandas' in sys.modules, 'whoknows.crossref' in sys.modules)\n"
    )
    Store.open(tmp_path / "db.sqlite").close()
    env = {"WHOKNOWS_DB": str(tmp_path / "db.sqlite"), "PATH": ""}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert out.stdout.strip() == "False False", out.stderr


def test_an_initialism_alias_data_gives_elsewhere_agrees_with_asking_for_it(runner, tmp_path):
    """ "ISS" is a company in alias data that nobody here works at; `whoknows ISS` then finds the
    store's own company with those initials, and crossref must give the same answer."""
    import_linkedin(
        runner,
        tmp_path,
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Nia,Okafor,,,Integrated Software Solutions,Engineer,01 Jan 2024\n"
        "Tom,Berg,,,Stripe,Engineer,01 Jan 2024\n",
    )
    (tmp_path / "targets.txt").write_text("ISS\nStripe\n", encoding="utf-8")
    code, results = crossref_json(runner, str(tmp_path / "targets.txt"))
    asked = runner.invoke(cli, ["ISS", "--format", "json"])
    assert code == 0 and asked.exit_code == 0
    assert results[0]["people"] == json.loads(asked.stdout)
    assert [p["match"] for p in results[0]["people"]] == ["initialism"]
