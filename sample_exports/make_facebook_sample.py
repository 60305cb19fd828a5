"""Build facebook-alexmorgan.zip: an invented Facebook export in today's (2023+) JSON layout.

Every person here is invented. The files are written the way Facebook writes them: each
UTF-8 byte of a non-ASCII character escaped as its own ``\\u00XX`` (the mojibake whoknows
repairs), timestamps in epoch seconds, two-space indentation. The zip is reproducible: fixed
member dates and order, so running this again gives the same bytes.

    python sample_exports/make_facebook_sample.py
"""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

OUT = Path(__file__).resolve().parent / "facebook-alexmorgan.zip"
ZIP_DATE = (2026, 11, 20, 9, 30, 0)

FRIENDS = [
    # (name, friends since "YYYY-MM-DD HH:MM" UTC)
    ("Jordan Lee", "2011-09-03 18:22"),
    ("Priya Raman", "2014-06-12 20:41"),
    ("José Álvarez", "2012-02-19 11:05"),
    ("Zoë Fischer", "2016-10-01 08:14"),
    ("Chloé Martin", "2013-04-27 17:29"),
    ("Mariana Gonçalves", "2018-07-15 22:03"),
    ("Łukasz Nowak", "2017-03-08 12:47"),
    ("Nguyễn Thị Lan", "2019-11-23 03:55"),
    ("Ayşe Yılmaz", "2015-05-30 16:10"),
    ("Björn Lindqvist", "2012-12-24 09:00"),
    ("田中 美咲", "2020-01-14 06:32"),
    ("Siobhán O'Neill", "2010-08-09 19:48"),
    ("Marcus Webb", "2009-11-02 21:15"),
    ("Hannah Cole", "2010-01-17 14:30"),
    ("Daniel Okafor", "2013-09-21 10:12"),
    ("Emily Tran", "2014-02-28 23:59"),
    ("Sam Patel", "2015-12-05 13:44"),
    ("Olivia Brooks", "2016-06-18 07:25"),
    ("Noah Kim", "2017-08-26 15:03"),
    ("Grace Liu", "2018-01-09 18:37"),
    ("Lucas Moreau", "2011-03-12 12:00"),
    ("Isabela Rocha", "2019-04-04 20:20"),
    ("Ethan Brennan", "2012-07-07 07:07"),
    ("Fatima Haddad", "2020-09-13 11:11"),
    ("Liam O'Connor", "2010-05-22 16:45"),
    ("Mei Chen", "2021-02-02 02:02"),
    ("Tomás Herrera", "2014-10-31 22:22"),
    ("Ingrid Solberg", "2015-08-14 09:50"),
    ("Kwame Mensah", "2016-12-01 17:05"),
    ("Rachel Goldberg", "2013-01-26 13:13"),
    ("Diego Fernández", "2017-05-19 19:19"),
    ("Anika Sharma", "2018-10-10 10:10"),
    ("Ben Carter", "2009-12-31 23:30"),
    ("Yuki Sato", "2019-07-21 05:45"),
    ("Clara Schmidt", "2022-03-03 14:14"),
    ("Omar Farouk", "2021-06-30 18:00"),
    ("Sophie Dubois", "2012-11-11 11:11"),
    ("Ravi Iyer", "2023-01-20 08:08"),
    ("Ella Novak", "2023-08-05 20:30"),
    ("Aarav Mehta", "2024-04-16 12:34"),
]

REMOVED = [
    # (name, removed on) -- removed friends are former ties
    ("Kevin Doyle", "2019-02-14 10:00"),
    ("Renée Lefèvre", "2021-09-09 21:21"),
    ("Tyler Grant", "2023-05-05 05:05"),
]

RECEIVED_REQUESTS = [("Victor Hale", "2025-10-02 12:00"), ("Sara Lindgren", "2026-01-11 09:30")]
SENT_REQUESTS = [("Mateo Ruiz", "2025-12-24 18:45")]

PROFILE = {
    "name": {
        "full_name": "Alex Morgan",
        "first_name": "Alex",
        "middle_name": "",
        "last_name": "Morgan",
    },
    "emails": {
        "emails": ["alex.morgan@example.com"],
        "previous_emails": ["alexm.1990@example.net"],
        "pending_emails": [],
        "ad_account_emails": [],
    },
    "birthday": {"year": 1990, "month": 4, "day": 12},
    "current_city": {"name": "Toronto, Ontario", "timestamp": 0},
    "hometown": {"name": "Sacramento, California", "timestamp": 0},
    "education_experiences": [
        {
            "name": "University of Oregon",
            "start_timestamp": "2008-09-01 00:00",
            "end_timestamp": "2012-06-15 00:00",
            "graduated": True,
            "concentrations": ["Economics"],
            "school_type": "College",
            "timestamp": "2013-01-05 10:00",
        }
    ],
    "work_experiences": [
        {
            "employer": "Acme Analytics",
            "title": "Senior Data Engineer",
            "location": "Toronto, Ontario",
            "description": "",
            "start_timestamp": "2022-09-01 00:00",
            "end_timestamp": 0,
            "timestamp": "2022-09-04 17:00",
        },
        {
            "employer": "Shopify",
            "title": "Data Engineer",
            "location": "Ottawa, Ontario",
            "description": "",
            "start_timestamp": "2018-03-01 00:00",
            "end_timestamp": "2022-08-31 00:00",
            "timestamp": "2018-03-10 12:00",
        },
    ],
    "phone_numbers": [],
    "username": "alex.morgan.demo",
    "registration_timestamp": "2009-10-02 19:00",
    "profile_uri": "https://www.facebook.com/alex.morgan.demo",
}


def epoch(text: str) -> int:
    return int(datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC).timestamp())


def as_facebook_writes(value: object) -> object:
    """Each string's UTF-8 bytes as Latin-1 characters; "…_timestamp" strings as epoch seconds."""
    if isinstance(value, str):
        return value.encode("utf-8").decode("latin-1")
    if isinstance(value, list):
        return [as_facebook_writes(v) for v in value]
    if isinstance(value, dict):
        return {
            k: epoch(v) if k.endswith("timestamp") and isinstance(v, str) else as_facebook_writes(v)
            for k, v in value.items()
        }
    return value


def people(entries: list[tuple[str, str]]) -> list[dict[str, object]]:
    return [{"name": name, "timestamp": epoch(when)} for name, when in entries]


def files() -> dict[str, object]:
    return {
        "connections/friends/your_friends.json": {"friends_v2": people(FRIENDS)},
        "connections/friends/removed_friends.json": {"deleted_friends_v2": people(REMOVED)},
        "connections/friends/received_friend_requests.json": {
            "received_requests_v2": people(RECEIVED_REQUESTS)
        },
        "connections/friends/sent_friend_requests.json": {
            "sent_requests_v2": people(SENT_REQUESTS)
        },
        "connections/followers/people_who_followed_you.json": {
            "followers_v3": [{"name": "Victor Hale"}]
        },
        "personal_information/profile_information/profile_information.json": {
            "profile_v2": PROFILE
        },
    }


def build(out: Path = OUT) -> Path:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in sorted(files().items()):
            text = json.dumps(as_facebook_writes(content), indent=2, ensure_ascii=True)
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, text)
    return out


if __name__ == "__main__":
    print(build())
