"""Build sample_exports/Complete_LinkedInDataExport_11-20-2026.zip: a LinkedIn export of
invented people, in today's layout (see ../shared/reference/FORMATS.md §1).

The user is Alex Morgan, a data engineer at Acme Analytics (since Sep 2022), before that at
Shopify (Mar 2018 - Aug 2022). At Stripe Alex knows a recruiter (Dana Whitfield), a former
Shopify colleague (Sam Okafor, who endorsed and recommended Alex) and a product manager
(Lena Fischer). Everyone here is made up.

Run ``python sample_exports/make_linkedin_sample.py`` to rebuild the zip; the output is the
same every time.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

ZIP_NAME = "Complete_LinkedInDataExport_11-20-2026.zip"
EXPORTED = (2026, 11, 20, 9, 14, 0)

NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are'
    " missing. You will only see email addresses for connections who have allowed their"
    " connections to see or download their email address using this setting"
    " https://www.linkedin.com/psettings/privacy/email. You can learn more here"
    ' https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)

ALEX = "https://www.linkedin.com/in/alex-morgan-data"

# fmt: off

# First Name, Last Name, URL slug, Email Address, Company, Position, Connected On (newest first)
CONNECTIONS = [
    ("Dana", "Whitfield", "dana-whitfield-recruits", "", "Stripe", "Technical Recruiter",
     "12 Oct 2026"),
    ("Jordan", "Ellis", "jordan-ellis-ml", "", "Google", "Senior Software Engineer, Search",
     "28 Aug 2026"),
    ("Hannah", "Kowalski", "hannah-kowalski", "", "Acme Analytics", "Analytics Engineer",
     "03 Jul 2026"),
    ("José", "Ramírez", "jos%C3%A9-ram%C3%ADrez-7b2a19", "", "Meta Platforms, Inc.",
     "Data Scientist", "19 May 2026"),
    ("", "", "", "", "", "", "12 Mar 2026"),
    ("Lena", "Fischer", "lena-fischer-pm", "", "Stripe", "Product Manager, Payments",
     "02 Feb 2026"),
    ("Marcus", "Reid", "marcusreid", "marcus.reid@example.net", "Datadog",
     "Site Reliability Engineer", "15 Dec 2025"),
    ("Aisha", "Bello, PhD", "aisha-bello-phd", "", "Google LLC", "Research Scientist",
     "30 Oct 2025"),
    ("Noah", "Schmidt", "noah-schmidt-83b1", "", "Acme Analytics", "VP Engineering",
     "21 Aug 2025"),
    ("Yanzi", "Chen", "chen-%E7%87%95%E5%AD%90", "", "Figma", "Product Designer", "07 Jul 2025"),
    ("Olivia", "Brennan", "olivia-brennan", "", "Meta", "Engineering Manager", "16 May 2025"),
    ("Ravi", "Shankar", "ravi-shankar-data", "ravi.shankar@example.org", "Snowflake",
     "Solutions Architect", "04 Mar 2025"),
    ("Grace", "Liu", "grace-liu-ds", "", "Acme Analytics", "Data Scientist", "10 Jan 2025"),
    ("  Tom ", "Becker ", "tom-becker", "", "Amazon Web Services (AWS)", "Cloud Consultant",
     "25 Nov 2024"),
    ("Fatima", "Zahra", "fatima-zahra-ux", "", "Airbnb", "UX Researcher", "09 Sep 2024"),
    ("Ethan", "Cole", "ethancole", "", "Google", "Technical Program Manager", "18 Jun 2024"),
    ("", "", "", "", "", "", "02 May 2024"),
    ("Sofia", "Marino", "sofia-marino", "", "Shopify", "Staff Data Engineer", "14 Mar 2024"),
    ("Kenji", "Watanabe", "kenji-watanabe-sre", "", "Cloudflare", "Systems Engineer",
     "29 Jan 2024"),
    ("Claire", "Dubois", "claire-dubois", "claire@dubois.example", "Self-employed",
     "Freelance Data Consultant", "11 Nov 2023"),
    ("Liam", "O'Connor", "liam-oconnor", "", "Meta", 'Software Engineer "Integrity"',
     "06 Sep 2023"),
    ("Amara", "Nwosu", "amara-nwosu", "", "Acme Analytics", "Head of Data", "19 Sep 2022"),
    ("Priya", "Natarajan", "priya-natarajan", "", "Shopify", "Director of Engineering",
     "08 Aug 2022"),
    ("Ben", "Carter", "ben-carter-ops", "", "", "", "22 Jun 2022"),
    ("Priya", "Raman", "priya-raman-dev", "priya.raman@stripe.com", "Stripe",
     "Staff Software Engineer", "03 May 2022"),
    ("Isabel", "Santos", "isabel-santos", "", "Wealthsimple", "Data Engineer", "17 Mar 2022"),
    ("Omar", "Haddad", "omar-haddad", "", "Shopify", "Senior Data Engineer", "05 Nov 2021"),
    ("Chloé", "Martin", "chloe-martin-analytics", "", "Ubisoft", "Analytics Lead",
     "14 Jul 2021"),
    ("Daniel", "Park", "danielpark", "daniel.park@example.com", "Google", "Data Engineer",
     "20 Apr 2021"),
    ("Emily", "Tran", "emily-tran", "", "Shopify", "Product Manager", "09 Feb 2021"),
    ("Lucas", "Almeida", "lucas-almeida", "", "Nubank", "Software Engineer", "27 Oct 2020"),
    ("Jordan", "Lee", "jordan-lee-pm", "jordanlee.pm@gmail.com", "Stripe",
     "Product Lead, Billing", "09 Sep 2019"),
    ("Sam", "Okafor", "sam-okafor", "", "Stripe, Inc.", "Staff Software Engineer",
     "14 Jun 2019"),
    ("Nina", "Petrova", "nina-petrova", "", "University of Toronto", "Lecturer", "02 Apr 2019"),
    ("Victor", "Huang", "victor-huang", "", "Meta", "Data Engineer", "23 Jan 2019"),
    ("Rachel", "Adams", "rachel-adams-talent", "", "Google", "Recruiter", "11 Sep 2018"),
    ("Mateo", "García", "mateo-garcia", "", "Shopify", "Engineering Manager", "16 Apr 2018"),
    ("Zoe", "Mitchell", "zoe-mitchell", "", "Northwind Traders", "Analyst", "30 Oct 2017"),
    ("Arjun", "Mehta", "arjun-mehta", "", "Deloitte", "Senior Consultant", "12 Jun 2016"),
    ("Ingrid", "Larsen", "ingrid-larsen", "", "Spotify", "Backend Engineer", "03 Feb 2016"),
    ("Peter", "Novak", "peter-novak", "", "Northwind Traders", "Finance Manager",
     "21 Aug 2015"),
    ("Hugo", "Lefebvre", "hugo-lefebvre", "", "Plaid", "Account Executive", "05 Jul 2015"),
]

POSITIONS = [
    ("Company Name", "Title", "Description", "Location", "Started On", "Finished On"),
    ("Acme Analytics", "Senior Data Engineer",
     "Own the batch and streaming pipelines behind the product analytics platform.",
     "Toronto, Ontario, Canada", "Sep 2022", ""),
    ("Shopify", "Data Engineer",
     "Built the merchant payments data models; on-call for the core data platform.",
     "Ottawa, Ontario, Canada", "Mar 2018", "Aug 2022"),
    ("Northwind Traders", "Junior Analyst", "Reporting and forecasting in SQL and Excel.",
     "Toronto, Ontario, Canada", "Jun 2015", "Feb 2018"),
]

PROFILE = [
    ("First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary",
     "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites",
     "Instant Messengers"),
    ("Alex", "Morgan", "", "", "",
     "Senior Data Engineer at Acme Analytics | Pipelines, dbt, Python",
     "Data engineer who likes boring, reliable pipelines.", "Software Development", "",
     "Toronto, Ontario, Canada", "", "[PORTFOLIO:https://alexmorgan.example]", ""),
]

EMAIL_ADDRESSES = [
    ("Email Address", "Confirmed", "Primary", "Updated On"),
    ("alex.morgan@example.com", "Yes", "Yes", "11/18/20, 12:32 PM"),
    ("alex@alexmorgan.example", "Yes", "No", "03/02/23, 8:05 AM"),
]

# fmt: on


def person(slug: str) -> str:
    return f"https://www.linkedin.com/in/{slug}"


def messages() -> list[tuple[str, ...]]:
    header = (
        "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
        "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "IS MESSAGE DRAFT",
        "IS CONVERSATION DRAFT",
    )  # fmt: skip
    threads = [
        (
            "2-YjM5ZDFhNjQtYTk0Ny00",
            "Dana Whitfield",
            "dana-whitfield-recruits",
            "",
            [
                (
                    "them",
                    "2026-10-14 16:02:51 UTC",
                    "Hi Alex, I'm hiring data engineers for Stripe's payments data platform. "
                    "Would you be open to a chat?",
                ),
                (
                    "me",
                    "2026-10-15 08:40:12 UTC",
                    "Hi Dana, thanks for reaching out. Yes, happy to.",
                ),
                (
                    "them",
                    "2026-10-16 13:21:07 UTC",
                    "Great! Here is my calendar link, pick any slot next week.",
                ),
            ],
        ),
        (
            "2-ZDk0MGE3NDYtNzhjMy00",
            "Sam Okafor",
            "sam-okafor",
            "",
            [
                ("me", "2025-03-03 19:12:44 UTC", "Sam! Congrats on the Stripe move."),
                ("them", "2025-03-04 07:55:30 UTC", "Thanks Alex, miss the old Shopify data crew."),
                ("me", "2025-11-21 21:03:18 UTC", "Saw the talk on ledger testing, great stuff."),
                ("them", "2025-11-22 10:16:02 UTC", "Ha, thanks. Coffee when you're in SF?"),
                (
                    "me",
                    "2026-09-29 18:47:55 UTC",
                    "Are you around next month? I have a question about your team.",
                ),
                ("them", "2026-09-30 09:02:11 UTC", "Always. Send me a time."),
            ],
        ),
        (
            "2-MTE2NDI0ZDAtZGE3Zi00",
            "Jordan Ellis",
            "jordan-ellis-ml",
            "",
            [
                (
                    "them",
                    "2026-08-29 17:30:00 UTC",
                    "Thanks for connecting, great meetup last night.",
                ),
                ("me", "2026-08-30 10:04:27 UTC", "Likewise! Let's keep in touch."),
            ],
        ),
        (
            "2-NmE3ZmI2YzEtYWU0Zi00",
            "Omar Haddad",
            "omar-haddad",
            "",
            [
                (
                    "them",
                    "2024-02-12 14:22:09 UTC",
                    "Alex, do you still have the backfill runbook?",
                ),
                ("me", "2024-02-12 15:01:45 UTC", 'Sent it to your email, "v3, final".'),
                ("them", "2024-02-12 15:09:13 UTC", "Legend, thank you."),
            ],
        ),
        (
            "2-OGQ1YWU0ZjctNmI1Mi00",
            "Taylor Quinn",
            "taylor-quinn-talent",
            "",
            [
                (
                    "them",
                    "2026-11-02 12:00:00 UTC",
                    "Hi Alex, exciting opportunity at a stealth fintech, are you open to work?",
                ),
            ],
        ),
        (
            "2-YTRmZjk4MWItZDRhMS00",
            "Sam Okafor",
            "sam-okafor",
            "draft",
            [
                ("me", "2026-11-19 22:10:00 UTC", "Hey Sam, quick question about the role Dana"),
            ],
        ),
    ]
    names = {slug: f"{first} {last}".strip() for first, last, slug, *_ in CONNECTIONS}
    names["taylor-quinn-talent"] = "Taylor Quinn"
    rows = [header]
    for conv, _title, slug, kind, thread in threads:
        for who, when, content in thread:
            them = (names[slug], person(slug))
            me = ("Alex Morgan", ALEX)
            sender, recipient = (me, them) if who == "me" else (them, me)
            draft = "TRUE" if kind == "draft" else "FALSE"
            rows.append(
                (conv, "", sender[0], sender[1], recipient[0], recipient[1], when, "", content,
                 "" if kind == "draft" else "INBOX", draft, draft)
            )  # fmt: skip
    return rows


# fmt: off
ENDORSEMENTS = [
    ("Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name",
     "Endorser Public Url", "Endorsement Status"),
    ("2025/12/07 14:51:07 UTC", "Python", "Sam", "Okafor", "www.linkedin.com/in/sam-okafor",
     "ACCEPTED"),
    ("2021/03/02 09:13:40 UTC", "Data Engineering", "Sam", "Okafor",
     "www.linkedin.com/in/sam-okafor", "ACCEPTED"),
    ("2022/06/14 18:20:55 UTC", "SQL", "Omar", "Haddad", "www.linkedin.com/in/omar-haddad",
     "ACCEPTED"),
    ("2023/04/18 11:02:19 UTC", "Apache Airflow", "Amara", "Nwosu",
     "www.linkedin.com/in/amara-nwosu", "ACCEPTED"),
    ("2024/01/09 08:45:33 UTC", "dbt", "Grace", "Liu", "www.linkedin.com/in/grace-liu-ds",
     "ACCEPTED"),
]

RECOMMENDATIONS = [
    ("First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"),
    ("Sam", "Okafor", "Shopify", "Senior Software Engineer",
     "Alex and I rebuilt Shopify's payments data models together. Alex is careful, kind and "
     "the person you want on call.", "03/15/21, 10:12 AM", "VISIBLE"),
    ("Priya", "Natarajan", "Shopify", "Engineering Manager",
     "I managed Alex for three years. Reliable, thoughtful, and great at explaining data "
     "to non-engineers.", "08/10/22, 04:37 PM", "VISIBLE"),
]

INVITATIONS = [
    ("From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"),
    ("Dana Whitfield", "Alex Morgan", "10/12/26, 3:05 PM",
     "Hi Alex, I recruit for Stripe's data teams and would love to connect.", "INCOMING",
     person("dana-whitfield-recruits"), ALEX),
    ("Alex Morgan", "Jordan Ellis", "8/28/26, 11:41 PM", "", "OUTGOING", ALEX,
     person("jordan-ellis-ml")),
    ("Alex Morgan", "Lena Fischer", "2/1/26, 9:15 AM",
     "Hi Lena, enjoyed your talk on payments UX.", "OUTGOING", ALEX, person("lena-fischer-pm")),
    ("Alex Morgan", "Morgan Blake", "11/17/26, 6:20 PM", "", "OUTGOING", ALEX,
     person("morgan-blake")),
]

SKILLS = [("Name",), ("Python",), ("SQL",), ("Data Engineering",), ("Apache Airflow",), ("dbt",)]

EDUCATION = [
    ("School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"),
    ("University of Waterloo", "2011", "2015", "", "Bachelor of Mathematics", ""),
]

# fmt: on


def connections_csv() -> str:
    rows = [("First Name", "Last Name", "URL", "Email Address", "Company", "Position",
             "Connected On")]  # fmt: skip
    for first, last, slug, email, company, position, connected in CONNECTIONS:
        rows.append((first, last, person(slug) if slug else "", email, company, position,
                     connected))  # fmt: skip
    # LinkedIn writes no newline after the last row.
    return NOTES + to_csv(rows).removesuffix("\n")


def to_csv(rows: list[tuple[str, ...]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def members() -> dict[str, str]:
    """Every file of the export by name, in the order they go into the zip."""
    return {
        "Connections.csv": connections_csv(),
        "Education.csv": to_csv(EDUCATION),
        "Email Addresses.csv": to_csv(EMAIL_ADDRESSES),
        "Endorsement_Received_Info.csv": to_csv(ENDORSEMENTS),
        "Invitations.csv": to_csv(INVITATIONS),
        "messages.csv": to_csv(messages()),
        "Positions.csv": to_csv(POSITIONS),
        "Profile.csv": to_csv(PROFILE),
        "Recommendations_Received.csv": to_csv(RECOMMENDATIONS),
        "Skills.csv": to_csv(SKILLS),
    }


def build(target: Path) -> Path:
    """Write the sample zip to `target` (a folder or a .zip path) and return its path."""
    if target.is_dir():
        target = target / ZIP_NAME
    with zipfile.ZipFile(target, "w") as archive:
        for name, text in members().items():
            info = zipfile.ZipInfo(name, date_time=EXPORTED)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return target


if __name__ == "__main__":
    where = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    print(build(where))
