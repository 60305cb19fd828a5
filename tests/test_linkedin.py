"""The LinkedIn importer on realistic exports of every era (see shared/reference/FORMATS.md §1)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import unicodedata
import zipfile
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import REPO, SHARED
from hypothesis import given
from hypothesis import strategies as st
from whoknows import BadInput, Contact, Position, Profile, Skipped, inputs
from whoknows.cli import cli
from whoknows.importers import choose
from whoknows.plugins.linkedin import LinkedInImporter, name_key, parse_date, profile_url

SAMPLE_ZIP = REPO / "sample_exports" / "Complete_LinkedInDataExport_11-20-2026.zip"

# The three preamble lines of today's Connections.csv, byte for byte (FORMATS.md §1.2).
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)

# Since mid-2023: preamble, URL column, no newline at the end of the file.
CONNECTIONS_2024 = PREAMBLE + (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Dana,Whitfield,https://www.linkedin.com/in/dana-whitfield-recruits,,Stripe,"
    "Technical Recruiter,12 Oct 2026\n"
    'Sam,Okafor,https://www.linkedin.com/in/sam-okafor,,"Stripe, Inc.",'
    '"Staff Engineer ""Ledger""",14 Jun 2019\n'
    ",,,,,,02 May 2024\n"
    "José,Ramírez,https://www.linkedin.com/in/jos%C3%A9-ram%C3%ADrez-7b2a19,,"
    "Meta Platforms, Inc.,Data Scientist,19 May 2026\n"
    " Tom ,Becker  ,https://www.linkedin.com/in/tom-becker,tom.becker@example.com ,"
    "Amazon Web Services (AWS),Cloud Consultant ,25 Nov 2024\n"
    'Aisha,"Bello, PhD",https://www.linkedin.com/in/aisha-bello-phd,,Google LLC,,30 Oct 2025'
)

# Mar 2021 - May 2023: preamble, no URL column.
CONNECTIONS_2021 = PREAMBLE + (
    "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    "Omar,Haddad,,Shopify,Senior Data Engineer,05 Nov 2021\n"
    ",,,,,07 Jul 2021\n"
    "Emily,Tran,emily.tran@example.com,Shopify,Product Manager,09 Feb 2021"
)

# Nov 2018: no preamble, no URL, dates quoted as "M/D/YY, h:mm AM".
CONNECTIONS_2018 = (
    "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    'Mateo,García,,Shopify,Engineering Manager,"4/16/18, 6:14 PM"\n'
    'Zoe,Mitchell,zoe@example.org,Northwind Traders,Analyst,"10/30/17, 9:02 AM"\n'
)

# Opened and saved again in Excel: CRLF, padded preamble, d-Mon-yy dates, Windows-1252.
CONNECTIONS_EXCEL = (
    "Notes:,,,,,,\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing.",,,,,,\r\n'
    ",,,,,,\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Chloé,Martin,https://www.linkedin.com/in/chloe-martin,,Ubisoft,Analytics Lead,23-Apr-23\r\n"
    "Ben,Carter,https://www.linkedin.com/in/ben-carter-ops,,,,7-Feb-22\r\n"
    ",,,,,,\r\n"
)

PROFILE_2024 = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
    "Geo Location,Twitter Handles,Websites,Instant Messengers\n"
    'Alex,Morgan,,,,Senior Data Engineer at Acme Analytics,,Software Development,,"Toronto, '
    'Ontario, Canada",,,\n'
)
PROFILE_2018 = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Contact Instructions,Headline,Summary,"
    "Industry,Country,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
    '"Alex","Morgan","","","Feb 12, 1990","","Data Engineer at Shopify","","Internet","ca","",'
    '"Ottawa, Canada Area","","",""\n'
)
POSITIONS = (
    "Company Name,Title,Description,Location,Started On,Finished On\n"
    "Acme Analytics,Senior Data Engineer,Pipelines.,Toronto,Sep 2022,\n"
    'Shopify,Data Engineer,"Payments data, on call.",Ottawa,Mar 2018,Aug 2022\n'
    "Northwind Traders,Junior Analyst,,Toronto,2015,2018\n"
)
EMAIL_ADDRESSES = (
    "Email Address,Confirmed,Primary,Updated On\n"
    'alex@old.example,Yes,No,"11/18/20, 12:32 PM"\n'
    'alex.morgan@example.com,Yes,Yes,"03/02/23, 8:05 AM"\n'
)

ALEX = "https://www.linkedin.com/in/alex-morgan-data"
DANA = "https://www.linkedin.com/in/dana-whitfield-recruits"
SAM = "https://www.linkedin.com/in/sam-okafor"
JOSE = "https://www.linkedin.com/in/jos%C3%A9-ram%C3%ADrez-7b2a19"

MESSAGES_2024_12 = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
    "SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT\n"
    f'c1,,Dana Whitfield,{DANA},Alex Morgan,{ALEX},2026-10-14 16:02:51 UTC,,"Hi Alex, open '
    'to a chat?",INBOX,FALSE,FALSE\n'
    f"c1,,Alex Morgan,{ALEX},Dana Whitfield,{DANA},2026-10-15 08:40:12 UTC,,Yes!,INBOX,FALSE,"
    "FALSE\n"
    f"c1,,Alex Morgan,{ALEX},Dana Whitfield,{DANA},2026-11-19 22:10:00 UTC,,Hey Da,,TRUE,FALSE\n"
    f"c2,,Sam Okafor,{SAM},Alex Morgan,{ALEX},2025-03-04 07:55:30 UTC,,Thanks!,INBOX,FALSE,"
    "FALSE\n"
    f'c2,,Alex Morgan,{ALEX},Sam Okafor,{SAM},2026-09-29 18:47:55 UTC,,"A question, about '
    '""your team""\nand a second line",ARCHIVE,FALSE,FALSE\n'
    f'c3,,Alex Morgan,{ALEX},"Sam Okafor,José Ramírez","{SAM},{JOSE}",2026-10-01 12:00:00 '
    "UTC,,Group hello,INBOX,FALSE,FALSE\n"
    "c4,,Tom Becker,https://www.linkedin.com/in/tom-becker,Alex Morgan,"
    f"{ALEX},2026-10-02 12:00:00 UTC,,Buy now,SPAM,FALSE,FALSE\n"
)

# Dec 2021: no RECIPIENT PROFILE URLS column.
MESSAGES_2021 = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
    "k1,,Omar Haddad,https://www.linkedin.com/in/omar-haddad,Alex Morgan,"
    '2021-12-14 23:57:02 UTC,,"<p class=""spinmail-quill-editor__spin-break"">Hi</p>",INBOX\n'
    "k1,,Alex Morgan,https://www.linkedin.com/in/alex-morgan-data,Omar Haddad,"
    "2021-12-15 08:00:00 UTC,,Hello,INBOX\n"
    "k2,,Emily Tran,https://www.linkedin.com/in/emily-tran,Alex Morgan,"
    "2021-11-02 10:00:00 UTC,,Lunch?,INBOX\n"
)

# 2018: Messages.csv with a Direction column and no URLs.
MESSAGES_2018 = (
    "From,To,Date,Subject,Content,Direction,Folder\n"
    'Mateo García,Alex Morgan,"5/2/18, 3:10 PM",,Welcome to the team!,INCOMING,INBOX\n'
    'Alex Morgan,Mateo García,"5/2/18, 3:30 PM",,Thanks Mateo,OUTGOING,INBOX\n'
    'Alex Morgan,Mateo García,"6/11/18, 9:01 AM",,Standup moved,OUTGOING,INBOX\n'
)

ENDORSEMENTS_2024 = (
    "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,"
    "Endorsement Status\n"
    "2021/03/02 09:13:40 UTC,Data Engineering,Sam,Okafor,www.linkedin.com/in/sam-okafor,ACCEPTED\n"
    "2025/12/07 14:51:07 UTC,Python,Sam,Okafor,www.linkedin.com/in/sam-okafor,ACCEPTED\n"
    "2024/01/01 10:00:00 UTC,Golf,Dana,Whitfield,www.linkedin.com/in/dana-whitfield-recruits,"
    "REJECTED\n"
)
ENDORSEMENTS_2021 = (
    "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorsement Status\n"
    "2020/05/28 19:07:03 UTC,SQL,Omar,Haddad,ACCEPTED\n"
)
RECOMMENDATIONS = (
    "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
    'Sam,Okafor,Shopify,Senior Software Engineer,"Alex is careful, kind.","03/15/21, 10:12 AM",'
    "VISIBLE\n"
)
INVITATIONS_2024 = (
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
    f'Dana Whitfield,Alex Morgan,"10/12/26, 3:05 PM",Hi Alex,INCOMING,{DANA},{ALEX}\n'
    f'Alex Morgan,José Ramírez,"5/19/26, 7:47 AM",,OUTGOING,{ALEX},{JOSE}\n'
)
INVITATIONS_2024_01 = (
    "From,To,Sent At,Message,Direction,inviterProfileUrn,inviteeProfileUrn\n"
    'Alex Morgan,Omar Haddad,"11/5/21, 7:47 AM",,OUTGOING,urn:li:member:1234,urn:li:member:5678\n'
)
INVITATIONS_2018 = (
    'From,To,Sent At,Message,Direction\nMateo García,Alex Morgan,"4/16/18, 6:00 PM",,INCOMING\n'
)


def records(path: Path) -> list:
    return list(LinkedInImporter().read(path))


def contacts(path: Path) -> dict[str, Contact]:
    return {r.full_name: r for r in records(path) if isinstance(r, Contact)}


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def zip_of(path: Path, files: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return path


FULL_EXPORT = {
    "Connections.csv": CONNECTIONS_2024,
    "Profile.csv": PROFILE_2024,
    "Positions.csv": POSITIONS,
    "Email Addresses.csv": EMAIL_ADDRESSES,
    "messages.csv": MESSAGES_2024_12,
    "Endorsement_Received_Info.csv": ENDORSEMENTS_2024,
    "Recommendations_Received.csv": RECOMMENDATIONS,
    "Invitations.csv": INVITATIONS_2024,
    "Skills.csv": "Name\nPython\n",
}


# --- Connections.csv of each era ----------------------------------------------------------------


def test_today_layout_with_preamble_url_column_and_no_final_newline(tmp_path):
    path = write(tmp_path, {"Connections.csv": CONNECTIONS_2024}) / "Connections.csv"
    found = contacts(path)
    assert list(found) == [
        "Dana Whitfield",
        "Sam Okafor",
        "José Ramírez",
        "Tom Becker",
        "Aisha Bello, PhD",
    ]
    sam = found["Sam Okafor"]
    assert (sam.given_name, sam.family_name) == ("Sam", "Okafor")
    assert sam.company == "Stripe, Inc."
    assert sam.title == 'Staff Engineer "Ledger"'
    assert sam.since == date(2019, 6, 14)
    assert sam.profile_urls == [SAM]
    assert sam.source_key == SAM
    assert found["Aisha Bello, PhD"].family_name == "Bello, PhD"
    assert found["Aisha Bello, PhD"].title == ""


def test_the_preamble_fixture_is_byte_identical_to_real_exports():
    line_2 = PREAMBLE.splitlines(keepends=True)[1].encode("utf-8")
    assert len(line_2) == 367  # 366 characters and LF
    assert hashlib.md5(line_2).hexdigest().startswith("ffe464f3")  # FORMATS.md §1.2


def test_the_preamble_is_never_taken_for_the_header(tmp_path):
    path = write(tmp_path, {"Connections.csv": CONNECTIONS_2024}) / "Connections.csv"
    result = records(path)
    first = next(r for r in result if isinstance(r, Contact))
    assert first.full_name == "Dana Whitfield"
    assert first.since == date(2026, 10, 12)
    # line numbers count the preamble: header on line 4, the ghost row on line 7
    assert [r.where for r in result if isinstance(r, Skipped)] == ["line 7"]


def test_2021_layout_without_url_column(tmp_path):
    path = write(tmp_path, {"Connections.csv": CONNECTIONS_2021}) / "Connections.csv"
    result = records(path)
    found = {r.full_name: r for r in result if isinstance(r, Contact)}
    assert list(found) == ["Omar Haddad", "Emily Tran"]
    emily = found["Emily Tran"]
    assert emily.profile_urls == []
    assert emily.emails == ["emily.tran@example.com"]
    assert emily.since == date(2021, 2, 9)
    assert emily.source_key == "name:emily tran|2021-02-09"
    assert [r.where for r in result if isinstance(r, Skipped)] == ["line 6"]


def test_2018_layout_without_preamble_and_with_quoted_us_dates(tmp_path):
    path = write(tmp_path, {"Connections.csv": CONNECTIONS_2018}) / "Connections.csv"
    found = contacts(path)
    assert found["Mateo García"].since == date(2018, 4, 16)
    assert found["Zoe Mitchell"].since == date(2017, 10, 30)
    assert found["Zoe Mitchell"].emails == ["zoe@example.org"]
    assert found["Mateo García"].source_key == "name:mateo garcia|2018-04-16"


def test_excel_resave_crlf_padded_preamble_short_dates_and_windows_1252(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(CONNECTIONS_EXCEL.encode("cp1252"))
    result = records(path)
    found = {r.full_name: r for r in result if isinstance(r, Contact)}
    assert list(found) == ["Chloé Martin", "Ben Carter"]
    assert found["Chloé Martin"].since == date(2023, 4, 23)
    assert found["Ben Carter"].since == date(2022, 2, 7)
    assert found["Ben Carter"].company == ""
    # a row of commas (Excel's padding) is not a ghost row: it has no Connected On either
    assert not [r for r in result if isinstance(r, Skipped)]


def test_excel_resave_with_semicolons(tmp_path):
    text = CONNECTIONS_2021.replace(",", ";").replace("; PhD", ", PhD")
    path = write(tmp_path, {"Connections.csv": text}) / "Connections.csv"
    assert list(contacts(path)) == ["Omar Haddad", "Emily Tran"]


def test_utf8_bom_before_the_preamble_or_the_header(tmp_path):
    for name, text in (("a.csv", CONNECTIONS_2024), ("b.csv", CONNECTIONS_2018)):
        path = tmp_path / name
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        found = contacts(path)
        assert len(found) in (5, 2)
        assert all(not c.full_name.startswith("\ufeff") for c in found.values())


def test_utf16_connections_are_read(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(CONNECTIONS_2018.encode("utf-16"))
    assert list(contacts(path)) == ["Mateo García", "Zoe Mitchell"]


def test_columns_are_found_by_name_not_position(tmp_path):
    text = (
        "Connected On,Position,Company,Email Address,URL,Last Name,First Name\n"
        "03 Sep 2024,Engineer,Stripe,,https://www.linkedin.com/in/ada-l,Lovelace,Ada\n"
    )
    path = write(tmp_path, {"Connections.csv": text}) / "Connections.csv"
    ada = contacts(path)["Ada Lovelace"]
    assert (ada.company, ada.title, ada.since) == ("Stripe", "Engineer", date(2024, 9, 3))


def test_stray_spaces_are_stripped(tmp_path):
    path = write(tmp_path, {"Connections.csv": CONNECTIONS_2024}) / "Connections.csv"
    tom = contacts(path)["Tom Becker"]
    assert (tom.given_name, tom.family_name) == ("Tom", "Becker")
    assert tom.emails == ["tom.becker@example.com"]
    assert tom.title == "Cloud Consultant"


def test_ghost_rows_are_skipped_and_counted_by_one_reason(tmp_path):
    ghosts = "".join(f"\n,,,,,,0{n} Jan 2024" for n in range(1, 4))
    path = write(tmp_path, {"Connections.csv": CONNECTIONS_2024 + ghosts}) / "Connections.csv"
    skipped = [r for r in records(path) if isinstance(r, Skipped)]
    assert [s.where for s in skipped] == ["line 7", "line 11", "line 12", "line 13"]
    assert len({s.reason for s in skipped}) == 1
    assert "ghost row" in skipped[0].reason


def test_percent_encoded_slug_kept_in_the_url_and_decoded_in_the_key(tmp_path):
    path = write(tmp_path, {"Connections.csv": CONNECTIONS_2024}) / "Connections.csv"
    jose = contacts(path)["José Ramírez"]
    assert jose.profile_urls == [JOSE]
    assert jose.source_key == "https://www.linkedin.com/in/josé-ramírez-7b2a19"


@pytest.mark.parametrize(
    "raw",
    [
        "https://www.linkedin.com/in/Sam-Okafor",
        "https://www.linkedin.com/in/Sam-Okafor/",
        "http://linkedin.com/in/Sam-Okafor?trk=people-guest",
        "www.linkedin.com/in/Sam-Okafor",
        "https://ca.linkedin.com/in/Sam-Okafor/",
    ],
)
def test_profile_urls_are_normalised(raw):
    assert profile_url(raw) == (
        "https://www.linkedin.com/in/Sam-Okafor",
        "https://www.linkedin.com/in/sam-okafor",
    )


SLUGS = st.text(min_size=1, max_size=20).filter(
    lambda s: not any(c in "/?#" or c.isspace() for c in s)
)


@given(
    st.sampled_from(
        [
            "https://www.linkedin.com/in/",
            "www.linkedin.com/in/",
            "http://linkedin.com/in/",
            "https://ca.linkedin.com/in/",
            "HTTPS://WWW.LINKEDIN.COM/in/",
        ]
    ),
    SLUGS,
    st.sampled_from(
        ["", "/", "/?trk=people-guest", "?trk=x", "#about", " ", " (she/her)", "\u2003x"]
    ),
)
def test_any_slug_in_any_form_of_profile_url(prefix, slug, rest):
    assert profile_url(f" {prefix}{slug}{rest}") == (
        f"https://www.linkedin.com/in/{slug}",
        f"https://www.linkedin.com/in/{unquote(slug).casefold()}",
    )


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("  José   RAMÍREZ ", "jose ramirez"),
        ("Zoë Ångström", "zoe angstrom"),
        ("Ｓａｍ Ｏｋａｆｏｒ", "sam okafor"),  # full-width letters
        ("Straße", "strasse"),
        ("Nguyễn Thị", "nguyen thi"),
    ],
)
def test_name_keys_ignore_accents_case_and_spacing(name, key):
    assert name_key(name) == key


@given(st.text(max_size=30))
def test_name_key_drops_exactly_the_combining_marks(name):
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    assert name_key(name) == " ".join(bare.casefold().split())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03 Sep 2024", date(2024, 9, 3)),
        ("1/8/18, 6:14 PM", date(2018, 1, 8)),
        ("23-Apr-23", date(2023, 4, 23)),
        ("7-Feb-22", date(2022, 2, 7)),
        ("2024-12-16 18:24:37 UTC", date(2024, 12, 16)),
        ("2024/12/07 14:51:07 UTC", date(2024, 12, 7)),
        ("2024-02-30 10:00:00 UTC", None),
        ("11/27/24, 09:51 AM", date(2024, 11, 27)),
        ("Nov 2024", date(2024, 11, 1)),
        ("2017", date(2017, 1, 1)),
        ("Feb 12, 1999", date(1999, 2, 12)),
        ("", None),
        ("31 Feb 2024", None),
        ("soon", None),
    ],
)
def test_dates_in_every_form_linkedin_and_excel_write(text, expected):
    assert parse_date(text) == expected


@given(st.text(max_size=30))
def test_parse_date_never_raises(text):
    result = parse_date(text)
    assert result is None or isinstance(result, date)


@given(st.dates(min_value=date(1000, 1, 1)), st.sampled_from("-/"), st.text(max_size=12))
def test_a_timestamp_is_its_day_whatever_follows(day, separator, rest):
    assert parse_date(f"{day:%Y}{separator}{day:%m}{separator}{day:%d} {rest}") == day


@given(st.dates(min_value=date(2003, 1, 1), max_value=date(2069, 12, 31)))
def test_connected_on_round_trips(day):
    assert parse_date(day.strftime("%d %b %Y")) == day
    assert parse_date(f"{day.month}/{day.day}/{day:%y}, 6:14 PM") == day


# --- the whole export ---------------------------------------------------------------------------


def test_full_export_attaches_every_signal(tmp_path):
    result = records(write(tmp_path / "export", FULL_EXPORT))
    found = {r.full_name: r for r in result if isinstance(r, Contact)}

    dana = found["Dana Whitfield"]
    assert (dana.messages_sent, dana.messages_received) == (1, 1)  # the draft is left out
    assert dana.last_message == date(2026, 10, 15)
    assert dana.invitation == "incoming"
    assert dana.endorsed_skills == []  # her endorsement was rejected

    sam = found["Sam Okafor"]
    assert (sam.messages_sent, sam.messages_received) == (2, 1)  # one of them in a group chat
    assert sam.last_message == date(2026, 10, 1)
    assert sam.endorsed_skills == ["Data Engineering", "Python"]
    assert sam.endorsed_on == date(2025, 12, 7)
    assert sam.recommended_on == date(2021, 3, 15)
    assert sam.extra == {
        "recommendation_company": "Shopify",
        "recommendation_title": "Senior Software Engineer",
    }

    jose = found["José Ramírez"]  # matched through the percent-encoded URL
    assert (jose.messages_sent, jose.messages_received) == (1, 0)
    assert jose.invitation == "outgoing"

    tom = found["Tom Becker"]  # his only message is in SPAM
    assert (tom.messages_sent, tom.messages_received, tom.invitation) == (0, 0, "")
    assert tom.endorsed_skills == [] and tom.recommended_on is None


def test_full_export_yields_the_users_profile_and_positions(tmp_path):
    result = records(write(tmp_path / "export", FULL_EXPORT))
    (profile,) = [r for r in result if isinstance(r, Profile)]
    assert profile.full_name == "Alex Morgan"
    assert profile.headline == "Senior Data Engineer at Acme Analytics"
    assert profile.emails == ["alex.morgan@example.com", "alex@old.example"]
    assert profile.profile_urls == [ALEX]
    assert profile.extra["geo_location"] == "Toronto, Ontario, Canada"
    assert [r for r in result if isinstance(r, Position)] == [
        Position("Acme Analytics", "Senior Data Engineer", date(2022, 9, 1), None),
        Position("Shopify", "Data Engineer", date(2018, 3, 1), date(2022, 8, 1)),
        Position("Northwind Traders", "Junior Analyst", date(2015, 1, 1), date(2018, 1, 1)),
    ]


def test_the_user_is_found_in_messages_without_a_profile(tmp_path):
    files = {k: v for k, v in FULL_EXPORT.items() if k != "Profile.csv"}
    found = contacts(write(tmp_path / "export", files))
    assert (found["Dana Whitfield"].messages_sent, found["Dana Whitfield"].messages_received) == (
        1,
        1,
    )
    assert found["Sam Okafor"].messages_sent == 2


def test_messages_where_the_user_cannot_be_told_are_not_counted(tmp_path):
    one_chat = (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER\n"
        f"c1,,Dana Whitfield,{DANA},Sam Okafor,{SAM},2026-10-14 16:02:51 UTC,,Hi,INBOX\n"
        f"c1,,Sam Okafor,{SAM},Dana Whitfield,{DANA},2026-10-14 16:05:00 UTC,,Hi,INBOX\n"
    )
    export = write(
        tmp_path / "export", {"Connections.csv": CONNECTIONS_2024, "messages.csv": one_chat}
    )
    result = records(export)
    assert not any(isinstance(r, Contact) and r.messages_received for r in result)
    (note,) = [r for r in result if isinstance(r, Skipped) and r.where == "messages.csv"]
    assert "cannot tell which participant is you" in note.reason


def test_every_message_of_a_conversation_counts_once_whatever_its_spacing(tmp_path):
    header = (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT\n"
    )
    dana_to_alex = f"Dana Whitfield,{DANA},Alex Morgan,{ALEX}"
    alex_to_dana = f"Alex Morgan,{ALEX},Dana Whitfield,{DANA}"
    chat = header + (
        f"c1,,{dana_to_alex},2026-01-05 09:00:00 UTC,,Hi,INBOX,No\n"
        f"c1,,{alex_to_dana},2026-02-01 10:00:00 UTC,,Hello,INBOX,No\n"
        f" c1 ,, Dana Whitfield , {DANA} ,Alex Morgan , {ALEX},2026-03-01 08:00:00 UTC,,Hi,"
        "ARCHIVE,No\n"
        f"c1,,{dana_to_alex},2026-01-07 09:00:00 UTC,,Hi,INBOX,No\n"
        f"c1,,{alex_to_dana},2026-04-01 10:00:00 UTC,,Draft,, Yes \n"
        f"c1,,{dana_to_alex},2026-05-01 10:00:00 UTC,,Buy now, spam ,No\n"
        f"c1,,{dana_to_alex},soon,,Hi,INBOX,No\n"
        f"c1,,{alex_to_dana},2026-02-30 10:00:00 UTC,,Hi,INBOX,No\n"
        f"c2,,{alex_to_dana},2025-12-24 10:00:00 UTC,,Merry Christmas,INBOX,No\n"
    )
    export = write(
        tmp_path / "export",
        {"Connections.csv": CONNECTIONS_2024, "Profile.csv": PROFILE_2024, "messages.csv": chat},
    )
    dana = contacts(export)["Dana Whitfield"]
    assert (dana.messages_sent, dana.messages_received) == (3, 4)  # no draft, no spam
    assert dana.last_message == date(2026, 3, 1)  # neither "soon" nor 30 February


def test_without_conversation_ids_the_user_is_in_the_most_messages(tmp_path):
    chat = (
        "From,To,Date,Content\n"
        "Dana Whitfield,Alex Morgan,2026-10-14 16:02:51 UTC,Hi\n"
        "Alex Morgan,Dana Whitfield,2026-10-15 08:40:12 UTC,Hello\n"
        "Sam Okafor,Alex Morgan,2026-10-16 08:00:00 UTC,Hi\n"
        "Alex Morgan,Sam Okafor,2026-10-17 08:00:00 UTC,Hello\n"
        "Alex Morgan,Sam Okafor,2026-10-18 08:00:00 UTC,Are you there?\n"
    )
    export = write(tmp_path / "export", {"Connections.csv": CONNECTIONS_2024, "messages.csv": chat})
    found = contacts(export)
    assert (found["Dana Whitfield"].messages_sent, found["Dana Whitfield"].messages_received) == (
        1,
        1,
    )
    assert (found["Sam Okafor"].messages_sent, found["Sam Okafor"].messages_received) == (2, 1)
    assert found["Sam Okafor"].last_message == date(2026, 10, 18)


def test_old_headers_of_every_file(tmp_path):
    export = write(
        tmp_path / "export",
        {
            "Connections.csv": CONNECTIONS_2018,
            "Messages.csv": MESSAGES_2018,
            "Profile.csv": PROFILE_2018,
            "Invitations.csv": INVITATIONS_2018,
            "Positions.csv": POSITIONS,
        },
    )
    result = records(export)
    mateo = next(r for r in result if isinstance(r, Contact) and r.full_name == "Mateo García")
    assert (mateo.messages_sent, mateo.messages_received) == (2, 1)
    assert mateo.last_message == date(2018, 6, 11)
    assert mateo.invitation == "incoming"
    (profile,) = [r for r in result if isinstance(r, Profile)]
    assert (profile.full_name, profile.headline) == ("Alex Morgan", "Data Engineer at Shopify")


def test_2021_messages_and_endorsements_match_connections_without_urls(tmp_path):
    export = write(
        tmp_path / "export",
        {
            "Connections.csv": CONNECTIONS_2021,
            "messages.csv": MESSAGES_2021,
            "Endorsement_Received_Info.csv": ENDORSEMENTS_2021,
            "Invitations.csv": INVITATIONS_2024_01,
            "Profile.csv": PROFILE_2024,
        },
    )
    found = contacts(export)
    omar = found["Omar Haddad"]
    assert (omar.messages_sent, omar.messages_received) == (1, 1)
    assert omar.endorsed_skills == ["SQL"] and omar.endorsed_on == date(2020, 5, 28)
    assert omar.invitation == "outgoing"  # matched by name: the URN says nothing
    assert found["Emily Tran"].messages_received == 1


def test_optional_file_with_an_unknown_header_is_noted_not_fatal(tmp_path):
    files = dict(FULL_EXPORT, **{"Invitations.csv": "Who,When\nDana,today\n"})
    result = records(write(tmp_path / "export", files))
    notes = [r for r in result if isinstance(r, Skipped) and r.where == "Invitations.csv"]
    assert len(notes) == 1 and "no header with From, To, Direction" in notes[0].reason
    dana = next(r for r in result if isinstance(r, Contact) and r.full_name == "Dana Whitfield")
    assert dana.invitation == "" and dana.messages_received == 1


# --- zip, folder or file ------------------------------------------------------------------------


def test_zip_folder_and_single_file_read_the_same_connections(tmp_path):
    folder = write(tmp_path / "export", FULL_EXPORT)
    archive = zip_of(tmp_path / "Complete_LinkedInDataExport_11-20-2026.zip", FULL_EXPORT)
    nested = zip_of(
        tmp_path / "Basic_LinkedInDataExport_02-27-2021.zip",
        {f"Basic_LinkedInDataExport_02-27-2021/{k}": v for k, v in FULL_EXPORT.items()},
    )
    from_folder, from_zip, from_nested = contacts(folder), contacts(archive), contacts(nested)
    assert from_folder == from_zip == from_nested
    alone = contacts(folder / "Connections.csv")
    assert list(alone) == list(from_zip)
    assert alone["Sam Okafor"].messages_sent == 0  # no signals from a lone Connections.csv


def test_basic_export_with_connections_only(tmp_path):
    archive = zip_of(
        tmp_path / "Basic_LinkedInDataExport_12-05-2022.zip", {"Connections.csv": CONNECTIONS_2021}
    )
    result = records(archive)
    assert [r.full_name for r in result if isinstance(r, Contact)] == ["Omar Haddad", "Emily Tran"]
    assert not [r for r in result if isinstance(r, Profile | Position)]


def test_ghost_row_places_name_the_member(tmp_path):
    archive = zip_of(tmp_path / "export.zip", FULL_EXPORT)
    skipped = [r for r in records(archive) if isinstance(r, Skipped)]
    assert [s.where for s in skipped] == ["Connections.csv line 7"]


@pytest.mark.parametrize(
    "name",
    [
        "Complete_LinkedInDataExport_11-20-2026.zip",
        "Basic_LinkedInDataExport_12-05-2022.zip",
        "Complete_LinkedInDataExport_11-06-2025.zip (1).zip",
        "Complete_LinkedInDataExport_11-06-2025 (1).zip",
        "Basic_LinkedInDataExport_12-05-2022.zip.zip",
        "my-linkedin.zip",
    ],
)
def test_detects_export_zips_by_any_download_name(tmp_path, name):
    archive = zip_of(tmp_path / name, FULL_EXPORT)
    assert LinkedInImporter().detect(archive)
    assert len(contacts(archive)) == 5


def test_detects_folders_and_connections_files(tmp_path):
    importer = LinkedInImporter()
    folder = write(tmp_path / "export", FULL_EXPORT)
    assert importer.detect(folder)
    assert importer.detect(tmp_path)  # the export one level down
    assert importer.detect(folder / "Connections.csv")
    renamed = tmp_path / "linkedin-2021.csv"
    renamed.write_text(CONNECTIONS_2021, encoding="utf-8")
    assert importer.detect(renamed)


def test_does_not_claim_other_files(tmp_path):
    importer = LinkedInImporter()
    google = tmp_path / "contacts.csv"
    google.write_text("First Name,Middle Name,Last Name,E-mail 1 - Value\nAda,,Byron,a@b.c\n")
    vcard = tmp_path / "friends.vcf"
    vcard.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nEND:VCARD\n")
    other_zip = zip_of(tmp_path / "facebook.zip", {"connections/friends/your_friends.json": "{}"})
    empty = tmp_path / "empty"
    empty.mkdir()
    for path in (google, vcard, other_zip, empty, tmp_path / "missing.zip"):
        assert not importer.detect(path), path


def test_the_importer_is_registered_through_its_entry_point(tmp_path):
    archive = zip_of(tmp_path / "Complete_LinkedInDataExport_11-20-2026.zip", FULL_EXPORT)
    registered = choose(archive)
    assert registered.importer.name == "linkedin"
    assert registered.plugin == "linkedin" and registered.builtin


# --- bad input ----------------------------------------------------------------------------------


def bad(path: Path) -> BadInput:
    with pytest.raises(BadInput) as caught:
        records(path)
    return caught.value


def test_csv_without_the_header_names_the_file(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text("Notes:\nName,Company\nAda,Stripe\n", encoding="utf-8")
    error = bad(path)
    assert error.path == str(path)
    assert "no header with First Name and Last Name" in error.problem


def test_header_found_too_late_is_an_error(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text("x\n" * 10 + CONNECTIONS_2018, encoding="utf-8")
    assert "no header" in bad(path).problem


def test_a_file_with_no_connections_is_an_error_not_a_silent_success(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(PREAMBLE + "First Name,Last Name,URL,Email Address,Company,Position,"
                    "Connected On\n", encoding="utf-8")  # fmt: skip
    assert bad(path).problem == "no connections in it"
    path.write_text(CONNECTIONS_2021.splitlines()[3] + "\n,,,,,01 Jan 2024\n", encoding="utf-8")
    assert bad(path).problem == "no connections in it (only 1 ghost rows without a name)"


def test_corrupt_zip_names_the_file(tmp_path):
    archive = zip_of(tmp_path / "Complete_LinkedInDataExport_11-20-2026.zip", FULL_EXPORT)
    truncated = tmp_path / "Complete_LinkedInDataExport_11-20-2026 (1).zip"
    truncated.write_bytes(archive.read_bytes()[:300])
    assert LinkedInImporter().detect(truncated)
    error = bad(truncated)
    assert error.path == str(truncated) and "corrupt zip" in error.problem


def test_damaged_member_names_the_member(tmp_path):
    archive = zip_of(tmp_path / "export.zip", {"Connections.csv": CONNECTIONS_2024 * 20})
    data = bytearray(archive.read_bytes())
    start = data.index(b"Connections.csv") + len("Connections.csv") + 40
    data[start : start + 20] = b"\x00" * 20
    archive.write_bytes(bytes(data))
    error = bad(archive)
    assert error.path == f"{archive}:Connections.csv"


def test_zip_without_connections_is_an_error(tmp_path):
    archive = zip_of(
        tmp_path / "Basic_LinkedInDataExport_12-05-2022.zip", {"messages.csv": MESSAGES_2021}
    )
    assert "no Connections.csv" in bad(archive).problem


def test_an_oversized_connections_csv_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_FILE_BYTES", 1 << 16)
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS_2018 + "Ada,Lovelace,,,,1/1/24\n" * 4000, encoding="utf-8")
    assert bad(path).problem.startswith("file is larger than 0 MiB")


def test_a_big_connections_csv_in_a_folder_is_streamed_not_refused(tmp_path, monkeypatch):
    """The cap is for files read whole; a folder's CSV is read a piece at a time."""
    monkeypatch.setattr(inputs, "MAX_FILE_BYTES", 1 << 16)
    rows = "".join(f"Ada,Lovelace{n},,,,1/1/24\n" for n in range(4000))
    folder = write(tmp_path / "export", {"Connections.csv": CONNECTIONS_2018 + rows})
    assert (folder / "Connections.csv").stat().st_size > inputs.MAX_FILE_BYTES
    names = set(contacts(folder))
    assert {f"Ada Lovelace{n}" for n in range(4000)} <= names


def test_undecodable_bytes_name_the_member(tmp_path):
    garbage = b"\xff\xfe" + "First Name,Last Name\n".encode("utf-16-le") + b"\x00\xd8\x41"
    archive = zip_of(tmp_path / "export.zip", {"Connections.csv": garbage})
    error = bad(archive)
    assert error.path == f"{archive}:Connections.csv" and "cannot decode" in error.problem
    binary = tmp_path / "Connections.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert bad(binary).problem == "binary data, not a text export"


# --- samples ------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", sorted((SHARED / "samples" / "linkedin").glob("*.csv")))
def test_shared_samples(sample):
    assert LinkedInImporter().detect(sample)
    found = contacts(sample)
    assert len(found) == 10
    assert all(c.profile_urls and c.since and c.company for c in found.values())


def test_shared_samples_are_there():
    assert len(list((SHARED / "samples" / "linkedin").glob("*.csv"))) >= 2


def test_sample_zip_is_what_its_script_builds(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "make_linkedin_sample", REPO / "sample_exports" / "make_linkedin_sample.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build(tmp_path)
    with zipfile.ZipFile(built) as new, zipfile.ZipFile(SAMPLE_ZIP) as committed:
        assert new.namelist() == committed.namelist()
        for name in new.namelist():
            assert new.read(name) == committed.read(name), name
    assert zipfile.ZipFile(SAMPLE_ZIP).read("Connections.csv").startswith(PREAMBLE.encode())


def test_sample_zip_tally():
    result = records(SAMPLE_ZIP)
    people = [r for r in result if isinstance(r, Contact)]
    assert len(people) == 40
    assert [r.where for r in result if isinstance(r, Skipped)] == [
        "Connections.csv line 9",
        "Connections.csv line 21",
    ]
    assert len([r for r in result if isinstance(r, Position)]) == 3
    assert sorted(c.full_name for c in people if "stripe" in c.company.lower()) == [
        "Dana Whitfield",
        "Jordan Lee",
        "Lena Fischer",
        "Priya Raman",
        "Sam Okafor",
    ]
    assert sum(c.messages_sent + c.messages_received for c in people) == 14


# --- end to end ---------------------------------------------------------------------------------


def test_import_and_ask_for_stripe(runner, tmp_path):
    result = runner.invoke(cli, ["import", str(SAMPLE_ZIP)])
    assert result.exit_code == 0, result.output
    assert "40 contacts" in result.output
    assert "2 × ghost row" in result.stderr

    result = runner.invoke(cli, ["Stripe", "--format", "json"])
    assert result.exit_code == 0, result.output
    people = {p["name"]: p for p in json.loads(result.stdout)}
    assert set(people) == {
        "Sam Okafor",
        "Dana Whitfield",
        "Lena Fischer",
        "Priya Raman",
        "Jordan Lee",
    }
    sam = people["Sam Okafor"]
    assert sam["company"] == "Stripe, Inc."
    assert sam["profile_url"] == "https://www.linkedin.com/in/sam-okafor"
    assert sam["ask"] == "endorsement"
    assert any("Endorsed you" in reason for reason in sam["reasons"])
    assert people["Dana Whitfield"]["ask"] == "status update"  # a recruiter
    assert max(people.values(), key=lambda p: p["score"])["name"] == "Sam Okafor"


def test_reimporting_the_unzipped_folder_replaces_instead_of_duplicating(runner, tmp_path):
    folder = tmp_path / "Complete_LinkedInDataExport_11-20-2026"
    shutil.unpack_archive(SAMPLE_ZIP, folder)
    assert runner.invoke(cli, ["import", str(SAMPLE_ZIP)]).exit_code == 0
    result = runner.invoke(cli, ["import", str(folder)])
    assert result.exit_code == 0, result.output
    assert "replaced 40 earlier contacts" in result.output
    people = json.loads(runner.invoke(cli, ["people", "--format", "json"]).stdout)
    assert len(people) == 40


def test_bad_export_is_one_line_exit_2_and_the_store_untouched(runner, tmp_path, temporary_store):
    assert runner.invoke(cli, ["import", str(SAMPLE_ZIP)]).exit_code == 0
    before = temporary_store.read_bytes()
    broken = tmp_path / "Complete_LinkedInDataExport_11-21-2026.zip"
    broken.write_bytes(SAMPLE_ZIP.read_bytes()[:500])
    result = runner.invoke(cli, ["import", str(broken)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and str(broken) in result.stderr
    assert "corrupt zip" in result.stderr and "Traceback" not in result.output
    assert temporary_store.read_bytes() == before
