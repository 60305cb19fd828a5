"""The vCard importer on each writer's shape, on each vobject trap, and on bad input."""

from __future__ import annotations

import base64
import io
import json
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, SHARED
from hypothesis import given
from hypothesis import strategies as st
from whoknows import BadInput, Contact, Skipped
from whoknows.cli import cli
from whoknows.importers import all_importers
from whoknows.plugins import vcard
from whoknows.plugins.vcard import VCardImporter, read_stream

FIXTURES = Path(__file__).parent / "fixtures" / "vcard"
# CI puts shared/ beside the repository; a worktree in /work/wt/NAME has it one level higher.
SAMPLES = (
    next((d for d in (SHARED, REPO.parent.parent / "shared") if d.is_dir()), SHARED)
    / "samples"
    / "vcard"
)


@pytest.fixture(autouse=True)
def us_region(monkeypatch):
    """Numbers without a country code are read as US numbers unless a test says otherwise."""
    monkeypatch.setenv("WHOKNOWS_REGION", "US")


def read(path: Path) -> tuple[list[Contact], list[Skipped]]:
    records = list(VCardImporter().read(path))
    contacts = [r for r in records if isinstance(r, Contact)]
    skipped = [r for r in records if isinstance(r, Skipped)]
    assert len(contacts) + len(skipped) == len(records)
    return contacts, skipped


def read_one(path: Path) -> Contact:
    contacts, skipped = read(path)
    assert skipped == []
    assert len(contacts) == 1
    return contacts[0]


def card_file(tmp_path: Path, text: str, eol: str = "\r\n", name: str = "card.vcf") -> Path:
    path = tmp_path / name
    path.write_bytes(eol.join(text.strip("\n").split("\n")).encode("utf-8") + eol.encode())
    return path


# Each writer's shape ----------------------------------------------------------------------


def test_apple_ios_card_with_cr_cr_lf_item_groups_and_photo():
    assert b"\r\r\n" in (FIXTURES / "apple_ios.vcf").read_bytes()
    c = read_one(FIXTURES / "apple_ios.vcf")
    assert c.full_name == "Dr. Adaeze Okonkwo"
    assert (c.given_name, c.family_name) == ("Adaeze", "Okonkwo")
    assert (c.company, c.department) == ("Northwind Health", "Clinical Informatics")
    assert c.title == "VP, Data Platform"
    assert c.emails == ["adaeze.okonkwo@northwind.example", "ada.okonkwo@icloud.example"]
    assert c.phones == ["+14155550101", "+14155550102", "+14155550103"]
    assert c.profile_urls == ["https://www.linkedin.com/in/adaeze-okonkwo-md"]
    assert c.extra["urls"] == "http://northwind.example"
    assert c.birthday is True
    assert c.note == "Introduced by Sam, at the 2022 offsite. Ask about the data team; hiring soon."
    assert c.source_key == "uid:3F1B7C2A-9D44-4E1F-8A6B-2C5D7E9F1A03"


def test_mac_address_book_bare_base64_photo_and_role_as_title():
    c = read_one(FIXTURES / "mac_addressbook.vcf")
    assert c.full_name == "Maja Lindqvist"
    assert c.company == "Fjord Analytics"
    assert c.title == "Growth advisor"  # ROLE stands in when there is no TITLE
    assert c.phones == ["+46855501042"]
    assert c.source_key == "uid:5C0D9E8F-1A2B-4C3D-8E7F-6A5B4C3D2E1F:ABPerson"  # X-ABUID


def test_google_export_categories_profiles_and_cards_without_uid():
    contacts, skipped = read(FIXTURES / "google.vcf")
    assert skipped == []
    assert [c.full_name for c in contacts] == ["Tomás Ferreira", "Nadia Haddad", "Ravi Iyer"]
    tomas = contacts[0]
    assert tomas.categories == ["myContacts", "starred", "Lisbon Friends"]
    assert tomas.profile_urls == ["http://twitter.com/tomasferreira"]
    assert (tomas.company, tomas.title) == ("Globex", "Engineering Manager")
    assert tomas.phones == ["+351912555014"]
    assert all(c.source_key.startswith("hash:") for c in contacts)
    assert len({c.source_key for c in contacts}) == 3


def test_outlook_2003_quoted_printable_and_unescaped_commas():
    c = read_one(FIXTURES / "outlook_2003.vcf")
    assert c.company == "Hooli, The"  # vobject nests this ORG: [['Hooli', ' The'], 'Strategy']
    assert c.department == "Strategy"
    assert c.title == "Director, Corporate Development"
    assert c.extra["role"] == "Corporate Development"
    assert c.note == (
        "Met at the Boston meetup, 2019.\nShe offered to introduce me to the hiring manager, Dana."
    )
    assert c.phones == ["+16175550134", "+16175550135"]  # the fax is left out
    assert c.emails == ["ewhitfield@hooli.example"]  # read after the KEY's base64 and blank lines
    assert c.birthday is True
    assert c.extra["revised"] == "2019-11-14"


def test_outlook_raw_bytes_in_the_declared_charset():
    raw = (FIXTURES / "outlook_cp1252.vcf").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    c = read_one(FIXTURES / "outlook_cp1252.vcf")
    assert c.full_name == "Jürgen Müller"
    assert c.company == "Bäckerei Groß GmbH"
    assert c.title == "Geschäftsführer"


def test_one_line_in_another_charset_does_not_garble_the_rest(tmp_path):
    path = tmp_path / "mixed.vcf"
    path.write_bytes(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Zoë Ångström\r\n".encode()
        + "ORG;CHARSET=ISO-8859-1:Café 5 €\r\nEND:VCARD\r\n".encode("cp1252")
    )
    c = read_one(path)
    assert (c.full_name, c.company) == ("Zoë Ångström", "Café 5 €")


def test_android_quoted_printable_split_inside_a_character_and_bare_base64():
    contacts, skipped = read(FIXTURES / "android.vcf")
    assert skipped == []
    maria, simran = contacts
    assert maria.full_name == "María José Nuñez"
    assert (maria.given_name, maria.family_name) == ("María José", "Nuñez")
    assert (maria.company, maria.department) == ("Acme España", "Logística")
    assert maria.title == "Jefa de logística, zona norte"
    assert maria.phones == ["+34600555017", "+34910555018"]
    assert maria.emails == ["mjnunez@acme.example"]
    assert simran.full_name == "Simran Kaur"
    assert simran.categories == ["My Contacts"]


def test_vcard_4_pref_order_tel_uris_data_uri_photo_and_group_cards():
    contacts, skipped = read(FIXTURES / "rfc6350.vcf")
    (lea,) = contacts
    assert lea.full_name == "Léa Rousseau"
    assert lea.emails == ["lrousseau@umbrella.example", "lea.rousseau@mail.example"]  # PREF=1 first
    assert lea.phones == ["+33655550123", "+33155550124"]
    assert lea.profile_urls == ["https://www.linkedin.com/in/Lea-Rousseau"]
    assert lea.birthday is True  # BDAY:--0415, a birthday without a year
    assert lea.source_key == "uid:urn:uuid:4b1c9e2d-7a3f-4f60-8d21-0e5b6c7d8e9f"
    assert skipped == [Skipped("card 2 (line 20)", "KIND:group: a contact group, not a person")]


def test_apple_company_cards_are_not_people(tmp_path):
    path = card_file(
        tmp_path,
        """
BEGIN:VCARD
VERSION:3.0
N:;;;;
FN:Rossi Plumbing
ORG:Rossi Plumbing;
X-ABShowAs:COMPANY
END:VCARD
""",
    )
    assert read(path) == (
        [],
        [Skipped("card 1 (line 1)", "a company's card (X-ABShowAs:COMPANY), not a person")],
    )


# vobject's traps ----------------------------------------------------------------------------


def test_text_after_an_unescaped_comma_is_kept(tmp_path):
    path = card_file(
        tmp_path,
        """
BEGIN:VCARD
VERSION:3.0
FN:Ada Byron
TITLE:VP, Engineering, Platform
NOTE:Met in Berlin, 2019, at a meetup
CATEGORIES:Work,Berlin\\, Germany
END:VCARD
""",
    )
    c = read_one(path)
    assert c.title == "VP, Engineering, Platform"
    assert c.note == "Met in Berlin, 2019, at a meetup"
    assert c.categories == ["Work", "Berlin, Germany"]


def test_quoted_printable_soft_breaks_and_cr_only_line_ends_together(tmp_path):
    # vobject reads QP soft breaks only with allowQP=True, and CR-only files only without it.
    path = card_file(
        tmp_path,
        """
BEGIN:VCARD
VERSION:2.1
FN:Grace Hopper
TITLE;ENCODING=QUOTED-PRINTABLE:Rear Admiral, Computer Sci=
ence
NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Caf=C3=
=A9 chat=0D=0Asecond line
END:VCARD
""",
        eol="\r",
    )
    c = read_one(path)
    assert c.title == "Rear Admiral, Computer Science"
    assert c.note == "Café chat\nsecond line"


def test_cr_only_file():
    c = read_one(FIXTURES / "mac_cr_only.vcf")
    assert (c.full_name, c.company, c.title) == ("Min-jun Park", "Initech", "Sales Lead, APAC")


def test_bytes_are_decoded_deliberately_bom_and_utf16(tmp_path):
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nORG:Café Ltd\r\nEND:VCARD\r\n"
    (tmp_path / "bom.vcf").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "utf16.vcf").write_bytes(text.encode("utf-16"))
    for name in ("bom.vcf", "utf16.vcf"):
        c = read_one(tmp_path / name)
        assert (c.full_name, c.company) == ("Zoë Ångström", "Café Ltd")


def test_what_vobject_raises_beyond_vobject_error_does_not_lose_cards(tmp_path):
    # Invalid base64 (binascii.Error in vobject), Lotus Notes' PROFILE:VCard (VObjectError),
    # QP bytes that are not the declared charset (UnicodeDecodeError), an unknown charset.
    path = card_file(
        tmp_path,
        """
BEGIN:VCARD
VERSION:3.0
PROFILE:VCard
FN:Bad Photo
PHOTO;ENCODING=b;TYPE=png:data:image/png;base64,iVBORw0KGgo!!
END:VCARD
BEGIN:VCARD
VERSION:2.1
FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ren=E9 Dupont
ORG;CHARSET=x-made-up;ENCODING=QUOTED-PRINTABLE:Soci=C3=A9t=C3=A9 G=C3=A9n=C3=A9rale
END:VCARD
""",
    )
    contacts, skipped = read(path)
    assert skipped == []
    assert [c.full_name for c in contacts] == ["Bad Photo", "René Dupont"]
    assert contacts[1].company == "Société Générale"


def test_photos_are_dropped_before_parsing(tmp_path):
    # Base64 lines carry no property; had they reached the parser, the card would fail.
    photo = base64.b64encode(bytes(range(256))).decode()
    lines = ["BEGIN:VCARD", "VERSION:2.1", "FN:Ola Nordmann", "PHOTO;ENCODING=BASE64;JPEG:"]
    lines += [photo[i : i + 76] for i in range(0, len(photo), 76)] + ["", "TEL;CELL:+47 412 55 501"]
    lines += ["LOGO;ENCODING=b:" + photo, "END:VCARD"]
    path = tmp_path / "photo.vcf"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="ascii", newline="")
    c = read_one(path)
    assert c.phones == ["+4741255501"]


# Bad input ----------------------------------------------------------------------------------


def test_one_broken_card_is_skipped_with_its_line_and_the_others_import():
    contacts, skipped = read(FIXTURES / "one_broken.vcf")
    assert [c.full_name for c in contacts] == ["Good Before", "Good After"]
    assert skipped == [
        Skipped("card 2 (line 6)", "line 9 is not a vCard property: 'this line is not a property'")
    ]


def test_unclosed_cards_and_stray_ends_are_reported(tmp_path):
    path = card_file(
        tmp_path,
        """
BEGIN:VCARD
FN:No End
BEGIN:VCARD
FN:Fine
END:VCARD
END:VCARD
BEGIN:VCARD
FN:Cut Off
""",
    )
    contacts, skipped = read(path)
    assert [c.full_name for c in contacts] == ["Fine"]
    assert skipped == [
        Skipped("card 1 (line 1)", "no END:VCARD before the next BEGIN:VCARD (line 3)"),
        Skipped("line 6", "END:VCARD without BEGIN:VCARD"),
        Skipped("card 3 (line 7)", "the file ends before this card's END:VCARD"),
    ]


def test_a_stray_end_before_the_first_card_is_reported_once_a_card_shows_up(tmp_path):
    path = card_file(tmp_path, "END:VCARD\nBEGIN:VCARD\nFN:Ada\nEND:VCARD")
    contacts, skipped = read(path)
    assert [c.full_name for c in contacts] == ["Ada"]
    assert skipped == [Skipped("line 1", "END:VCARD without BEGIN:VCARD")]
    (tmp_path / "dir").mkdir()
    card_file(tmp_path / "dir", "N:Lost;Start\nEND:VCARD", name="cut.vcf")
    card_file(tmp_path / "dir", "BEGIN:VCARD\nFN:Bo\nEND:VCARD", name="ok.vcf")
    contacts, skipped = read(tmp_path / "dir")
    assert [c.full_name for c in contacts] == ["Bo"]
    assert skipped == [
        Skipped("cut.vcf", "not a vCard file: no BEGIN:VCARD line (line 2 has an END:VCARD)")
    ]


def test_a_card_with_nothing_to_identify_a_person_is_skipped(tmp_path):
    path = card_file(tmp_path, "BEGIN:VCARD\nVERSION:3.0\nNOTE:just a note\nEND:VCARD")
    assert read(path) == (
        [],
        [Skipped("card 1 (line 1)", "no name, e-mail address or phone number")],
    )


def test_a_card_without_a_name_is_named_by_its_email(tmp_path):
    path = card_file(tmp_path, "BEGIN:VCARD\nVERSION:3.0\nEMAIL:x.y@stripe.com\nEND:VCARD")
    assert read_one(path).full_name == "x.y@stripe.com"


def test_a_file_without_a_card_is_bad_input_naming_it():
    path = FIXTURES / "no_card.vcf"
    with pytest.raises(BadInput) as e:
        read(path)
    assert e.value.path == str(path)
    assert "not a vCard file" in e.value.problem


def test_binary_junk_named_vcf_is_bad_input(tmp_path):
    path = tmp_path / "contacts.vcf"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(BadInput) as e:
        read(path)
    assert e.value.path == str(path)


def test_nested_agent_card_is_not_a_second_contact(tmp_path):
    path = card_file(
        tmp_path,
        """
BEGIN:VCARD
VERSION:2.1
FN:Boss Person
AGENT:
BEGIN:VCARD
VERSION:2.1
FN:Their Assistant
END:VCARD
TITLE:CEO
END:VCARD
""",
    )
    c = read_one(path)
    assert (c.full_name, c.title) == ("Boss Person", "CEO")


# Folders, zips, detection, streaming --------------------------------------------------------


def test_folder_is_read_recursively_and_a_cardless_file_is_reported(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "google.vcf").write_bytes((FIXTURES / "google.vcf").read_bytes())
    (tmp_path / "mac.VCF").write_bytes((FIXTURES / "mac_cr_only.vcf").read_bytes())
    (tmp_path / "empty.vcf").write_text("nothing here\n")
    (tmp_path / "notes.txt").write_text("BEGIN:VCARD\nFN:Ignored\nEND:VCARD\n")
    contacts, skipped = read(tmp_path)
    assert sorted(c.full_name for c in contacts) == [
        "Min-jun Park",
        "Nadia Haddad",
        "Ravi Iyer",
        "Tomás Ferreira",
    ]
    assert skipped == [Skipped("empty.vcf", "not a vCard file: no BEGIN:VCARD line")]


def test_broken_card_in_a_folder_names_the_file(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.vcf").write_bytes((FIXTURES / "one_broken.vcf").read_bytes())
    _, skipped = read(tmp_path)
    assert [s.where for s in skipped] == ["sub/x.vcf card 2 (line 6)"]


def test_zip_like_google_takeout(tmp_path):
    path = tmp_path / "takeout.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.write(FIXTURES / "google.vcf", "Takeout/Contacts/My Contacts/My Contacts.vcf")
        z.write(FIXTURES / "android.vcf", "Takeout/Contacts/Starred/Starred.vcf")
        z.writestr("Takeout/archive_browser.html", "<html></html>")
    contacts, skipped = read(path)
    assert skipped == []
    assert len(contacts) == 5


def test_corrupt_zip_member_is_bad_input_naming_it(tmp_path):
    path = tmp_path / "takeout.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        cards = (f"BEGIN:VCARD\r\nFN:P{i}\r\nEND:VCARD\r\n" for i in range(2000))
        z.writestr("c.vcf", "".join(cards))
    data = bytearray(path.read_bytes())
    data[200:260] = bytes(60)
    path.write_bytes(bytes(data))
    with pytest.raises(BadInput) as e:
        read(path)
    assert e.value.path == f"{path}:c.vcf"


def test_folder_or_zip_without_vcards_is_bad_input(tmp_path):
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "Connections.csv").write_text("First Name\n")
    with pytest.raises(BadInput, match=r"no \.vcf file"):
        read(tmp_path / "dir")
    (tmp_path / "dir" / "empty.vcf").write_text("\n")
    with pytest.raises(BadInput, match=r"none of its \.vcf files"):
        read(tmp_path / "dir")


def test_detect(tmp_path):
    importer = VCardImporter()
    assert importer.detect(FIXTURES / "google.vcf")
    (tmp_path / "export.txt").write_bytes(b"\xef\xbb\xbf\r\nbegin:vcard\r\nFN:A\r\nend:vcard\r\n")
    assert importer.detect(tmp_path / "export.txt")
    (tmp_path / "Connections.csv").write_text("First Name,Last Name\n")
    assert not importer.detect(tmp_path / "Connections.csv")
    assert not importer.detect(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.vcf").write_text("")
    assert importer.detect(tmp_path)
    with zipfile.ZipFile(tmp_path / "linkedin.zip", "w") as z:
        z.writestr("Connections.csv", "First Name\n")
    assert not importer.detect(tmp_path / "linkedin.zip")
    with zipfile.ZipFile(tmp_path / "takeout.zip", "w") as z:
        z.writestr("Takeout/Contacts/All Contacts/All Contacts.vcf", "")
    assert importer.detect(tmp_path / "takeout.zip")


def test_registered_through_the_entry_point_like_a_third_party_plugin():
    registered = all_importers()["vcard"]
    assert registered.builtin
    assert isinstance(registered.importer, VCardImporter)


def test_cards_are_streamed_not_read_all_at_once():
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Streamed Person\r\nEND:VCARD\r\n"
    data = card * 20_000  # about 1 MB

    class CountingStream(io.BytesIO):
        consumed = 0

        def read(self, size=-1):
            chunk = super().read(size)
            self.consumed += len(chunk)
            return chunk

    stream = CountingStream(data)
    records = read_stream(stream, "big.vcf")
    first = next(records)
    assert first.full_name == "Streamed Person"
    assert stream.consumed < len(data) // 4


# Keys and phone numbers ---------------------------------------------------------------------


def test_key_without_uid_is_stable_across_re_exports(tmp_path):
    first = card_file(
        tmp_path,
        """
BEGIN:VCARD
VERSION:3.0
FN:Kai Tanaka
ORG:Initech
EMAIL;TYPE=WORK:kai@initech.example
EMAIL;TYPE=HOME:kai@home.example
TEL:(415) 555-0199
END:VCARD
""",
        name="first.vcf",
    )
    again = card_file(
        tmp_path,
        """
BEGIN:VCARD
VERSION:3.0
PRODID:-//Another exporter//EN
EMAIL;TYPE=HOME:KAI@home.example
N:Tanaka;Kai;;;
FN:Kai Tanaka
TEL;TYPE=CELL:415-555-0199
ORG:Initech;
EMAIL;TYPE=WORK:kai@initech.example
REV:20250101T000000Z
END:VCARD
""",
        eol="\n",
        name="again.vcf",
    )
    other = card_file(tmp_path, "BEGIN:VCARD\nFN:Kai Tanaka\nORG:Globex\nEND:VCARD", name="o.vcf")
    key = read_one(first).source_key
    assert key.startswith("hash:")
    assert read_one(again).source_key == key
    assert read_one(other).source_key != key


def test_phone_region_from_env_then_locale_else_digits_as_written(tmp_path, monkeypatch):
    path = card_file(
        tmp_path, "BEGIN:VCARD\nFN:P\nTEL:020 7946 0958\nTEL:+1 415 555 0142\nEND:VCARD"
    )
    monkeypatch.setenv("WHOKNOWS_REGION", "gb")
    assert read_one(path).phones == ["+442079460958", "+14155550142"]
    monkeypatch.delenv("WHOKNOWS_REGION")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_TELEPHONE", raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert read_one(path).phones == ["+442079460958", "+14155550142"]
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert read_one(path).phones == ["02079460958", "+14155550142"]


# The shared real-world samples and the command line -----------------------------------------


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples/vcard is not beside the repo")
def test_every_shared_sample_imports_or_is_reported():
    imported = skipped = not_vcards = 0
    for path in sorted(SAMPLES.glob("*.vcf")):
        try:
            contacts, skips = read(path)
        except BadInput as e:
            assert e.path == str(path) and e.problem
            not_vcards += 1
            continue
        assert all(s.where and s.reason for s in skips)
        imported += len(contacts)
        skipped += len(skips)
    assert imported >= 80
    assert skipped <= 10
    assert not_vcards <= 3
    iphone = read_one(SAMPLES / "ezvcard__John_Doe_IPHONE.vcf")  # CR CR LF, photo
    assert (iphone.company, iphone.title) == ("IBM", "Money Counter")
    assert read_one(SAMPLES / "ezvcard__outlook-2003.vcf").company == "Company, The"
    assert read_one(SAMPLES / "ezvcard__John_Doe_LOTUS_NOTES.vcf").company == "IBM"
    assert read_one(SAMPLES / "radicale__contact_photo_with_data_uri.vcf").full_name == "Contact"
    assert read_one(SAMPLES / "l0b0vcard__line_ending_mac.vcf").full_name == "John Doe"


def test_import_the_sample_address_book_and_ask_who_is_at_stripe(runner):
    result = runner.invoke(cli, ["import", str(REPO / "sample_exports" / "contacts.vcf")])
    assert result.exit_code == 0, result.output
    assert "Imported vcard (vcard)" in result.output
    assert "32 contacts" in result.output
    result = runner.invoke(cli, ["Stripe", "--format", "json"])
    assert result.exit_code == 0, result.output
    people = {p["name"]: p for p in json.loads(result.output)}
    assert {"Priya Raman", "Ana Lucía Pérez"} <= set(people)
    priya = people["Priya Raman"]
    assert priya["title"] == "Staff Software Engineer"
    assert "+14155550142" in priya["phones"]
    assert priya["profile_url"] == "https://www.linkedin.com/in/priya-raman-dev"


def test_import_of_a_bad_file_exits_2_and_leaves_the_store_as_it_was(
    runner, tmp_path, temporary_store
):
    runner.invoke(cli, ["import", str(FIXTURES / "google.vcf")])
    before = temporary_store.read_bytes()
    junk = tmp_path / "junk.vcf"
    junk.write_bytes(b"\x00\x01\x02PK garbage" * 100)
    result = runner.invoke(cli, ["import", str(junk)])
    assert result.exit_code == 2
    assert "junk.vcf" in result.output
    assert "Traceback" not in result.output
    assert temporary_store.read_bytes() == before


# Properties of the low-level pieces ------------------------------------------------------


class TrickleStream(io.BytesIO):
    """Hands out at most `step` bytes per read, to put chunk boundaries anywhere."""

    def __init__(self, data: bytes, step: int) -> None:
        super().__init__(data)
        self.step = step

    def read(self, size=-1):
        return super().read(self.step)


@given(
    st.lists(st.text(alphabet="ab \t=:;", max_size=6), max_size=8),
    st.lists(st.sampled_from(["\r\n", "\n", "\r", "\r\r\n"]), min_size=8, max_size=8),
    st.integers(min_value=1, max_value=7),
)
def test_lines_are_the_same_wherever_chunks_end(texts, ends, step):
    data = "".join(t + e for t, e in zip(texts, ends, strict=False)).encode()
    whole = list(vcard._lines(io.BytesIO(data), "x.vcf"))
    assert list(vcard._lines(TrickleStream(data, step), "x.vcf")) == whole
    if "\r" not in ends:  # a CR followed by CR LF reads as Apple's CR CR LF: one line end
        assert whole == [t.encode() for t in texts]


@given(st.lists(st.text(alphabet="ab,;\\\n", max_size=5), min_size=1, max_size=5))
def test_split_and_unescape_undo_escaping(parts):
    def escape(text):
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")

    escaped = ";".join(escape(p).replace("\n", "\\n") for p in parts)
    assert [vcard.unescape(p) for p in vcard.split(escaped, ";")] == parts
