"""The X (Twitter) archive importer on archives written here in each year's real shape."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoknows import BadInput, Contact, Profile, Skipped
from whoknows.cli import cli
from whoknows.plugins.twitter import TwitterImporter, parse_data_file

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO.parent / "shared" / "samples" / "twitter"

importer = TwitterImporter()


def ytd_2019(name: str, key: str, ids: list[str], part: int = 0) -> str:
    """2019: compact array opener, no userLink, no trailing newline."""
    entries = ", ".join(
        "{\n  " + f'"{key}" : {{\n    "accountId" : "{i}"\n  }}\n' + "}" for i in ids
    )
    return f"window.YTD.{name}.part{part} = [ {entries} ]"


def ytd_2021(name: str, key: str, ids: list[str], part: int = 0) -> str:
    """2021 and later: one entry per block, `" : "` spacing, the intent userLink."""
    if not ids:
        return f"window.YTD.{name}.part{part} = [ ]"
    entries = ",\n".join(
        "  {\n"
        f'    "{key}" : {{\n'
        f'      "accountId" : "{i}",\n'
        f'      "userLink" : "https://twitter.com/intent/user?user_id={i}"\n'
        "    }\n"
        "  }"
        for i in ids
    )
    return f"window.YTD.{name}.part{part} = [\n{entries}\n]"


ACCOUNT = """window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "alex.morgan@example.com",
      "createdVia" : "web",
      "username" : "alexmorgan_data",
      "accountId" : "1203040506",
      "createdAt" : "2012-03-04T05:06:07.000Z",
      "accountDisplayName" : "Alex Morgan"
    }
  }
]"""

PROFILE = """window.YTD.profile.part0 = [
  {
    "profile" : {
      "description" : {
        "bio" : "Data analyst. Maps, bikes, coffee.",
        "website" : "",
        "location" : "Portland, OR"
      }
    }
  }
]"""


def manifest(files: dict[str, list[str]]) -> str:
    data_types = {
        kind: {
            "files": [
                {"fileName": name, "globalName": f"YTD.{kind}.part{n}", "count": "2"}
                for n, name in enumerate(names)
            ]
        }
        for kind, names in files.items()
    }
    config = {
        "userInfo": {"accountId": "1203040506", "userName": "alexmorgan_data", "displayName": "AM"},
        "archiveInfo": {"sizeBytes": "1234", "generationDate": "2026-11-20T09:30:00.000Z"},
        "dataTypes": data_types,
    }
    return "window.__THAR_CONFIG = " + json.dumps(config, indent=2)


def write_archive(root: Path, files: dict[str, str], as_zip: bool = False) -> Path:
    if as_zip:
        with zipfile.ZipFile(root, "w") as zf:
            for name, text in files.items():
                zf.writestr(name, text)
        return root
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def contacts(records) -> dict[str, Contact]:
    return {r.extra["x_account_id"]: r for r in records if isinstance(r, Contact)}


ARCHIVE_2023 = {
    "Your archive.html": "<html>Your archive</html>",
    "data/manifest.js": manifest(
        {"following": ["data/following.js"], "follower": ["data/follower.js"]}
    ),
    "data/account.js": ACCOUNT,
    "data/profile.js": PROFILE,
    "data/following.js": ytd_2021("following", "following", ["101", "102", "2029015967452258304"]),
    "data/follower.js": ytd_2021("follower", "follower", ["102", "201"]),
    "data/block.js": ytd_2021("block", "blocking", ["999"]),
}


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
def test_archive_gives_one_contact_per_account_and_the_owner(tmp_path, as_zip):
    path = write_archive(tmp_path / ("x.zip" if as_zip else "x"), ARCHIVE_2023, as_zip)
    assert importer.detect(path)
    records = list(importer.read(path))
    people = contacts(records)

    assert set(people) == {"101", "102", "2029015967452258304", "201"}  # blocks are not read
    assert {i: c.extra["x_relation"] for i, c in people.items()} == {
        "101": "following",
        "102": "mutual",
        "2029015967452258304": "following",
        "201": "follower",
    }
    mutual = people["102"]
    assert mutual.source_key == "x:102"
    assert mutual.profile_urls == ["https://x.com/i/user/102"]
    assert mutual.full_name == "" and mutual.company == ""

    [profile] = [r for r in records if isinstance(r, Profile)]
    assert profile.full_name == "Alex Morgan"
    assert profile.emails == ["alex.morgan@example.com"]
    assert profile.profile_urls == ["https://x.com/alexmorgan_data"]
    assert profile.headline == "Data analyst. Maps, bikes, coffee."
    assert profile.extra == {
        "x_account_id": "1203040506",
        "x_username": "alexmorgan_data",
        "x_created_at": "2012-03-04T05:06:07.000Z",
    }


def test_2019_archive_without_user_links(tmp_path):
    files = {
        "data/following.js": ytd_2019("following", "following", ["547842573", "12158"]),
        "data/follower.js": ytd_2019("follower", "follower", ["73747798", "12158"]),
    }
    people = contacts(importer.read(write_archive(tmp_path / "x", files)))
    assert people["12158"].extra["x_relation"] == "mutual"
    assert people["547842573"].profile_urls == ["https://x.com/i/user/547842573"]


def test_empty_lists(tmp_path):
    files = {
        "data/manifest.js": manifest({"following": ["data/following.js"]}),
        "data/account.js": ACCOUNT.replace('"alex.morgan@example.com"', "null"),
        "data/following.js": "window.YTD.following.part0 = [ ]",
        "data/follower.js": "window.YTD.follower.part0 = [ ]",
    }
    records = list(importer.read(write_archive(tmp_path / "x", files)))
    assert len(records) == 1
    assert isinstance(records[0], Profile) and records[0].emails == []


def test_several_parts_and_the_manifest_file_list(tmp_path):
    files = {
        "twitter-2026-11-20-abc/data/manifest.js": manifest(
            {
                "following": [
                    "data/following.js",
                    "data/following-part1.js",
                    "data/following_more.js",
                ]
            }
        ),
        "twitter-2026-11-20-abc/data/following.js": ytd_2021("following", "following", ["1"]),
        "twitter-2026-11-20-abc/data/following-part1.js": ytd_2021(
            "following", "following", ["2"], part=1
        ),
        # named only by the manifest
        "twitter-2026-11-20-abc/data/following_more.js": ytd_2021(
            "following", "following", ["3"], part=2
        ),
        "twitter-2026-11-20-abc/data/follower-part1.js": ytd_2019(
            "follower", "follower", ["3"], part=1
        ),
    }
    path = write_archive(tmp_path / "x.zip", files, as_zip=True)
    records = list(importer.read(path))
    people = contacts(records)
    assert list(people) == ["1", "2", "3"]
    assert people["3"].extra["x_relation"] == "mutual"
    [profile] = [r for r in records if isinstance(r, Profile)]  # from the manifest's userInfo
    assert (profile.full_name, profile.extra["x_username"]) == ("AM", "alexmorgan_data")


def test_parse_never_evaluates(tmp_path):
    text = "window.YTD.following.part0 = __import__('os').system('touch pwned')"
    with pytest.raises(BadInput, match="not valid JSON"):
        parse_data_file(text, "following.js")
    assert parse_data_file("\ufeffwindow.YTD.x.part0 = [1];\n", "x.js") == ("YTD.x.part0", [1])


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[]", "not an X archive data file"),
        ("window.YTD.following.part0 = [ {", "not valid JSON"),
        ('window.YTD.following.part0 = {"following": 1}', "expected a list of following entries"),
    ],
)
def test_bad_data_files_name_the_file(tmp_path, text, problem):
    path = write_archive(tmp_path / "x.zip", {"data/following.js": text}, as_zip=True)
    with pytest.raises(BadInput) as e:
        list(importer.read(path))
    assert e.value.path == f"{path}:data/following.js"
    assert problem in e.value.problem


def test_unreadable_entries_are_skipped(tmp_path):
    text = (
        "window.YTD.following.part0 = ["
        '{"following": {"accountId": "42"}}, {"following": {"accountId": "@bob"}},'
        ' {"follower": {"accountId": "7"}}, 5]'
    )
    records = list(importer.read(write_archive(tmp_path / "x", {"data/following.js": text})))
    assert list(contacts(records)) == ["42"]
    reasons = [r.reason for r in records if isinstance(r, Skipped)]
    assert reasons == ["no numeric accountId", *['expected {"following": {"accountId": ...}}'] * 2]


def test_an_archive_without_follow_lists_is_refused(tmp_path):
    path = write_archive(
        tmp_path / "x.zip", {"data/manifest.js": manifest({}), "data/tweets.js": "[]"}, True
    )
    assert importer.detect(path)
    with pytest.raises(BadInput, match=r"no data/following\.js"):
        list(importer.read(path))


@pytest.mark.parametrize(
    "files",
    [
        {"connections/friends/your_friends.json": '{"friends_v2": []}'},
        {"Connections.csv": "First Name\n"},
        {"site/data/main.js": "console.log(1)"},
        {"data/tweets.js": "window.YTD.tweets.part0 = []"},
    ],
    ids=["facebook", "linkedin", "some javascript", "tweets only"],
)
def test_detect_leaves_other_things_alone(tmp_path, files):
    assert not importer.detect(write_archive(tmp_path / "e.zip", files, as_zip=True))
    assert not importer.detect(write_archive(tmp_path / "e", files))


def test_single_files(tmp_path):
    following = tmp_path / "following.js"
    following.write_text(ytd_2021("following", "following", ["5", "6"]))
    account = tmp_path / "account.js"
    account.write_text(ACCOUNT)
    other = tmp_path / "app.js"
    other.write_text("window.app = {}")
    assert importer.detect(following) and importer.detect(account)
    assert not importer.detect(other)
    assert list(contacts(importer.read(following))) == ["5", "6"]
    [profile] = importer.read(account)
    assert (profile.full_name, profile.headline) == ("Alex Morgan", "")


def test_summary_note_says_what_x_archives_lack():
    assert "no names or employers" in importer.summary_note


# --- the shared samples (real files written by others; never copied into the project) ---------


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is not beside the repository")
def test_shared_samples(tmp_path):
    samples = sorted(SAMPLES.glob("*.js"))
    assert samples and all(importer.detect(s) for s in samples)

    archive = tmp_path / "simonw"
    (archive / "data").mkdir(parents=True)
    for sample in SAMPLES.glob("simonw__*.js"):
        shutil.copy(sample, archive / "data" / sample.name.split("__")[1])
    records = list(importer.read(archive))
    people = contacts(records)
    assert set(people) == {"547842573", "12158", "73747798", "386025404"}
    [profile] = [r for r in records if isinstance(r, Profile)]
    assert (profile.full_name, profile.phones) == ("Simon Willison", ["+15555555555"])

    handles = contacts(importer.read(SAMPLES / "escape_the_algorithm__following.js"))
    assert handles["12345"].profile_urls == [
        "https://x.com/i/user/12345",
        "https://x.com/elonmusk",
    ]


# --- the command line ----------------------------------------------------------------------


def test_import_through_the_cli(runner, tmp_path):
    path = write_archive(tmp_path / "twitter-2026.zip", ARCHIVE_2023, as_zip=True)
    result = runner.invoke(cli, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "4 contacts, 1 profile" in result.output
    assert "X archives carry no names or employers" in result.output
    sources = runner.invoke(cli, ["sources", "--format", "json"])
    assert '"twitter"' in sources.output
    people = json.loads(runner.invoke(cli, ["people", "--format", "json"]).output)
    # X accounts carry no names: each is called by its profile link instead of a blank
    assert all(p["name"] == f"({p['profile_url']})" for p in people)

    bad = write_archive(tmp_path / "bad.zip", {"data/follower.js": "window.YTD.f.part0 = ["}, True)
    before = runner.invoke(cli, ["people", "--format", "json"]).output
    result = runner.invoke(cli, ["import", str(bad)])
    assert result.exit_code == 2
    assert "bad.zip:data/follower.js" in result.output
    assert runner.invoke(cli, ["people", "--format", "json"]).output == before


@given(st.text(max_size=200), st.sampled_from(["following", "follower", "account"]))
def test_any_data_file_gives_records_or_one_bad_input(tmp_path_factory, body, kind):
    root = tmp_path_factory.mktemp("x")
    files = {f"data/{kind}.js": f"window.YTD.{kind}.part0 = {body}"}
    try:
        records = list(importer.read(write_archive(root, files)))
    except BadInput as e:
        assert "\n" not in str(e)
    else:
        assert all(isinstance(r, Contact | Profile | Skipped) for r in records)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda c: (
            st.lists(c, max_size=3)
            | st.dictionaries(st.sampled_from(["following", "accountId", "account", "userLink"]), c)
        ),
        max_leaves=10,
    )
)
def test_any_json_in_a_follow_list_gives_records_or_one_bad_input(tmp_path_factory, value):
    root = tmp_path_factory.mktemp("x")
    files = {"data/following.js": "window.YTD.following.part0 = " + json.dumps(value)}
    try:
        records = list(importer.read(write_archive(root, files)))
    except BadInput as e:
        assert "\n" not in str(e)
    else:
        assert all(isinstance(r, Contact | Profile | Skipped) for r in records)
