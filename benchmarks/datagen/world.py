"""The generated world: companies, people, and every record each source holds about them.

The world is the truth. Writers only format its records; `truth()` says, for every person,
where they work now, where they worked before (as far as the data shows), and which records
in which files are theirs.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import random
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote

from datagen import companies as co
from datagen.names import CREDENTIALS, EMOJI, NICKNAMES, Name, NameMaker

TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 17, 42, 9)
USER_REGION = "US"

TITLES = {
    "recruiter": [
        "Technical Recruiter",
        "Senior Technical Recruiter",
        "Talent Acquisition Partner",
        "Talent Acquisition Manager",
        "Recruiter",
        "HR Business Partner",
        "Head of People",
        "Talent Sourcer",
        "Recruiting Coordinator",
        "People Partner",
        "Personalreferentin",
        "Recruiterin",
        "Chargée de recrutement",
        "Responsable RH",
        "Reclutadora",
        "Responsable de Recursos Humanos",
        "Responsabile Risorse Umane",
        "HR Manager",
    ],
    "manager": [
        "Engineering Manager",
        "Head of Engineering",
        "Director of Product",
        "VP, Engineering",
        "Team Lead",
        "CTO",
        "Director, Data Science",
        "Head of Design",
        "Teamleiter Entwicklung",
        "Abteilungsleiterin",
        "Directeur technique",
        "Jefe de Proyecto",
        "Gerente de Ingeniería",
        "Engineering Lead",
        "Chief Executive Officer",
        "Managing Director",
    ],
    "peer": [
        "Software Engineer",
        "Senior Software Engineer",
        "Data Scientist",
        "Data Engineer",
        "UX Designer",
        "Account Executive",
        "Consultant",
        "Senior Consultant",
        "Financial Analyst",
        "Marketing Specialist",
        "Softwareentwickler",
        "Ingénieure logiciel",
        "Desarrollador",
        "Sviluppatore",
        "DevOps Engineer",
        "Sales Associate",
        "Research Scientist",
        "Analyst",
        "Backend Developer",
        "Frontend Developer",
        "QA Engineer",
        "Solutions Architect",
    ],
}
TITLE_KINDS = ["recruiter"] * 6 + ["manager"] * 20 + ["peer"] * 74
NO_EMPLOYER_TEXT = ["", "", "", "Self-employed", "Freelance", "Stealth Startup"]
FREE_MAIL = {
    "en": ["gmail.com"] * 5 + ["yahoo.com", "outlook.com", "hotmail.com", "icloud.com"],
    "de": ["gmail.com", "gmx.de", "web.de", "t-online.de"],
    "fr": ["gmail.com", "orange.fr", "free.fr", "hotmail.fr"],
    "it": ["gmail.com", "libero.it"],
    "*": ["gmail.com", "gmail.com", "outlook.com", "proton.me", "yahoo.com"],
}
PHONE_COUNTRY = {
    "en": "US",
    "de": "DE",
    "fr": "FR",
    "es": "ES",
    "it": "IT",
    "nordic": "SE",
    "in": "IN",
    "pl": "DE",
    "zh": "US",
    "vi": "US",
    "tr": "DE",
    "pt": "ES",
    "ja": "US",
    "ko": "US",
    "ng": "GB",
}


@dataclass(eq=False)
class Person:
    id: str
    name: Name
    current: str | None = None
    title: str = ""
    title_kind: str = "peer"
    history: list[str] = field(default_factory=list)
    """Former employers, newest first (only some ever show in the data)."""
    former: list[str] = field(default_factory=list)
    """Former employers the data shows (an old ORG, an old work e-mail, a recommendation)."""
    personal_email: str = ""
    work_email: str = ""
    phones: list[str] = field(default_factory=list)
    """E.164."""
    slug: str = ""
    """LinkedIn profile slug ('' when not on LinkedIn), as written in URLs (maybe encoded)."""
    records: list[dict] = field(default_factory=list)
    nickname_used: bool = False


@dataclass
class World:
    seed: int
    companies: dict[str, co.Company]
    people: dict[str, Person]
    user: dict
    linkedin_rows: list[dict]
    messages: list[dict]
    endorsements: list[dict]
    recommendations: list[dict]
    invitations: list[dict]
    positions: list[dict]
    vcards: list[dict]
    fb_friends: list[dict]
    fb_removed: list[dict]
    targets: list[dict]


def epoch(day: date, days_before: int, rng: random.Random) -> int:
    """Unix seconds at a random time `days_before` days before `day` (UTC)."""
    start = datetime(day.year, day.month, day.day, tzinfo=UTC) - timedelta(days=days_before)
    return int(start.timestamp()) + rng.randint(0, 86399)


@functools.cache
def ascii_name(text: str) -> str:
    return re.sub(r"[^a-z]", "", co.fold(text))


def gmail_canonical(email: str) -> str:
    local, _, domain = email.lower().partition("@")
    if domain in ("gmail.com", "googlemail.com"):
        local = local.split("+")[0].replace(".", "")
        domain = "gmail.com"
    return f"{local}@{domain}"


class Builder:
    """Builds a World from counts and a seed. Same arguments, same world, byte for byte."""

    def __init__(self, seed: int, linkedin: int, vcards: int, facebook: int, targets: int):
        self.rng = random.Random(seed)
        self.seed = seed
        self.n_linkedin = linkedin
        self.n_vcards = vcards
        self.n_facebook = facebook
        self.n_targets = targets
        self.names = NameMaker(self.rng)
        self.people: dict[str, Person] = {}
        self.companies: dict[str, co.Company] = {}
        self.used_slugs: set[str] = set()
        self.used_emails: set[str] = set()
        self.used_phones: set[str] = set()
        self.used_domains: set[str] = set()
        self._ids = itertools.count(1)

    # ---- companies ------------------------------------------------------------------------

    def build_companies(self) -> None:
        rng = self.rng
        for c in co.real_companies():
            self.companies[c.id] = c
            self.used_domains.update(c.domains)
        used_names = {co.fold(c.name) for c in self.companies.values()}
        wanted = max(int(self.n_targets * 1.25), 200)
        n = 0
        while n < wanted:
            country = rng.choices(list(co.COUNTRY_WEIGHTS), list(co.COUNTRY_WEIGHTS.values()))[0]
            fam1, fam2 = self.names.make().family, self.names.make().family
            name = co.company_name_styles(rng, country, fam1, fam2)
            if co.fold(name) in used_names:
                continue
            used_names.add(co.fold(name))
            n += 1
            company = self._synthetic(name, country)
            single = " " not in name
            if rng.random() < (0.15 if single else 0.04):
                for look in co.lookalike_names(name, rng):
                    if co.fold(look) in used_names:
                        continue
                    used_names.add(co.fold(look))
                    self._synthetic(look, country, lookalike_of=company.id)
        # Make family names drawn for companies free again for people.
        self.names.used.clear()

    def _synthetic(self, name: str, country: str, lookalike_of: str | None = None) -> co.Company:
        rng = self.rng
        form = rng.choice(co.COUNTRY_FORMS.get(country, ["Inc."]))
        spelling = co.LEGAL_FORMS[form][0]
        legal = f"{name}{'' if spelling.startswith(',') else ' '}{spelling}"
        cid = f"c{len(self.companies):05d}"
        company = co.Company(
            cid,
            name,
            legal,
            country,
            [co.make_domain(name, country, rng, self.used_domains)],
            lookalike_of=lookalike_of,
            legal_form=form,
        )
        self.companies[cid] = company
        return company

    def build_employer_weights(self) -> None:
        rng = self.rng
        self.children: dict[str, list[str]] = {}
        for c in self.companies.values():
            if c.parent:
                self.children.setdefault(c.parent, []).append(c.id)
        real = [
            c for c in self.companies.values() if c.real and not c.lookalike_of and not c.parent
        ]
        head = {c.id for c in real}
        rest = [c for c in self.companies.values() if c.id not in head]
        rng.shuffle(real)
        rng.shuffle(rest)
        # Big real employers mixed into the head of the distribution, the long tail synthetic.
        order = real[:10] + rest[:20] + real[10:] + rest[20:]
        self.employer_ids = [c.id for c in order]
        weights = [1 / (rank + 2) ** 0.85 for rank in range(len(order))]
        self.employer_cum = list(itertools.accumulate(weights))

    def draw_employer(self, avoid: set[str] = frozenset()) -> str:
        while True:
            x = self.rng.random() * self.employer_cum[-1]
            cid = self.employer_ids[bisect.bisect_left(self.employer_cum, x)]
            if cid not in avoid:
                return cid

    def family_of(self, cid: str) -> set[str]:
        """The company, its parent and its divisions: never a 'former' of one another."""
        top = self.companies[cid].parent or cid
        return {top, *self.children.get(top, ())}

    # ---- people ---------------------------------------------------------------------------

    def new_person(self, *, employed: float = 0.95, same_name_as: Person | None = None) -> Person:
        rng = self.rng
        pid = f"p{next(self._ids):06d}"
        name = self.names.same_as(same_name_as.name) if same_name_as else self.names.make()
        p = Person(pid, name)
        if rng.random() < employed:
            p.current = self.draw_employer(
                self.family_of(same_name_as.current)
                if same_name_as and same_name_as.current
                else set()
            )
            avoid = set(self.family_of(p.current))
            for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
                former = self.draw_employer(avoid)
                avoid |= self.family_of(former)
                p.history.append(former)
            p.title_kind = rng.choice(TITLE_KINDS)
            p.title = rng.choice(TITLES[p.title_kind])
        p.personal_email = self._personal_email(name)
        if p.current:
            p.work_email = self._work_email(name, p.current)
        for _ in range(rng.choice([0, 1, 1, 1, 2])):
            p.phones.append(self._phone(name.culture))
        self.people[pid] = p
        return p

    def _unique_email(self, local: str, domain: str) -> str:
        email = f"{local}@{domain}"
        n = 1
        while gmail_canonical(email) in self.used_emails:
            n += 1
            email = f"{local}{n}@{domain}"
        self.used_emails.add(gmail_canonical(email))
        return email

    def _personal_email(self, name: Name) -> str:
        rng = self.rng
        given, family = ascii_name(name.given) or "x", ascii_name(name.family) or "y"
        domain = rng.choice(FREE_MAIL.get(name.culture, FREE_MAIL["*"]))
        local = rng.choice(
            [
                f"{given}.{family}",
                f"{given}{family}",
                f"{given[0]}.{family}",
                f"{given}{family}{rng.randint(1, 99)}",
                f"{family}.{given}",
            ]
        )
        return self._unique_email(local, domain)

    def _work_email(self, name: Name, cid: str) -> str:
        rng = self.rng
        given, family = ascii_name(name.given) or "x", ascii_name(name.family) or "y"
        domain = self.companies[cid].domains[0]
        local = rng.choice([f"{given}.{family}", f"{given}.{family}", f"{given[0]}{family}"])
        return self._unique_email(local, domain)

    def _phone(self, culture: str) -> str:
        rng = self.rng
        country = PHONE_COUNTRY.get(culture, "US")
        if country == "US" and rng.random() < 0.1:
            country = "GB"
        while True:
            d = lambda n: f"{rng.randrange(10**n):0{n}d}"  # noqa: E731
            if country == "US":
                area = rng.choice([212, 415, 646, 617, 312, 206, 512, 303, 408, 650, 718, 202])
                number = f"+1{area}{rng.randint(2, 9)}{d(2)}{d(4)}"
                if number[5:8] == "555":
                    continue
            elif country == "GB":
                number = f"+4478{d(8)}"
            elif country == "DE":
                number = f"+4915{rng.choice('12257')}{d(8)}"
            elif country == "FR":
                number = f"+337{rng.choice('345678')}{d(7)}"
            elif country == "ES":
                number = f"+346{d(8)}"
            elif country == "IT":
                number = f"+393{rng.choice('2345')}{d(8)}"
            elif country == "SE":
                number = f"+467{rng.choice('0236')}{d(7)}"
            else:  # IN
                number = f"+91{rng.choice('6789')}{d(9)}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number

    def _slug(self, p: Person) -> str:
        rng = self.rng
        given, family = p.name.given, p.name.family
        accented = co.strip_accents(given + family) != given + family
        if accented and rng.random() < 0.35:
            base = quote(f"{given.lower()}-{family.lower()}".replace(" ", "-"))
        else:
            base = f"{ascii_name(given)}-{ascii_name(family)}"
        roll = rng.random()
        if roll < 0.15:
            base = base.replace("-", "")
        elif roll < 0.2 and p.name.middle:
            base = f"{ascii_name(given)}-{ascii_name(p.name.middle)[:1]}-{ascii_name(family)}"
        candidate = base if roll < 0.3 else f"{base}-{rng.getrandbits(24):06x}"
        while candidate in self.used_slugs:
            candidate = f"{base}-{rng.getrandbits(24):06x}"
        self.used_slugs.add(candidate)
        return candidate

    # ---- how each source writes a person's name -----------------------------------------

    def linkedin_name(self, p: Person) -> tuple[str, str]:
        rng = self.rng
        first, last = p.name.given, p.name.family
        if p.name.middle and rng.random() < 0.5:
            first = f"{first} {p.name.middle[0]}."
        roll = rng.random()
        if roll < 0.01:
            last = f"{last}, {rng.choice(CREDENTIALS)}"
        elif roll < 0.015:
            last = f"{last} {rng.choice(EMOJI)}"
        elif roll < 0.018:
            first = f"★ {first}"
        elif roll < 0.03:
            first, last = f" {first}", f"{last} "
        elif roll < 0.033:
            first, last = first.lower(), last.lower()
        return first, last

    def vcard_name(self, p: Person) -> dict:
        """N parts and FN as an address book holds them."""
        rng = self.rng
        given, family, middle = p.name.given, p.name.family, p.name.middle
        if p.nickname_used and given in NICKNAMES:
            given = NICKNAMES[given]
        if rng.random() < 0.5:
            middle = ""
        elif middle and rng.random() < 0.5:
            middle = middle[0] + "."
        if co.strip_accents(given + family) != given + family and rng.random() < 0.1:
            given, family = co.strip_accents(given), co.strip_accents(family)
        roll = rng.random()
        if roll < 0.04 and p.name.family_first:
            fn = f"{family} {given}"
        elif roll < 0.06:
            fn = f"{family}, {given}"
        else:
            fn = " ".join(x for x in (given, middle, family) if x)
        return {"given": given, "family": family, "middle": middle, "fn": fn}

    def facebook_name(self, p: Person) -> str:
        rng = self.rng
        given = p.name.given
        if p.nickname_used and given in NICKNAMES:
            given = NICKNAMES[given]
        if p.name.family_first and rng.random() < 0.5:
            return f"{p.name.family} {given}"
        if p.name.middle and rng.random() < 0.3:
            return f"{given} {p.name.middle} {p.name.family}"
        return f"{given} {p.name.family}"

    # ---- the sources ----------------------------------------------------------------------

    def build_linkedin(self) -> None:
        rng = self.rng
        self.linkedin_people: list[Person] = []
        for _ in range(self.n_linkedin):
            twin = None
            if self.linkedin_people and rng.random() < 0.007:
                twin = rng.choice(self.linkedin_people)
            p = self.new_person(same_name_as=twin)
            p.slug = self._slug(p)
            self.linkedin_people.append(p)
        start = date(2009, 1, 1)
        span = (TODAY - start).days
        rows = []
        for p in self.linkedin_people:
            first, last = self.linkedin_name(p)
            company_text = (
                co.spell(self.companies[p.current], rng)
                if p.current
                else rng.choice(NO_EMPLOYER_TEXT)
            )
            email = ""
            if rng.random() < 0.03:
                email = p.work_email if p.work_email and rng.random() < 0.3 else p.personal_email
            position = p.title if p.current else rng.choice(["", "Independent Consultant"])
            if position and rng.random() < 0.01:
                position = f" {position} "
            if company_text and rng.random() < 0.01:
                company_text = f"{company_text} "
            connected = start + timedelta(days=int(span * rng.random() ** 0.6))
            rows.append(
                {
                    "person": p,
                    "first": first,
                    "last": last,
                    "url": f"https://www.linkedin.com/in/{p.slug}",
                    "email": email,
                    "company": company_text,
                    "position": position,
                    "connected": connected,
                }
            )
        for _ in range(int(self.n_linkedin * 0.015)):  # ghost rows: only Connected On is set
            connected = start + timedelta(days=int(span * rng.random() ** 0.6))
            rows.append({"person": None, "connected": connected})
        rows.sort(key=lambda r: r["connected"], reverse=True)
        for line, row in enumerate(rows, start=5):  # 3 preamble lines and the header
            row["line"] = line
            if row["person"] is not None:
                row["person"].records.append(
                    {
                        "source": "linkedin",
                        "file": "Connections.csv",
                        "line": line,
                        "name": f"{row['first']} {row['last']}".strip(),
                        "company_text": row["company"],
                        "url": row["url"],
                        "email": row["email"],
                    }
                )
        self.linkedin_rows = rows

    def build_user(self) -> None:
        rng = self.rng
        self.user = {
            "first": "Sam",
            "last": "Rivera",
            "slug": "sam-rivera-7c31a2",
            "email": "sam.rivera@gmail.com",
            "headline": "Senior Data Engineer",
        }
        employers = []
        while len(employers) < 4:
            cid = self.employer_ids[rng.randrange(0, 60)]
            if self.companies[cid].parent or any(cid in self.family_of(e) for e in employers):
                continue
            employers.append(cid)
        self.user_employers = employers
        positions, end = [], TODAY
        for i, cid in enumerate(employers):
            started = end - timedelta(days=rng.randint(500, 1600))
            positions.append(
                {
                    "company": cid,
                    "text": self.companies[cid].legal if i % 2 else self.companies[cid].name,
                    "title": rng.choice(TITLES["peer"]),
                    "started": started,
                    "finished": None if i == 0 else end,
                }
            )
            end = started - timedelta(days=rng.randint(10, 120))
        self.positions = positions

    def build_linkedin_activity(self) -> None:
        rng = self.rng
        people = self.linkedin_people
        former_employers = set(self.user_employers[1:])
        colleagues = [p for p in people if former_employers & ({p.current} | set(p.history))]
        # Messages: a few percent of connections, some of them often.
        self.messages = []
        user_name = f"{self.user['first']} {self.user['last']}"
        user_url = f"https://www.linkedin.com/in/{self.user['slug']}"
        chatty = rng.sample(people, min(len(people), int(len(people) * 0.08)))
        chatty += rng.sample(colleagues, min(len(colleagues), len(colleagues) // 3))
        lines = [
            "Thanks for connecting!",
            "Great to meet you at the meetup, let's keep in touch.",
            "Are you free for a quick call on Thursday?",
            'Loved your post on "data contracts".',
            "Happy to introduce you, just send me your CV.",
            "Congrats on the new role!",
            "Sure, 10am works.\nTalk soon,\nA.",
            "Could you refer me for the opening, please?",
        ]
        for p in dict.fromkeys(chatty):
            conv = f"2-{rng.getrandbits(160):040x}"
            last = NOW - timedelta(days=int(2400 * rng.random() ** 2))
            n = min(60, int(rng.expovariate(1 / 6)) + 1)
            name = f"{p.name.given} {p.name.family}"
            url = f"https://www.linkedin.com/in/{p.slug}"
            for k in range(n):
                when = last - timedelta(days=k * rng.randint(1, 40), seconds=rng.randint(0, 86399))
                mine = rng.random() < 0.5
                self.messages.append(
                    {
                        "conv": conv,
                        "from": user_name if mine else name,
                        "from_url": user_url if mine else url,
                        "to": name if mine else user_name,
                        "to_url": url if mine else user_url,
                        "date": when,
                        "person": p.id,
                        "content": rng.choice(lines),
                        "folder": rng.choice(["INBOX"] * 8 + ["ARCHIVE", ""]),
                    }
                )
        self.messages.sort(key=lambda m: m["date"], reverse=True)
        # Endorsements and recommendations, mostly from former colleagues.
        skills = [
            "Python",
            "SQL",
            "Data Engineering",
            "Apache Spark",
            "Machine Learning",
            "Leadership",
            "dbt",
            "Airflow",
            "Kubernetes",
            "Team Management",
        ]
        endorsers = rng.sample(colleagues, min(len(colleagues), 300)) + rng.sample(
            people, min(len(people), max(1, len(people) // 60))
        )
        self.endorsements = []
        for p in dict.fromkeys(endorsers):
            for skill in rng.sample(skills, rng.randint(1, 4)):
                when = NOW - timedelta(days=rng.randint(30, 3000), seconds=rng.randint(0, 86399))
                self.endorsements.append({"person": p, "skill": skill, "date": when})
        self.endorsements.sort(key=lambda e: e["date"], reverse=True)
        self.recommendations = []
        first = self.user["first"]
        for p in rng.sample(colleagues, min(len(colleagues), 12)):
            shared = next(c for c in [p.current, *p.history] if c in former_employers)
            if shared != p.current and shared not in p.former:
                p.former.append(shared)
            when = NOW - timedelta(days=rng.randint(200, 3000), minutes=rng.randint(0, 1439))
            self.recommendations.append(
                {
                    "person": p,
                    "company": co.spell(self.companies[shared], rng),
                    "title": rng.choice(TITLES["peer"] + TITLES["manager"]),
                    "date": when,
                    "text": f"I worked with {first} for two years. {first} is thorough, kind "
                    'and "gets things done", and I would hire them again.',
                }
            )
        self.invitations = []
        for row in self.linkedin_rows[:150]:
            if row["person"] is None:
                continue
            p = row["person"]
            self.invitations.append(
                {
                    "person": p,
                    "name": f"{p.name.given} {p.name.family}",
                    "direction": rng.choice(["INCOMING", "OUTGOING"]),
                    "date": row["connected"],
                }
            )

    def build_vcards(self) -> None:
        rng = self.rng
        n = self.n_vcards
        from_linkedin = rng.sample(
            self.linkedin_people, min(len(self.linkedin_people), int(n * 0.45))
        )
        for p in from_linkedin:
            if p.name.given in NICKNAMES and rng.random() < 0.15:
                p.nickname_used = True
        cards: list[dict] = []
        for p in from_linkedin:
            cards.append(self._card(p, linkedin=True))
        n_dupes = int(n * 0.02)
        while len(cards) < n - n_dupes:
            p = self.new_person(employed=0.7)
            cards.append(self._card(p, linkedin=False))
        for original in rng.sample(cards, n_dupes):
            cards.append(self._duplicate(original))
        rng.shuffle(cards)
        self._ensure_domains_learnable(cards)
        for index, card in enumerate(cards):
            card["index"] = index
            card["person"].records.append(
                {
                    "source": "vcard",
                    "file": "contacts.vcf",
                    "card": index,
                    "name": card["fn"],
                    "company_text": card["org"],
                    "emails": card["emails"],
                    "phones": [t for t, _ in card["tels"]],
                    "version": card["version"],
                }
            )
        self.vcards = cards

    def _card(self, p: Person, linkedin: bool) -> dict:
        rng = self.rng
        card = {
            "person": p,
            **self.vcard_name(p),
            "org": "",
            "org_id": None,
            "dept": "",
            "title": "",
            "emails": [],
            "tels": [],
            "url": "",
            "bday": None,
            "note": "",
            "photo": rng.random() < 0.04,
            "adr": rng.random() < 0.15,
            "version": rng.choices(["apple", "google", "outlook", "v4"], [40, 20, 22, 18])[0],
        }
        roll = rng.random()
        if (linkedin and p.current and roll < 0.65) or (not linkedin and p.current and roll < 0.72):
            card["org_id"] = p.current
        elif linkedin and roll < 0.85 and (p.history or p.current):
            if not p.history:
                p.history.append(self.draw_employer(self.family_of(p.current)))
            card["org_id"] = p.history[0]
        if card["org_id"]:
            card["org"] = co.spell(self.companies[card["org_id"]], rng)
            if card["org_id"] != p.current and card["org_id"] not in p.former:
                p.former.append(card["org_id"])
            if rng.random() < 0.15:
                card["dept"] = rng.choice(co.DEPARTMENTS)
            if rng.random() < 0.6:
                card["title"] = (
                    p.title if card["org_id"] == p.current else rng.choice(TITLES["peer"])
                )
            if rng.random() < (0.3 if linkedin else 0.45):
                card["emails"].append(
                    p.work_email
                    if card["org_id"] == p.current
                    else self._work_email(p.name, card["org_id"])
                )
        elif not linkedin and p.current:
            card["emails"].append(p.work_email)  # work-email-only: no ORG
            card["work_email_only"] = True
        if rng.random() < 0.6 or (not card["emails"] and rng.random() < 0.5):
            card["emails"].append(self._gmail_variant(p.personal_email))
        for phone in p.phones:
            if rng.random() < 0.9:
                card["tels"].append((phone, rng.choice(["CELL", "CELL", "WORK", "HOME"])))
        if linkedin and rng.random() < 0.03:
            card["url"] = rng.choice(
                [
                    f"https://www.linkedin.com/in/{p.slug}",
                    f"http://linkedin.com/in/{p.slug}/",
                    f"https://de.linkedin.com/in/{p.slug}?trk=public_profile",
                ]
            )
        if rng.random() < 0.25:
            card["bday"] = date(rng.randint(1960, 2002), rng.randint(1, 12), rng.randint(1, 28))
        if rng.random() < 0.1:
            card["note"] = rng.choice(
                [
                    "Met at PyCon, interested in data platforms",
                    "Friend of Anna; ask about the flat",
                    "Former colleague, great at SQL, knows everyone in Berlin",
                ]
            )
        return card

    def _duplicate(self, original: dict) -> dict:
        """A second card for the same person: shares a phone or e-mail, or only the name."""
        rng = self.rng
        p = original["person"]
        card = dict(original, **self.vcard_name(p), photo=False, note="", url="")
        card["work_email_only"] = False
        card["version"] = rng.choice(["apple", "google", "outlook", "v4"])
        card["emails"] = list(original["emails"][:1]) if rng.random() < 0.5 else []
        card["tels"] = list(original["tels"][:1]) if not card["emails"] else []
        if not card["emails"] and not card["tels"] and p.phones:
            card["tels"] = [(p.phones[0], "CELL")]
        if rng.random() < 0.5:
            card["org"], card["org_id"], card["title"], card["dept"] = "", None, "", ""
        return card

    def _gmail_variant(self, email: str) -> str:
        local, _, domain = email.partition("@")
        if domain == "gmail.com" and self.rng.random() < 0.2:
            return self.rng.choice([local.replace(".", ""), f"{local}+contacts", local.title()]) + (
                "@gmail.com"
            )
        return email

    def _ensure_domains_learnable(self, cards: list[dict]) -> None:
        """A work-email-only card's domain must appear beside its company's ORG elsewhere
        (or belong to a real company, whose domain alias data knows); otherwise give it an ORG."""
        learnable = set()
        for card in cards:
            if card["org_id"]:
                for email in card["emails"]:
                    domain = email.partition("@")[2]
                    if domain in self.companies[card["org_id"]].domains:
                        learnable.add(domain)
        for card in cards:
            if not card.get("work_email_only"):
                continue
            company = self.companies[card["person"].current]
            domain = card["emails"][0].partition("@")[2]
            if company.parent or not (company.real or domain in learnable):
                card["org_id"] = company.id
                card["org"] = co.spell(company, self.rng)
                card["work_email_only"] = False

    def build_facebook(self) -> None:
        rng = self.rng
        n = self.n_facebook
        li = rng.sample(self.linkedin_people, min(len(self.linkedin_people), int(n * 0.35)))
        vc_only = [c["person"] for c in self.vcards if not c["person"].slug]
        vc = rng.sample(vc_only, min(len(vc_only), int(n * 0.12)))
        friends = [(p, self.facebook_name(p)) for p in dict.fromkeys(li + vc)]
        while len(friends) < n:
            if rng.random() < 0.01 and self.linkedin_people:
                twin = rng.choice(self.linkedin_people)
                p = self.new_person(employed=0, same_name_as=twin)
            else:
                p = self.new_person(employed=0)
            friends.append((p, self.facebook_name(p)))
        rng.shuffle(friends)
        stamped = [(p, name, epoch(TODAY, rng.randint(30, 6000), rng)) for p, name in friends]
        stamped.sort(key=lambda f: f[2], reverse=True)  # newest first, as Facebook writes
        self.fb_friends = []
        for index, (p, name, ts) in enumerate(stamped):
            self.fb_friends.append({"person": p, "name": name, "timestamp": ts, "index": index})
            p.records.append(
                {
                    "source": "facebook",
                    "file": "connections/friends/your_friends.json",
                    "index": index,
                    "name": name,
                }
            )
        self.fb_removed = []
        for index in range(max(1, n // 100)):
            p = self.new_person(employed=0)
            name = self.facebook_name(p)
            ts = epoch(TODAY, rng.randint(30, 3000), rng)
            self.fb_removed.append({"person": p, "name": name, "timestamp": ts})
            p.records.append(
                {
                    "source": "facebook",
                    "file": "connections/friends/removed_friends.json",
                    "index": index,
                    "name": name,
                }
            )

    def build_targets(self) -> None:
        rng = self.rng
        employed = {p.current for p in self.people.values() if p.current}
        employed |= {self.companies[c].parent for c in employed if self.companies[c].parent}
        real = [c for c in self.companies.values() if c.real]
        synth = [c for c in self.companies.values() if not c.real]
        with_people = [c for c in synth if c.id in employed]
        without = [c for c in synth if c.id not in employed]
        rng.shuffle(with_people)
        rng.shuffle(without)
        room = max(0, self.n_targets - len(real))
        chosen = real[: self.n_targets] + with_people[: int(room * 0.6)]
        chosen += without[: self.n_targets - len(chosen)]
        chosen += with_people[int(room * 0.6) :][: self.n_targets - len(chosen)]
        rng.shuffle(chosen)
        roles = TITLES["peer"] + TITLES["manager"]
        statuses = ["Applied", "Interviewing", "Rejected", "Wishlist", "Offer", "Ghosted"]
        self.targets = []
        for row, c in enumerate(chosen, start=2):
            applied = TODAY - timedelta(days=rng.randint(0, 300))
            self.targets.append(
                {
                    "row": row,
                    "company": c.id,
                    "text": co.spell(c, rng),
                    "role": rng.choice(roles),
                    "applied": applied if rng.random() < 0.8 else None,
                    "status": rng.choice(statuses),
                }
            )

    def build(self) -> World:
        self.build_companies()
        self.build_employer_weights()
        self.build_linkedin()
        self.build_user()
        self.build_linkedin_activity()
        self.build_vcards()
        self.build_facebook()
        self.build_targets()
        return World(
            self.seed,
            self.companies,
            self.people,
            self.user,
            self.linkedin_rows,
            self.messages,
            self.endorsements,
            self.recommendations,
            self.invitations,
            self.positions,
            self.vcards,
            self.fb_friends,
            self.fb_removed,
            self.targets,
        )
