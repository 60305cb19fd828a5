"""Writes the LinkedIn "Complete" export zip, byte for byte in the 2024-2026 shapes."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from datagen.world import TODAY, World

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
CONNECTIONS_HEADER = [
    "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On",
]  # fmt: skip
MESSAGES_HEADER = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "IS MESSAGE DRAFT",
    "IS CONVERSATION DRAFT",
]  # fmt: skip
ENDORSEMENTS_HEADER = [
    "Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name",
    "Endorser Public Url", "Endorsement Status",
]  # fmt: skip
RECOMMENDATIONS_HEADER = [
    "First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status",
]  # fmt: skip
POSITIONS_HEADER = ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"]
PROFILE_HEADER = [
    "First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary",
    "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers",
]  # fmt: skip
INVITATIONS_HEADER = [
    "From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl",
]  # fmt: skip


def zip_name() -> str:
    return f"Complete_LinkedInDataExport_{TODAY:%m-%d-%Y}.zip"


def _csv(header: list[str], rows: list[list[str]], trailing_newline: bool = True) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    text = out.getvalue()
    return (text if trailing_newline else text.rstrip("\n")).encode("utf-8")


def _us_datetime(when) -> str:
    """LinkedIn's 'MM/DD/YY, HH:MM AM' (zero-padded)."""
    return when.strftime("%m/%d/%y, %I:%M %p")


def connections_csv(world: World) -> bytes:
    rows = []
    for r in world.linkedin_rows:
        when = r["connected"].strftime("%d %b %Y")
        if r["person"] is None:
            rows.append(["", "", "", "", "", "", when])
        else:
            rows.append(
                [r["first"], r["last"], r["url"], r["email"], r["company"], r["position"], when]
            )
    # Real exports usually end without a final newline.
    return PREAMBLE.encode() + _csv(CONNECTIONS_HEADER, rows, trailing_newline=False)


def messages_csv(world: World) -> bytes:
    rows = [
        [m["conv"], "", m["from"], m["from_url"], m["to"], m["to_url"],
         m["date"].strftime("%Y-%m-%d %H:%M:%S UTC"), "", m["content"], m["folder"], "No", "No"]
        for m in world.messages
    ]  # fmt: skip
    return _csv(MESSAGES_HEADER, rows)


def endorsements_csv(world: World) -> bytes:
    rows = [
        [e["date"].strftime("%Y/%m/%d %H:%M:%S UTC"), e["skill"], e["person"].name.given,
         e["person"].name.family, f"www.linkedin.com/in/{e['person'].slug}", "ACCEPTED"]
        for e in world.endorsements
    ]  # fmt: skip
    return _csv(ENDORSEMENTS_HEADER, rows)


def recommendations_csv(world: World) -> bytes:
    rows = [
        [r["person"].name.given, r["person"].name.family, r["company"], r["title"], r["text"],
         _us_datetime(r["date"]), "VISIBLE"]
        for r in world.recommendations
    ]  # fmt: skip
    return _csv(RECOMMENDATIONS_HEADER, rows)


def positions_csv(world: World) -> bytes:
    rows = [
        [p["text"], p["title"], "", "Berlin, Germany", p["started"].strftime("%b %Y"),
         p["finished"].strftime("%b %Y") if p["finished"] else ""]
        for p in world.positions
    ]  # fmt: skip
    return _csv(POSITIONS_HEADER, rows)


def profile_csv(world: World) -> bytes:
    u = world.user
    row = [u["first"], u["last"], "", "", "", u["headline"], "", "Software Development", "",
           "Berlin, Germany", "", "", ""]  # fmt: skip
    return _csv(PROFILE_HEADER, [row])


def invitations_csv(world: World) -> bytes:
    u = world.user
    me, my_url = f"{u['first']} {u['last']}", f"https://www.linkedin.com/in/{u['slug']}"
    rows = []
    for inv in world.invitations:
        url = f"https://www.linkedin.com/in/{inv['person'].slug}"
        when = inv["date"].strftime("%m/%d/%y, ") + "9:15 AM"
        if inv["direction"] == "INCOMING":
            rows.append([inv["name"], me, when, "", "INCOMING", url, my_url])
        else:
            rows.append([me, inv["name"], when, "", "OUTGOING", my_url, url])
    return _csv(INVITATIONS_HEADER, rows)


def write(world: World, folder: Path) -> Path:
    """Writes the zip into `folder` and returns its path."""
    path = folder / zip_name()
    files = {
        "Connections.csv": connections_csv(world),
        "messages.csv": messages_csv(world),
        "Endorsement_Received_Info.csv": endorsements_csv(world),
        "Recommendations_Received.csv": recommendations_csv(world),
        "Positions.csv": positions_csv(world),
        "Profile.csv": profile_csv(world),
        "Invitations.csv": invitations_csv(world),
        "Skills.csv": b"Name\nPython\nSQL\nData Engineering\n",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(TODAY.year, TODAY.month, TODAY.day, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return path
