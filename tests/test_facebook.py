"""The Facebook importer on exports of every era, written here the way Facebook writes them."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoknows import BadInput, Contact, Position, Profile, Skipped
from whoknows.cli import cli
from whoknows.plugins.facebook import FacebookImporter, repair_mojibake, split_name

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO.parent / "shared" / "samples" / "facebook"
SAMPLE_EXPORT = REPO / "sample_exports" / "facebook-alexmorgan.zip"

importer = FacebookImporter()


def mojibake(text: str) -> str:
    """What Facebook does to text: each UTF-8 byte becomes one character."""
    return text.encode("utf-8").decode("latin-1")


def facebook_json(value: object) -> str:
    """JSON as Facebook writes it: mojibake strings, `\\u00XX` escapes, two-space indent."""

    def walk(v: object) -> object:
        if isinstance(v, str):
            return mojibake(v)
        if isinstance(v, list):
            return [walk(x) for x in v]
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        return v

    return json.dumps(walk(value), indent=2, ensure_ascii=True)


def epoch(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


def write_export(root: Path, files: dict[str, object], as_zip: bool = False) -> Path:
    """Write `files` (name -> JSON value, or str for raw text) as a folder or a zip."""
    texts = {n: v if isinstance(v, str) else facebook_json(v) for n, v in files.items()}
    if as_zip:
        root.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(root, "w") as zf:
            for name, text in texts.items():
                zf.writestr(name, text)
        return root
    for name, text in texts.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


FRIENDS = [
    {"name": "Priya Raman", "timestamp": epoch("2014-06-12T20:41:00")},
    {"name": "José Álvarez", "timestamp": epoch("2012-02-19T11:05:00")},
    {"name": "田中 美咲", "timestamp": epoch("2020-01-14T06:32:00")},
    {"name": "Zoë Fischer", "timestamp": epoch("2016-10-01T08:14:00")},
    {"name": "Sam 🌻 Carter", "timestamp": epoch("2018-03-03T03:03:00")},
]
REMOVED = [{"name": "Renée Lefèvre", "timestamp": epoch("2021-09-09T21:21:00")}]

ERAS = {
    "2018": {
        "friends/friends.json": {"friends": FRIENDS},
        "friends/removed_friends.json": {"deleted_friends": REMOVED},
        "friends/sent_friend_requests.json": {"sent_requests": [{"name": "X", "timestamp": 1}]},
    },
    "2021": {
        "friends_and_followers/friends.json": {"friends_v2": FRIENDS},
        "friends_and_followers/removed_friends.json": {"deleted_friends_v2": REMOVED},
        "friends_and_followers/friend_requests_received.json": {"received_requests_v2": []},
    },
    "2023": {
        "connections/friends/your_friends.json": {"friends_v2": FRIENDS},
        "connections/friends/removed_friends.json": {"deleted_friends_v2": REMOVED},
        "connections/followers/who_you've_followed.json": {"following_v3": []},
    },
    "2024 under your_facebook_activity": {
        "your_facebook_activity/connections/friends/your_friends.json": {"friends_v2": FRIENDS},
        "your_facebook_activity/connections/friends/removed_friends.json": {
            "deleted_friends_v2": REMOVED
        },
    },
    "2023 in a wrapper folder": {
        "facebook-alexmorgan-2026/connections/friends/your_friends.json": {"friends_v2": FRIENDS},
        "facebook-alexmorgan-2026/connections/friends/removed_friends.json": {
            "deleted_friends_v2": REMOVED
        },
    },
}


def contacts(records) -> list[Contact]:
    return [r for r in records if isinstance(r, Contact)]


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
@pytest.mark.parametrize("era", list(ERAS))
def test_every_era_gives_friends_and_removed_friends(tmp_path, era, as_zip):
    path = write_export(tmp_path / ("export.zip" if as_zip else "export"), ERAS[era], as_zip)
    assert importer.detect(path)
    records = list(importer.read(path))
    people = {c.full_name: c for c in contacts(records)}

    assert set(people) == {f["name"] for f in FRIENDS} | {"Renée Lefèvre"}
    priya = people["Priya Raman"]
    assert (priya.since, priya.former) == (date(2014, 6, 12), False)
    assert (priya.given_name, priya.family_name) == ("Priya", "Raman")
    assert priya.source_key == f"facebook:Priya Raman:{epoch('2014-06-12T20:41:00')}"
    assert people["José Álvarez"].family_name == "Álvarez"

    removed = people["Renée Lefèvre"]
    assert removed.former is True
    assert removed.since is None  # the timestamp of a removed friend is the day of removal
    assert removed.extra == {"facebook_removed_on": "2021-09-09"}
    assert removed.source_key.startswith("facebook:removed:")
    assert "Ã" not in repr(records)


MOJIBAKE_CASES = [
    ("José Álvarez", "José Álvarez"),
    ("Zoë Fischer", "Zoë Fischer"),
    ("Tőke Hal", "Tőke Hal"),
    ("Nguyễn Thị Lan", "Nguyễn Thị Lan"),
    ("田中 美咲", "田中 美咲"),
    ("Sam 😀 Carter", "Sam 😀 Carter"),
    ("Ünal Öztürk €", "Ünal Öztürk €"),
]


@pytest.mark.parametrize(("name", "expected"), MOJIBAKE_CASES)
def test_mojibake_is_repaired(name, expected):
    assert repair_mojibake(mojibake(name)) == expected


@pytest.mark.parametrize(
    "correct", ["Zoë", "José", "Renée Lefèvre", "田中 美咲", "😀", "€", "plain ascii", "Ø", ""]
)
def test_correct_text_is_left_alone(correct):
    assert repair_mojibake(correct) == correct


def test_mojibake_escapes_in_the_file_never_reach_the_records(tmp_path):
    raw = '{"friends_v2": [{"name": "Jos\\u00c3\\u00a9 Garc\\u00c3\\u00ada", "timestamp": 1}]}'
    path = write_export(tmp_path / "e", {"connections/friends/your_friends.json": raw})
    [friend] = contacts(importer.read(path))
    assert friend.full_name == "José García"
    assert "JosÃ©" not in repr(friend)


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_repair_undoes_facebooks_mojibake_for_any_text(text):
    assert repair_mojibake(mojibake(text)) == text


@given(st.text(alphabet=st.characters(min_codepoint=0x100, exclude_categories=["Cs"])))
def test_repair_leaves_text_beyond_latin1_alone(text):
    assert repair_mojibake(text) == text


def test_split_name_is_best_effort():
    assert split_name("Ana de la Cruz") == ("Ana", "de la Cruz")
    assert split_name("Idri") == ("", "")
    assert split_name("田中 美咲") == ("", "")
    assert split_name("  Jordan   Lee ") == ("Jordan", "Lee")


def test_timestamps_missing_zero_or_nonsense_give_no_date(tmp_path):
    friends = [
        {"name": "No Stamp"},
        {"name": "Zero Stamp", "timestamp": 0},
        {"name": "Huge Stamp", "timestamp": 10**20},
        {"name": "Text Stamp", "timestamp": "1402605660"},
    ]
    path = write_export(tmp_path / "e", {"friends/friends.json": {"friends": friends}})
    since = {c.full_name: c.since for c in contacts(importer.read(path))}
    assert since == {
        "No Stamp": None,
        "Zero Stamp": None,
        "Huge Stamp": None,
        "Text Stamp": date(2014, 6, 12),
    }


def test_v1_contact_info_is_kept(tmp_path):
    friends = [
        {"name": "Mail Friend", "timestamp": 1, "contact_info": "mail.friend@example.com"},
        {"name": "Phone Friend", "timestamp": 2, "contact_info": "+1 503 555 0142"},
    ]
    path = write_export(tmp_path / "e", {"friends/friends.json": {"friends": friends}})
    people = {c.full_name: c for c in contacts(importer.read(path))}
    assert people["Mail Friend"].emails == ["mail.friend@example.com"]
    assert people["Phone Friend"].phones == ["+1 503 555 0142"]


def test_unreadable_entries_are_skipped_not_fatal(tmp_path):
    friends = [{"name": "Good Friend", "timestamp": 1}, "junk", {"timestamp": 5}, {"name": " "}]
    path = write_export(tmp_path / "e", {"friends/friends.json": {"friends": friends}})
    records = list(importer.read(path))
    assert [c.full_name for c in contacts(records)] == ["Good Friend"]
    skipped = [r for r in records if isinstance(r, Skipped)]
    assert [s.reason for s in skipped] == ["expected an object, found str", "no name", "no name"]
    assert skipped[0].where.endswith("friends/friends.json: entry 2")


def test_a_friend_listed_twice_is_read_once(tmp_path):
    twice = [FRIENDS[0], FRIENDS[0], {**FRIENDS[0], "timestamp": 1}]
    path = write_export(tmp_path / "e", {"friends/friends.json": {"friends": twice}})
    records = list(importer.read(path))
    assert len(contacts(records)) == 2  # same name, another date: another person
    [skipped] = [r for r in records if isinstance(r, Skipped)]
    assert skipped.reason == "Priya Raman listed twice; kept the first"
    assert skipped.where.endswith("entry 2")


def test_reading_twice_gives_the_same_keys(tmp_path):
    path = write_export(tmp_path / "e.zip", ERAS["2023"], as_zip=True)
    first = [c.source_key for c in contacts(importer.read(path))]
    assert first == [c.source_key for c in contacts(importer.read(path))]
    assert len(set(first)) == len(first)


# --- the user's own profile -------------------------------------------------------------------

PROFILE = {
    "name": {"full_name": "Alex Morgan", "first_name": "Alex", "last_name": "Morgan"},
    "emails": {"emails": ["alex@example.com"], "previous_emails": ["old@example.net"]},
    "phone_numbers": [{"phone_type": "Mobile", "phone_number": "+15035550100", "verified": True}],
    "education_experiences": [
        {
            "name": "Universität Wien",
            "start_timestamp": epoch("2008-09-01T00:00:00"),
            "end_timestamp": epoch("2012-06-15T00:00:00"),
        }
    ],
    "work_experiences": [
        {
            "employer": "Brightwave Software",
            "title": "Senior Data Analyst",
            "start_timestamp": epoch("2019-03-01T00:00:00"),
            "end_timestamp": 0,
        },
        {
            "employer": {"name": "Café Société"},
            "position": {"name": "Barista"},
            "start_date": "2008-06",
            "end_date": "2010-08-31",
        },
        {"title": "Volunteer", "start_timestamp": 1},
    ],
    "username": "alex.morgan.demo",
    "profile_uri": "https://www.facebook.com/alex.morgan.demo",
}


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("profile_information/profile_information.json", "profile"),
        ("personal_information/profile_information/profile_information.json", "profile_v2"),
    ],
)
def test_profile_gives_profile_and_positions(tmp_path, name, key):
    files = {name: {key: PROFILE}, **ERAS["2023"]}
    records = list(importer.read(write_export(tmp_path / "e", files)))
    profile = records[0]
    assert isinstance(profile, Profile)
    assert profile.full_name == "Alex Morgan"
    assert profile.emails == ["alex@example.com", "old@example.net"]
    assert profile.phones == ["+15035550100"]
    assert profile.profile_urls == ["https://www.facebook.com/alex.morgan.demo"]
    assert profile.extra == {
        "facebook_username": "alex.morgan.demo",
        "education": "Universität Wien (2008–2012)",
    }
    positions = [r for r in records if isinstance(r, Position)]
    assert positions == [
        Position("Brightwave Software", "Senior Data Analyst", date(2019, 3, 1), None),
        Position("Café Société", "Barista", date(2008, 6, 1), date(2010, 8, 31)),
    ]
    skipped = [r for r in records if isinstance(r, Skipped)]
    assert [s.reason for s in skipped] == ["no employer"]
    assert "work_experiences entry 3" in skipped[0].where


# --- HTML ---------------------------------------------------------------------------------------

CSS = '<style type="text/css">._2lel{border-bottom:1px solid #dadde1}.uiBoxWhite{x:y}</style>'


def html_2019_page(title: str, entries: list[tuple[str, str | None, str]]) -> str:
    boxes = "".join(
        '<div class="pam _3-95 _2pi0 _2lej uiBoxWhite noborder">'
        f'<div class="_3-96 _2pio _2lek _2lel">{name}</div>'
        + (f'<div class="_3-96 _2let">{info}</div>' if info else "")
        + f'<div class="_3-94 _2lem">{when}</div></div>'
        for name, info, when in entries
    )
    return (
        '<html><head><meta charset="UTF-8" />' + CSS + f"<title>{title}</title></head>"
        '<body class="_5vb_ _2yq _4yic"><div class="_3a_u"><div class="_3b0c">'
        f'<div class="_3b0d">{title}</div></div>'
        f'<div class="_4t5n" role="main">{boxes}</div>'
        '<div class="_4t5o"><div>Generated by Alex Morgan on Thursday, 27 June 2019 at 12:55 '
        "UTC+07:00</div></div></div></body></html>"
    )


def test_html_2019_empty_removed_friends_page(tmp_path):
    files = {
        "friends/friends.html": html_2019_page("Friends", [("Jordan Lee", None, "1 Jan 2010")]),
        "friends/removed_friends.html": html_2019_page("Removed friends", []),
    }
    path = write_export(tmp_path / "e", files)
    assert [c.full_name for c in contacts(importer.read(path))] == ["Jordan Lee"]


def test_json_file_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "your_friends.json"
    path.write_bytes(b"\xef\xbb\xbf" + facebook_json({"friends_v2": FRIENDS}).encode())
    assert importer.detect(path)
    assert len(contacts(importer.read(path))) == len(FRIENDS)


def test_html_2019_friends_pages_are_read(tmp_path):
    friends = html_2019_page(
        "Friends",
        [
            ("Jordan Lee", None, "27 Jan 2010, 17:29"),
            ("&#039;Bo&#039; O&#039;Hara", "bo@example.com", "3 Dec 2017, 20:51"),
            ("リカルド ソリアノ", None, "29 Jan 2018, 01:50"),
            ("Undated Friend", None, "27 janv. 2010"),
        ],
    )
    removed = html_2019_page("Removed friends", [("Kevin Doyle", None, "11 Jun 2019, 08:49")])
    path = write_export(
        tmp_path / "e.zip",
        {"friends/friends.html": friends, "friends/removed_friends.html": removed},
        as_zip=True,
    )
    assert importer.detect(path)
    people = {c.full_name: c for c in contacts(importer.read(path))}
    assert set(people) == {
        "Jordan Lee",
        "'Bo' O'Hara",
        "リカルド ソリアノ",
        "Undated Friend",
        "Kevin Doyle",
    }
    assert people["Jordan Lee"].since == date(2010, 1, 27)
    assert people["Jordan Lee"].source_key == "facebook:Jordan Lee:2010-01-27T17:29"
    assert people["'Bo' O'Hara"].emails == ["bo@example.com"]
    assert people["Undated Friend"].since is None
    assert people["Kevin Doyle"].former is True
    assert people["Kevin Doyle"].extra == {"facebook_removed_on": "2019-06-11"}


@pytest.mark.parametrize(
    "files",
    [
        {"connections/friends/your_friends.html": "<html><div class='_a6-g'>x</div></html>"},
        {
            "index.html": "<html>Facebook</html>",
            "profile_information/profile_information.html": "<html></html>",
        },
        {"friends/friends.html": "<html><body><table><tr><td>A</td></tr></table></body></html>"},
    ],
    ids=["2023 html", "html without friends", "friends.html of unknown markup"],
)
def test_other_html_exports_say_how_to_get_json(tmp_path, files):
    path = write_export(tmp_path / "facebook-alex.zip", files, as_zip=True)
    with pytest.raises(BadInput) as e:
        list(importer.read(path))
    message = str(e.value)
    assert "facebook-alex.zip" in message
    assert "HTML format" in message
    assert "Format: JSON" in message
    assert "\n" not in message


# --- parts, layouts and bad input ----------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["facebook-alex-part-2.zip", "facebook-alex_part3.zip", "Facebook (Part 4).zip"]
)
def test_part_names(tmp_path, name):
    files = {"your_facebook_activity/posts/your_posts_1.json": []}
    assert list(importer.read(write_export(tmp_path / name, files, as_zip=True))) == []


def test_a_split_export_is_read_part_by_part(tmp_path):
    part1 = write_export(tmp_path / "facebook-alexmorgan-part-1.zip", ERAS["2023"], as_zip=True)
    part2 = write_export(
        tmp_path / "facebook-alexmorgan-part-2.zip",
        {"your_facebook_activity/messages/inbox/jordan_123/message_1.json": {"messages": []}},
        as_zip=True,
    )
    assert importer.detect(part1) and importer.detect(part2)
    assert len(contacts(importer.read(part1))) == 6
    assert list(importer.read(part2)) == []


@pytest.mark.parametrize("name", ["facebook-alexmorgan.zip", "facebook-department-2.zip"])
def test_a_zip_with_no_friends_file_that_is_not_a_part_is_refused(tmp_path, name):
    files = {"your_facebook_activity/messages/inbox/jordan_123/message_1.json": {"messages": []}}
    path = write_export(tmp_path / name, files, as_zip=True)
    assert importer.detect(path)
    with pytest.raises(BadInput, match="no friends file in this Facebook export") as e:
        list(importer.read(path))
    assert e.value.path == str(path)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"friends_v2": {"name": "A"}}', '"friends_v2" is not a list'),
        ("[1, 2]", "unexpected JSON: a list, not an object"),
        ('{"friends_v2": [', "not valid JSON"),
        ('{"connections_v9": []}', "unknown Facebook export era: top-level keys connections_v9"),
        ("", "not valid JSON"),
    ],
)
def test_wrong_shaped_json_names_the_file(tmp_path, content, problem):
    path = write_export(
        tmp_path / "e.zip", {"connections/friends/your_friends.json": content}, as_zip=True
    )
    with pytest.raises(BadInput) as e:
        list(importer.read(path))
    assert e.value.path == f"{path}:connections/friends/your_friends.json"
    assert problem in e.value.problem
    assert "\n" not in str(e.value)


@pytest.mark.parametrize(
    "files",
    [
        {"Connections.csv": "First Name,Last Name\n"},
        {"data/following.js": "window.YTD.following.part0 = [ ]"},
        {
            "your_instagram_activity/likes/liked_posts.json": {"likes_media_likes": []},
            "connections/followers_and_following/followers_1.json": [],
        },
        {"notes/friends.txt": "my friends"},
    ],
    ids=["linkedin", "x archive", "instagram", "unrelated"],
)
def test_detect_leaves_other_exports_alone(tmp_path, files):
    assert not importer.detect(write_export(tmp_path / "e.zip", files, as_zip=True))
    assert not importer.detect(write_export(tmp_path / "folder", files))


def test_detect_on_single_files(tmp_path):
    friends = tmp_path / "your_friends.json"
    friends.write_text(facebook_json({"friends_v2": FRIENDS}))
    other = tmp_path / "other.json"
    other.write_text('{"people": []}')
    vcard = tmp_path / "a.vcf"
    vcard.write_text("BEGIN:VCARD\nEND:VCARD\n")
    assert importer.detect(friends)
    assert not importer.detect(other)
    assert not importer.detect(vcard)
    assert {c.full_name for c in contacts(importer.read(friends))} == {f["name"] for f in FRIENDS}


# --- the shared samples (real files written by others; never copied into the project) ---------


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is not beside the repository")
def test_shared_samples(tmp_path):
    data = sorted(SAMPLES.glob("tardigrde__*.json"))
    schemas = sorted(SAMPLES.glob("schema__*.json"))
    assert data and schemas
    assert not any(importer.detect(s) for s in schemas)  # JSON Schemas, not exports

    friends_file = SAMPLES / "tardigrde__friends__friends.json"
    assert importer.detect(friends_file)
    names = [c.full_name for c in contacts(importer.read(friends_file))]
    assert len(names) == 9
    assert {"Tőke Hal", "Dér Dénes"} <= set(names)

    export = tmp_path / "export"
    for sample in data:
        _, folder, file_name = sample.name.split("__")
        (export / folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(sample, export / folder / file_name)
    records = list(importer.read(export))
    [profile] = [r for r in records if isinstance(r, Profile)]
    assert profile.full_name == "Jenő Rejtő"
    assert profile.extra["education"] == "University of Szeged (2012–2019)"
    assert len(contacts(records)) == 9
    assert "Ã" not in repr(records) and "Å" not in repr(records)


# --- the sample export and the command line ----------------------------------------------------


def test_sample_export_is_what_its_builder_writes(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_facebook_sample", REPO / "sample_exports" / "make_facebook_sample.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rebuilt = module.build(tmp_path / "rebuilt.zip")
    with zipfile.ZipFile(SAMPLE_EXPORT) as a, zipfile.ZipFile(rebuilt) as b:
        assert a.namelist() == b.namelist()
        assert all(a.read(n) == b.read(n) for n in a.namelist())
        assert b"\\u00c3\\u00a9" in a.read("connections/friends/your_friends.json")


def test_sample_export(tmp_path):
    records = list(importer.read(SAMPLE_EXPORT))
    people = {c.full_name: c for c in contacts(records)}
    assert 40 <= len(people) <= 45
    assert people["Priya Raman"].since.year == 2014
    assert "José Álvarez" in people and "Jordan Lee" in people
    assert sum(c.former for c in people.values()) == 3
    assert [r.company for r in records if isinstance(r, Position)] == [
        "Acme Analytics",
        "Shopify",
    ]


def test_import_through_the_cli(runner, tmp_path):
    result = runner.invoke(cli, ["import", str(SAMPLE_EXPORT)])
    assert result.exit_code == 0, result.output
    assert "43 contacts" in result.output
    assert "Facebook friends carry names only" in result.output
    people = json.loads(runner.invoke(cli, ["people", "--format", "json"]).output)
    names = {p["name"] for p in people}
    assert {"José Álvarez", "Priya Raman", "Jordan Lee", "田中 美咲"} <= names
    assert not any("Ã" in n for n in names)


def test_split_export_through_the_cli(runner, tmp_path):
    part1 = write_export(tmp_path / "fb-part-1.zip", ERAS["2023"], as_zip=True)
    part2 = write_export(
        tmp_path / "fb-part-2.zip",
        {
            "your_facebook_activity/posts/your_posts_1.json": [],
            "personal_information/profile_information/profile_information.json": {
                "profile_v2": PROFILE
            },
        },
        as_zip=True,
    )
    result = runner.invoke(cli, ["import", str(part1), str(part2)])
    assert result.exit_code == 0, result.output
    assert "6 contacts, 1 profile, 2 of your positions" in result.output
    # the part without friends alone imports nothing, and says so
    alone = runner.invoke(cli, ["import", str(part2)])
    assert alone.exit_code == 2
    assert "no contacts found" in alone.output


def test_bad_input_through_the_cli_leaves_the_store_as_it_was(runner, tmp_path):
    assert runner.invoke(cli, ["import", str(SAMPLE_EXPORT)]).exit_code == 0
    before = runner.invoke(cli, ["people", "--format", "json"]).output
    bad = write_export(
        tmp_path / "facebook-bad.zip",
        {"connections/friends/your_friends.json": '{"friends_v2": 7}'},
        as_zip=True,
    )
    result = runner.invoke(cli, ["import", str(bad)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "facebook-bad.zip:connections/friends/your_friends.json" in lines[0]
    assert runner.invoke(cli, ["people", "--format", "json"]).output == before


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(["name", "timestamp", "friends_v2", "x"]), children)
    ),
    max_leaves=12,
)


@given(
    st.dictionaries(
        st.sampled_from(["friends_v2", "deleted_friends_v2", "profile_v2", "other"]), JSON_VALUES
    )
    | JSON_VALUES
)
def test_any_json_gives_records_or_one_bad_input(tmp_path_factory, value):
    root = tmp_path_factory.mktemp("e")
    files = {
        "connections/friends/your_friends.json": json.dumps(value),
        "personal_information/profile_information/profile_information.json": json.dumps(value),
    }
    try:
        records = list(importer.read(write_export(root, files)))
    except BadInput as e:
        assert "\n" not in str(e)
    else:
        assert all(isinstance(r, Contact | Profile | Position | Skipped) for r in records)
