"""Tests for whoknows-google-contacts. Run after ``pip install -e '.[test]'``: ``pytest``.

The fixtures (made up, in the exact shapes of real exports) are written by
tests/fixtures/make_fixtures.py. ``whoknows_cli`` and ``whoknows_db`` come from whoknows'
pytest plugin (whoknows.testing).
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
import whoknows_google_contacts as plugin
from whoknows import BadInput, Contact, Skipped
from whoknows.testing import importer_for

FIXTURES = Path(__file__).parent / "fixtures"
google = plugin.GoogleContactsImporter()
outlook = plugin.OutlookImporter()


def contacts(importer, path: Path) -> list[Contact]:
    return [r for r in importer.read(path) if isinstance(r, Contact)]


def by_name(importer, path: Path) -> dict[str, Contact]:
    return {c.full_name: c for c in contacts(importer, path)}


def test_the_installed_plugin_is_listed_with_both_importers(whoknows_cli):
    result = whoknows_cli("plugins", "--format", "json")
    assert result.exit_code == 0
    mine = next(p for p in result.json() if p["name"] == "google-contacts")
    assert mine["importers"] == ["google-contacts", "outlook-csv"]
    assert mine["version"] == "0.1.0"
    assert mine["builtin"] is False
    assert "register_importers" in mine["hooks"]


@pytest.mark.parametrize(
    ("fixture", "importer"),
    [
        ("google_legacy_utf16.csv", "google-contacts"),
        ("google_legacy_old.csv", "google-contacts"),
        ("google_layout_a.csv", "google-contacts"),
        ("google_layout_b.csv", "google-contacts"),
        ("outlook_en.csv", "outlook-csv"),
        ("outlook_de.csv", "outlook-csv"),
        ("outlook_fr.csv", "outlook-csv"),
        ("livemail_de.csv", "outlook-csv"),
    ],
)
def test_whoknows_picks_the_right_importer(fixture, importer):
    assert importer_for(FIXTURES / fixture) == importer


def test_google_legacy_layout_in_utf16_with_multi_values():
    path = FIXTURES / "google_legacy_utf16.csv"
    assert path.read_bytes().startswith(codecs.BOM_UTF16_LE)
    records = list(google.read(path))
    people = {r.full_name: r for r in records if isinstance(r, Contact)}
    priya = people["Priya Raman"]
    assert priya.emails == ["priya.raman@stripe.example", "praman@mail.example"]
    assert (priya.company, priya.title, priya.department) == (
        "Stripe",
        "Staff Engineer",
        "Payments",
    )
    assert priya.profile_urls == ["https://www.linkedin.com/in/priya-raman-example"]
    assert priya.categories == ["starred", "Climbing"]  # "* myContacts" is every contact
    assert priya.birthday is True
    assert people["Zoë Kowalczyk"].phones == ["+48 600 000 001", "+48 22 000 0002"]
    assert people["Zoë Kowalczyk"].note == "Met at PyCon, talked about\nrecommendation systems"
    assert [r for r in records if isinstance(r, Skipped)] == [
        Skipped("line 6", "no name, e-mail address or phone number")
    ]


def test_google_legacy_layout_without_language_and_photo_columns():
    hannah = by_name(google, FIXTURES / "google_legacy_old.csv")["Hannah Lindqvist"]
    assert (hannah.company, hannah.title) == ("Klarna", "Engineering Manager")
    assert hannah.categories == []  # "* My Contacts", the older spelling of the system group


def test_google_newer_layouts():
    a = by_name(google, FIXTURES / "google_layout_a.csv")
    assert (a["Amara Okafor"].company, a["Amara Okafor"].title) == ("Stripe", "Recruiter")
    assert a["Lukas J. Brenner"].emails == ["lukas.brenner@mail.example"]  # same, other case
    assert a["Lukas J. Brenner"].birthday is True
    b = by_name(google, FIXTURES / "google_layout_b.csv")
    assert (b["Mei Tanaka"].company, b["Mei Tanaka"].title) == ("Shopify", "Senior Developer")
    assert b["Plumber"].phones == ["+1 555 0100"]


def test_google_email_spelled_without_hyphen(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(
        "First Name,Last Name,Organization Name,Email 1 - Label,Email 1 - Value\n"
        "Ana,Lima,Nubank,* Work,ana@nubank.example\n",
        encoding="utf-8",
    )
    assert google.detect(path)
    assert contacts(google, path)[0].emails == ["ana@nubank.example"]


def test_outlook_english_windows_1252():
    path = FIXTURES / "outlook_en.csv"
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    people = by_name(outlook, path)
    renee = people["Renée Fontaine"]
    assert (renee.company, renee.department, renee.title) == ("Stripe", "Risk", "Head of Risk")
    assert renee.birthday is False  # "0/0/00" is Outlook's empty date
    assert renee.categories == ["Business", "Payments"]
    assert renee.profile_urls == ["https://www.linkedin.com/in/renee-fontaine-example"]
    # An Exchange (EX) address is an X.500 path, not an e-mail address.
    assert people["Jürgen Weiß"].emails == ["juergen.weiss@siemens.example"]
    assert people["Jürgen Weiß"].birthday is True


def test_outlook_translated_headers():
    soeren = by_name(outlook, FIXTURES / "outlook_de.csv")["Sören Müller"]
    assert (soeren.company, soeren.title) == ("SAP", "Softwareentwickler")
    assert soeren.emails == ["soeren.mueller@sap.example"]
    assert soeren.note == ""  # Outlook writes a lone line break into empty notes
    etienne = by_name(outlook, FIXTURES / "outlook_fr.csv")["Étienne Lefèvre"]
    # French Outlook has two "Titre" columns: the honorific, then the job title.
    assert (etienne.company, etienne.title) == ("Stripe", "Contrôleur de gestion")


def test_a_long_utf8_export_is_detected_whatever_byte_detect_stops_at(tmp_path):
    header = (FIXTURES / "outlook_fr.csv").read_bytes().decode("cp1252").splitlines()[0]
    head = (header + "\r\n").encode("utf-8") + b'"'
    # A first row long enough that the last byte detect() reads is half of an "é".
    filler = b"x" * (plugin.HEAD_BYTES - 1 - len(head) - len(b'"\r\n"Soci'))
    data = head + filler + '"\r\n"Société Générale"\r\n'.encode()
    assert data[plugin.HEAD_BYTES - 1 : plugin.HEAD_BYTES + 1] == "é".encode()
    path = tmp_path / "contacts.csv"
    path.write_bytes(data)
    assert outlook.detect(path)


def test_windows_live_mail_semicolons():
    kai = by_name(outlook, FIXTURES / "livemail_de.csv")["Kai Schröder"]
    assert (kai.company, kai.title, kai.phones) == (
        "Deutsche Bahn",
        "Projektleiter",
        ["+49 30 0000000"],
    )


def test_other_csv_files_are_left_to_other_importers(tmp_path):
    linkedin = tmp_path / "Connections.csv"
    linkedin.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Byron,https://www.linkedin.com/in/ada,,Analytical Engines,Engineer,01 Jan 2024\n",
        encoding="utf-8",
    )
    notes = tmp_path / "notes.txt"
    notes.write_text("First Name,E-mail 1 - Value\n", encoding="utf-8")
    for path in (linkedin, notes):
        assert not google.detect(path) and not outlook.detect(path)


def test_forcing_the_wrong_importer_is_a_one_line_error():
    with pytest.raises(BadInput) as error:
        list(google.read(FIXTURES / "outlook_en.csv"))
    assert str(error.value).startswith(str(FIXTURES / "outlook_en.csv"))


def test_import_then_ask_through_the_command_line(whoknows_cli):
    result = whoknows_cli(
        "import", FIXTURES / "google_legacy_utf16.csv", FIXTURES / "outlook_en.csv"
    )
    assert result.exit_code == 0, result.stderr
    found = whoknows_cli("Stripe", "--format", "json")
    assert found.exit_code == 0
    names = {p["name"] for p in found.json()}
    assert {"Priya Raman", "Tomás Ó Briain", "Renée Fontaine"} <= names
    assert "Zoë Kowalczyk" not in names
