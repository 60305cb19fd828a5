"""The example plugin, installed as a user would: a fresh virtual environment with whoknows
and examples/whoknows-google-contacts installed from their folders, then `whoknows import`.
"""

from __future__ import annotations

import json

import pytest
from plugin_venv import REPO, copy_sources

EXAMPLE = REPO / "examples" / "whoknows-google-contacts"
FIXTURES = EXAMPLE / "tests" / "fixtures"
SAMPLES = REPO.parent / "shared" / "samples" / "google_outlook_csv"


@pytest.fixture(scope="module")
def venv(plugin_venv, tmp_path_factory):
    """The session's fresh environment, with the example plugin installed from a copy."""
    plugin_venv.install(copy_sources(EXAMPLE, tmp_path_factory.mktemp("src") / EXAMPLE.name))
    return plugin_venv


@pytest.fixture
def whoknows(venv, tmp_path):
    """Run the installed `whoknows` on a store of this test's own."""
    db = tmp_path / "store.db"
    return lambda *args: venv.run("whoknows", *args, env={"WHOKNOWS_DB": str(db)})


def test_the_plugin_is_listed_with_its_importers_beside_the_builtins(whoknows):
    result = whoknows("plugins", "--format", "json")
    assert result.returncode == 0, result.stderr
    plugins = {p["name"]: p for p in json.loads(result.stdout)}
    example = plugins["google-contacts"]
    assert example["version"] == "0.1.0"
    assert example["builtin"] is False
    assert example["hooks"] == ["register_importers"]
    assert example["importers"] == ["google-contacts", "outlook-csv"]
    assert plugins["linkedin"]["builtin"] is True


def test_import_through_the_plugin_then_find_its_people(whoknows):
    imported = whoknows("import", FIXTURES / "google_legacy_utf16.csv", FIXTURES / "outlook_de.csv")
    assert imported.returncode == 0, imported.stderr
    assert "(google-contacts)" in imported.stdout and "(outlook-csv)" in imported.stdout
    stripe = whoknows("Stripe", "--format", "json")
    assert stripe.returncode == 0, stripe.stderr
    assert {p["name"] for p in json.loads(stripe.stdout)} == {"Priya Raman", "Tomás Ó Briain"}
    sap = json.loads(whoknows("SAP", "--format", "json").stdout)
    assert [(p["name"], p["title"]) for p in sap] == [("Sören Müller", "Softwareentwickler")]
    assert whoknows("Initech").returncode == 1


def test_format_forces_the_plugin_importer(whoknows):
    forced = whoknows("import", "--format", "google-contacts", FIXTURES / "outlook_en.csv")
    assert forced.returncode == 2
    assert forced.stderr.strip().splitlines() == [
        f"whoknows: error: {FIXTURES / 'outlook_en.csv'}: "
        "not a Google Contacts CSV export (no 'E-mail 1 - Value' column)"
    ]


@pytest.mark.parametrize(
    ("sample", "company", "person"),
    [
        ("outlook_importer__outlook_2007_de.csv", "Coding Robin", "Robin Example"),
        ("outlook_importer__livemail_de.csv", "Coding Robin", "Robin Example"),
    ],
)
def test_real_exports_from_shared_samples(whoknows, sample, company, person):
    path = SAMPLES / sample
    if not path.exists():
        pytest.skip(f"{SAMPLES} is not beside the repository")
    imported = whoknows("import", path)
    assert imported.returncode == 0, imported.stderr
    assert "(outlook-csv)" in imported.stdout
    found = json.loads(whoknows(company, "--format", "json").stdout)
    assert [p["name"] for p in found] == [person]


def test_the_plugin_leaves_every_other_export_to_the_builtin_importers(venv):
    others = sorted(p for p in (REPO / "sample_exports").iterdir() if p.suffix != ".py")
    if SAMPLES.parent.exists():
        others += sorted(
            p
            for p in SAMPLES.parent.glob("*/*")
            if p.parent != SAMPLES and p.suffix.lower() in {".csv", ".vcf", ".json", ".js", ".zip"}
        )
    assert others
    script = (
        "import sys\n"
        "from whoknows import BadInput\n"
        "from whoknows.testing import importer_for\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        print(importer_for(path))\n"
        "    except BadInput:\n"
        "        print('-')\n"
    )
    chosen = venv.run("python", "-c", script, *others)
    assert chosen.returncode == 0, chosen.stderr
    claimed = dict(zip(others, chosen.stdout.split(), strict=True))
    assert not {p: i for p, i in claimed.items() if i in {"google-contacts", "outlook-csv"}}


def test_the_example_plugin_own_test_suite_passes(venv, tmp_path):
    copy = copy_sources(EXAMPLE, tmp_path / EXAMPLE.name)
    result = venv.run("pytest", "-q", "-p", "no:cacheprovider", cwd=copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout and "skipped" not in result.stdout
