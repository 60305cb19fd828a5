"""The company catalogue: real employers, synthetic ones, look-alikes, and how people spell them.

Every company has one canonical id. Sources never write the id: they write a *spelling*
(legal form, case, "&"/"and", accents, a department, a former name...), chosen by `spell`.
"""

from __future__ import annotations

import functools
import random
import re
import unicodedata
from dataclasses import dataclass, field

# id | display name | legal name | country | domains | aliases (other names for the same
# company: former names, acronyms, short forms) | parent id (a division of) | look-alikes
# (other companies whose name contains or resembles this one's: legal name | country | domain)
REAL = """
google|Google|Google LLC|US|google.com|||
google-cloud|Google Cloud|Google Cloud|US|google.com||google|
deepmind|Google DeepMind|DeepMind Technologies Limited|GB|deepmind.com|DeepMind|google|
meta|Meta|Meta Platforms, Inc.|US|meta.com;fb.com|Facebook;Meta Platforms;Facebook, Inc.||Metabase, Inc.|US|metabase.com;Metaview Ltd|GB|metaview.ai;MetaLab Ltd.|CA|metalab.com
instagram|Instagram|Instagram LLC|US|instagram.com||meta|
apple|Apple|Apple Inc.|US|apple.com|||Applied Materials, Inc.|US|amat.com;Applied Intuition, Inc.|US|appliedintuition.com;Apple Leisure Group|US|alg.com;Pineapple Labs Ltd|GB|pineapplelabs.co.uk
amazon|Amazon|Amazon.com, Inc.|US|amazon.com|Amazon.com||Amazonas Consulting GmbH|DE|amazonas-consulting.de
aws|Amazon Web Services|Amazon Web Services, Inc.|US|amazon.com|AWS|amazon|
microsoft|Microsoft|Microsoft Corporation|US|microsoft.com|||Micro Focus International plc|GB|microfocus.com;MicroStrategy Incorporated|US|microstrategy.com
ibm|IBM|International Business Machines Corporation|US|ibm.com|International Business Machines||
oracle|Oracle|Oracle Corporation|US|oracle.com|||Oracle Capital Partners LLC|US|oraclecp.com
oracle-health|Oracle Health|Oracle Health|US|oracle.com|Cerner;Cerner Corporation|oracle|
stripe|Stripe|Stripe, Inc.|US|stripe.com|||Stripes Group LLC|US|stripes.com;Pinstripe Inc.|US|pinstripe.com
salesforce|Salesforce|Salesforce, Inc.|US|salesforce.com|salesforce.com||
netflix|Netflix|Netflix, Inc.|US|netflix.com|||Netflixx Media GmbH|DE|netflixx-media.de
adobe|Adobe|Adobe Inc.|US|adobe.com|||Adobe Creek Partners LLC|US|adobecreek.com
sap|SAP|SAP SE|DE|sap.com|||Sapient Corporation|US|sapient.com;Sappi Limited|ZA|sappi.com
siemens|Siemens|Siemens AG|DE|siemens.com|||Siemens Energy AG|DE|siemens-energy.com
deutsche-bank|Deutsche Bank|Deutsche Bank AG|DE|db.com|||Deutsche Börse AG|DE|deutsche-boerse.com;Deutsche Bahn AG|DE|deutschebahn.com
bmw|BMW|Bayerische Motoren Werke AG|DE|bmw.de;bmwgroup.com|BMW Group||
volkswagen|Volkswagen|Volkswagen AG|DE|volkswagen.de|VW;Volkswagen Group||
bosch|Bosch|Robert Bosch GmbH|DE|bosch.com|Robert Bosch||
allianz|Allianz|Allianz SE|DE|allianz.com|||
procter-gamble|Procter & Gamble|The Procter & Gamble Company|US|pg.com|P&G||
jnj|Johnson & Johnson|Johnson & Johnson|US|its.jnj.com|J&J||Johnson Controls International plc|IE|jci.com
goldman-sachs|Goldman Sachs|The Goldman Sachs Group, Inc.|US|gs.com|Goldman Sachs Group||
jpmorgan|JPMorgan Chase|JPMorgan Chase & Co.|US|jpmorgan.com;jpmchase.com|J.P. Morgan;JP Morgan;JPMorgan||
morgan-stanley|Morgan Stanley|Morgan Stanley|US|morganstanley.com|||
ey|EY|Ernst & Young LLP|GB|ey.com|Ernst & Young||
pwc|PwC|PricewaterhouseCoopers LLP|GB|pwc.com|PricewaterhouseCoopers||
deloitte|Deloitte|Deloitte LLP|GB|deloitte.com|||
kpmg|KPMG|KPMG LLP|GB|kpmg.com|||
mckinsey|McKinsey & Company|McKinsey & Company, Inc.|US|mckinsey.com|McKinsey||
bcg|Boston Consulting Group|The Boston Consulting Group, Inc.|US|bcg.com|BCG||
bain|Bain & Company|Bain & Company, Inc.|US|bain.com|||Bain Capital, LP|US|baincapital.com
accenture|Accenture|Accenture plc|IE|accenture.com|||
capgemini|Capgemini|Capgemini SE|FR|capgemini.com|||
unilever|Unilever|Unilever PLC|GB|unilever.com|||
nestle|Nestlé|Nestlé S.A.|CH|nestle.com|||
loreal|L'Oréal|L'Oréal S.A.|FR|loreal.com|||
societe-generale|Société Générale|Société Générale S.A.|FR|socgen.com|SocGen||
bnp-paribas|BNP Paribas|BNP Paribas S.A.|FR|bnpparibas.com|||
airbus|Airbus|Airbus SE|FR|airbus.com|||
shell|Shell|Shell plc|GB|shell.com|Royal Dutch Shell||
bp|BP|BP p.l.c.|GB|bp.com|British Petroleum||
hsbc|HSBC|HSBC Holdings plc|GB|hsbc.com|||
barclays|Barclays|Barclays PLC|GB|barclays.com|||
vodafone|Vodafone|Vodafone Group Plc|GB|vodafone.com|||
spotify|Spotify|Spotify AB|SE|spotify.com|||
ericsson|Ericsson|Telefonaktiebolaget LM Ericsson|SE|ericsson.com|||
nokia|Nokia|Nokia Oyj|FI|nokia.com|||
ing|ING|ING Groep N.V.|NL|ing.com|||
philips|Philips|Koninklijke Philips N.V.|NL|philips.com|Royal Philips||
asml|ASML|ASML Holding N.V.|NL|asml.com|||
booking|Booking.com|Booking.com B.V.|NL|booking.com|||
adyen|Adyen|Adyen N.V.|NL|adyen.com|||
zalando|Zalando|Zalando SE|DE|zalando.de|||
revolut|Revolut|Revolut Ltd|GB|revolut.com|||
monzo|Monzo|Monzo Bank Ltd|GB|monzo.com|Monzo Bank||
toyota|Toyota|Toyota Motor Corporation|JP|toyota.com|||
sony|Sony|Sony Group Corporation|JP|sony.com|||
samsung|Samsung Electronics|Samsung Electronics Co., Ltd.|KR|samsung.com|Samsung||
infosys|Infosys|Infosys Limited|IN|infosys.com|||
tcs|Tata Consultancy Services|Tata Consultancy Services Limited|IN|tcs.com|TCS||Tata Steel Limited|IN|tatasteel.com;Tata Motors Limited|IN|tatamotors.com
wipro|Wipro|Wipro Limited|IN|wipro.com|||
atlassian|Atlassian|Atlassian Pty Ltd|AU|atlassian.com|||
canva|Canva|Canva Pty Ltd|AU|canva.com|||
shopify|Shopify|Shopify Inc.|CA|shopify.com|||
uber|Uber|Uber Technologies, Inc.|US|uber.com|||
airbnb|Airbnb|Airbnb, Inc.|US|airbnb.com|||
intel|Intel|Intel Corporation|US|intel.com|||Intelsat S.A.|LU|intelsat.com
nvidia|NVIDIA|NVIDIA Corporation|US|nvidia.com|||
amd|AMD|Advanced Micro Devices, Inc.|US|amd.com|Advanced Micro Devices||
cisco|Cisco|Cisco Systems, Inc.|US|cisco.com|Cisco Systems||Sysco Corporation|US|sysco.com
x-corp|X|X Corp.|US|x.com|Twitter;Twitter, Inc.||
block|Block|Block, Inc.|US|block.xyz|||BlockFi Inc.|US|blockfi.com;Blockdaemon Inc.|US|blockdaemon.com
ferrero|Ferrero|Ferrero S.p.A.|IT|ferrero.com|||
enel|Enel|Enel S.p.A.|IT|enel.com|||
santander|Santander|Banco Santander, S.A.|ES|santander.com|Banco Santander||
telefonica|Telefónica|Telefónica, S.A.|ES|telefonica.com|||
inditex|Inditex|Industria de Diseño Textil, S.A.|ES|inditex.com|||
att|AT&T|AT&T Inc.|US|att.com|||
hm|H&M|H & M Hennes & Mauritz AB|SE|hm.com|Hennes & Mauritz||
github|GitHub|GitHub, Inc.|US|github.com||microsoft|
figma|Figma|Figma, Inc.|US|figma.com|||
datadog|Datadog|Datadog, Inc.|US|datadoghq.com|||
snowflake|Snowflake|Snowflake Inc.|US|snowflake.com|||
"""  # noqa: E501

# Spellings of each legal form as people write them.
LEGAL_FORMS = {
    "Inc.": ["Inc.", "Inc", ", Inc.", ", Inc", "INC", "Incorporated"],
    "LLC": ["LLC", ", LLC", "L.L.C."],
    "Corp.": ["Corp.", "Corp", "Corporation"],
    "Ltd": ["Ltd", "Ltd.", "Limited", "LTD"],
    "plc": ["plc", "PLC", "Plc", "p.l.c."],
    "LLP": ["LLP"],
    "LP": ["LP", "L.P."],
    "GmbH": ["GmbH", "Gmbh", "GMBH"],
    "AG": ["AG"],
    "SE": ["SE"],
    "GmbH & Co. KG": ["GmbH & Co. KG", "GmbH & Co KG"],
    "S.A.": ["S.A.", "SA", ", S.A."],
    "SAS": ["SAS", "S.A.S."],
    "B.V.": ["B.V.", "BV"],
    "N.V.": ["N.V.", "NV"],
    "S.p.A.": ["S.p.A.", "SpA", "S.P.A."],
    "S.r.l.": ["S.r.l.", "Srl"],
    "S.L.": ["S.L.", "SL"],
    "Oy": ["Oy"],
    "Oyj": ["Oyj"],
    "AB": ["AB"],
    "A/S": ["A/S"],
    "AS": ["AS"],
    "K.K.": ["K.K.", "KK"],
    "Co., Ltd.": ["Co., Ltd.", "Co. Ltd", "Co Ltd"],
    "Pty Ltd": ["Pty Ltd", "Pty. Ltd.", "Pty Limited"],
    "Pvt Ltd": ["Pvt Ltd", "Pvt. Ltd.", "Private Limited"],
    "Sp. z o.o.": ["Sp. z o.o.", "sp. z o.o."],
}
COUNTRY_FORMS = {
    "US": ["Inc.", "Inc.", "LLC", "Corp."],
    "CA": ["Inc.", "Ltd"],
    "GB": ["Ltd", "Ltd", "plc", "LLP"],
    "IE": ["Ltd", "plc"],
    "DE": ["GmbH", "GmbH", "AG", "SE", "GmbH & Co. KG"],
    "CH": ["AG", "GmbH", "S.A."],
    "FR": ["SAS", "S.A."],
    "NL": ["B.V.", "B.V.", "N.V."],
    "IT": ["S.r.l.", "S.p.A."],
    "ES": ["S.L.", "S.A."],
    "FI": ["Oy", "Oyj"],
    "SE": ["AB"],
    "DK": ["A/S"],
    "NO": ["AS"],
    "JP": ["K.K.", "Co., Ltd."],
    "AU": ["Pty Ltd"],
    "IN": ["Pvt Ltd"],
    "PL": ["Sp. z o.o."],
}
TLD = {
    "US": ["com", "com", "io", "ai"], "CA": ["ca", "com"], "GB": ["co.uk", "com"],
    "IE": ["ie", "com"], "DE": ["de", "de", "com"], "CH": ["ch"], "FR": ["fr", "com"],
    "NL": ["nl", "com"], "IT": ["it"], "ES": ["es", "com"], "FI": ["fi"], "SE": ["se"],
    "DK": ["dk"], "NO": ["no"], "JP": ["co.jp", "jp"], "AU": ["com.au"], "IN": ["in", "co.in"],
    "PL": ["pl"], "LU": ["lu"], "ZA": ["co.za"], "KR": ["co.kr"],
}  # fmt: skip
COUNTRY_WEIGHTS = {
    "US": 40, "GB": 12, "DE": 12, "FR": 6, "NL": 5, "IN": 5, "ES": 3, "IT": 3, "SE": 3,
    "CA": 3, "CH": 2, "AU": 2, "IE": 1, "FI": 1, "DK": 1, "NO": 1, "JP": 1, "PL": 1,
}  # fmt: skip

SYLLABLE_START = [
    "Nex",
    "Quan",
    "Vel",
    "Bri",
    "Kor",
    "Zen",
    "Alt",
    "Lum",
    "Ori",
    "Sol",
    "Ter",
    "Ver",
    "Cal",
    "Dra",
    "Fen",
    "Hal",
    "Jas",
    "Kel",
    "Mor",
    "Pal",
    "Rav",
    "Syl",
    "Tav",
    "Umb",
    "Vor",
    "Wyn",
    "Xan",
    "Yor",
    "Zel",
    "Ar",
    "Bel",
    "Cor",
    "Del",
    "Ev",
    "Gar",
    "Ion",
    "Lyr",
    "Nov",
    "Opt",
    "Pyx",
    "Rho",
    "Sen",
    "Tri",
    "Vex",
    "Ob",
    "Aur",
    "Cyn",
    "Dyn",
    "Eon",
    "Fyr",
    "Gal",
    "Hel",
    "Ily",
    "Kyn",
    "Lux",
    "Myr",
    "Nim",
    "Orb",
    "Pol",
    "Qir",
    "Ryn",
    "Sky",
    "Tor",
    "Ulm",
    "Vyn",
    "Zor",
]
SYLLABLE_MID = ["o", "a", "i", "e", "ra", "ri", "lo", "va", "ne", "ta", "vi", "mo"]
SYLLABLE_END = [
    "ra",
    "tis",
    "via",
    "nix",
    "lo",
    "tek",
    "ant",
    "ion",
    "ora",
    "ex",
    "us",
    "ia",
    "ix",
    "on",
    "ly",
    "ify",
    "ent",
    "ara",
    "eon",
]
WORD_A = [
    "Blue",
    "Bright",
    "Iron",
    "Silver",
    "North",
    "Red",
    "Green",
    "Stone",
    "Clear",
    "Swift",
    "High",
    "Deep",
    "Open",
    "True",
    "Cloud",
    "Sun",
    "Star",
    "River",
    "Oak",
    "Pine",
    "Harbor",
    "Summit",
    "Falcon",
    "Kestrel",
    "Meridian",
    "Beacon",
    "Cedar",
    "Granite",
    "Maple",
    "Willow",
    "Copper",
    "Amber",
    "Cobalt",
    "Crimson",
    "Golden",
    "Hidden",
    "Lunar",
    "Polar",
    "Quiet",
    "Rapid",
    "Solid",
    "Urban",
    "Wild",
]
WORD_B = [
    "field",
    "stone",
    "path",
    "wave",
    "gate",
    "bridge",
    "works",
    "point",
    "line",
    "light",
    "rock",
    "wood",
    "brook",
    "view",
    "ridge",
    "stack",
    "loop",
    "forge",
    "mark",
    "leaf",
    "spring",
    "crest",
    "haven",
    "bay",
]
INDUSTRY = [
    "Systems",
    "Analytics",
    "Labs",
    "Technologies",
    "Software",
    "Logistics",
    "Health",
    "Capital",
    "Partners",
    "Consulting",
    "Robotics",
    "Energy",
    "Foods",
    "Media",
    "Bank",
    "Insurance",
    "Pharma",
    "Biosciences",
    "Networks",
    "Security",
    "Games",
    "Studios",
    "Payments",
    "Mobility",
    "Materials",
    "Engineering",
    "Architects",
    "Retail",
    "Solutions",
    "Ventures",
    "Interactive",
    "Data",
    "Cloud",
    "Devices",
    "Therapeutics",
    "Aerospace",
    "Manufacturing",
    "Advisory",
    "Brands",
]
ACCENTED_WORDS = {
    "FR": ["Lumière", "Étoile", "Océan", "Élan", "Médiane", "Clairière", "Forêt", "Côte"],
    "DE": ["Grünwald", "Sonnenhöhe", "Bergmühle", "Weißfeld", "Lüneburg", "Fährhaus", "Königsbau"],
    "ES": ["Peñalara", "Añil", "Cañada", "Río", "Montaña", "Jardín"],
    "SE": ["Fjällström", "Ålund", "Söderberg", "Älvdal", "Björkhaga"],
    "DK": ["Søndergaard", "Ålborg", "Fjordhøj"],
}
LOCAL_INDUSTRY = {
    "FR": ["Conseil", "Technologies", "Ingénierie", "Logiciels", "Énergie", "Santé"],
    "DE": ["Technik", "Bau", "Logistik", "Software", "Beratung", "Maschinenbau", "Energie"],
    "ES": ["Tecnología", "Consultores", "Ingeniería", "Logística", "Energía"],
    "SE": ["Teknik", "Konsult", "Data", "Energi"],
    "DK": ["Teknik", "Data", "Rådgivning"],
}
FORMER_NAMES = {
    "meta": "Facebook", "x-corp": "Twitter", "oracle-health": "Cerner",
    "shell": "Royal Dutch Shell",
}  # fmt: skip
"""Renamed companies: people still write the old name."""
DEPARTMENTS = [
    "Engineering",
    "Sales",
    "Marketing",
    "Research",
    "Finance",
    "Operations",
    "Legal",
    "Design",
]
SEPARATORS = [" - ", " | ", " – "]


@dataclass
class Company:
    id: str
    name: str
    """How the company calls itself in short (the display name)."""
    legal: str
    """The full legal name, legal form included."""
    country: str
    domains: list[str]
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    lookalike_of: str | None = None
    real: bool = False
    legal_form: str = ""
    """The legal form in `legal`, a key of LEGAL_FORMS ('' when the legal name has none)."""


@functools.cache
def fold(text: str) -> str:
    """Accent- and case-folded text (the generator's own check, not whoknows')."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.translate(
        str.maketrans({"ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "đ": "d"})
    ).lower()


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    return out.translate(str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss"}))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(text))


def initialism(name: str) -> str:
    """The initials of a name of three or more words ("" otherwise), ignoring "&" and "and"."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w not in ("&", "and", "of", "the")]
    if len(words) < 3:
        return ""
    return "".join(w[0] for w in words).upper()


def strip_legal_form(legal: str) -> tuple[str, str]:
    """("Metabase", "Inc.") from "Metabase, Inc."; (legal, "") when it has no legal form."""
    for form in sorted(LEGAL_FORMS, key=len, reverse=True):
        for spelling in LEGAL_FORMS[form]:
            bare = spelling.lstrip(", ")
            if legal.endswith(" " + bare):
                return legal[: -len(bare) - 1].rstrip(" ,"), form
    return legal, ""


def real_companies() -> list[Company]:
    """The built-in catalogue of real employers and their look-alikes."""
    out: list[Company] = []
    for line in REAL.strip().splitlines():
        cid, name, legal, country, domains, aliases, parent, looks = line.split("|", 7)
        out.append(
            Company(
                cid,
                name,
                legal,
                country,
                domains.split(";"),
                [a for a in aliases.split(";") if a],
                parent or None,
                real=True,
                legal_form=strip_legal_form(legal)[1],
            )
        )
        if not looks:
            continue
        for look_legal, look_country, look_domain in _parse_lookalikes(looks):
            look_name, form = strip_legal_form(look_legal)
            out.append(
                Company(
                    slug(look_name),
                    look_name,
                    look_legal,
                    look_country,
                    [look_domain],
                    lookalike_of=cid,
                    real=True,
                    legal_form=form,
                )
            )
    return out


def _parse_lookalikes(spec: str) -> list[tuple[str, str, str]]:
    """'Legal A|US|a.com;Legal B|GB|b.co.uk' (the ';' sits inside the domain field)."""
    fields = spec.split("|")
    # fields: legal, country, "domain;nextlegal", country, "domain;nextlegal", ..., country, domain
    out = []
    legal = fields[0]
    for i in range(1, len(fields), 2):
        country = fields[i]
        rest = fields[i + 1] if i + 1 < len(fields) else ""
        domain, _, next_legal = rest.partition(";")
        out.append((legal, country, domain))
        legal = next_legal
    return out


def company_name_styles(rng: random.Random, country: str, family: str, family2: str) -> str:
    """One invented display name in a style chosen at random."""
    roll = rng.random()
    root = rng.choice(SYLLABLE_START) + (rng.choice(SYLLABLE_MID) if rng.random() < 0.4 else "")
    root += rng.choice(SYLLABLE_END)
    if roll < 0.30:
        return root  # "Nexora"
    if roll < 0.42:
        return rng.choice(WORD_A) + rng.choice(WORD_B)  # "Bluefield"
    if roll < 0.72:
        first = root if rng.random() < 0.5 else rng.choice(WORD_A) + rng.choice(WORD_B)
        return f"{first} {rng.choice(INDUSTRY)}"  # "Nexora Analytics"
    if roll < 0.80 and country in ACCENTED_WORDS:
        return f"{rng.choice(ACCENTED_WORDS[country])} {rng.choice(LOCAL_INDUSTRY[country])}"
    if roll < 0.88:
        joiner = rng.choice([" & ", " & ", " and "])
        return f"{family}{joiner}{family2}"  # "Halvorsen & Berg"
    if roll < 0.95:
        a, b = rng.sample(WORD_A, 2)
        return f"{a} {b} {rng.choice(INDUSTRY)}"  # "Golden Summit Partners": initialism GSP
    return f"{family} {rng.choice(INDUSTRY)}"  # "Okafor Logistics"


def make_domain(name: str, country: str, rng: random.Random, used: set[str]) -> str:
    """A work e-mail domain for a company, unique in this world."""
    words = [slug(w) for w in name.replace("&", " ").split()]
    base = "".join(words) if len("".join(words)) <= 20 else "-".join(words)[:30].strip("-")
    base = base or "company"
    tld = rng.choice(TLD.get(country, ["com"]))
    for candidate in (f"{base}.{tld}", f"{base}-{country.lower()}.{tld}", f"{base}hq.com"):
        if candidate not in used:
            used.add(candidate)
            return candidate
    n = 2
    while f"{base}{n}.{tld}" in used:
        n += 1
    used.add(f"{base}{n}.{tld}")
    return f"{base}{n}.{tld}"


def lookalike_names(name: str, rng: random.Random) -> list[str]:
    """Names of other companies that contain or resemble `name` (one to three)."""
    root = name.split()[0]
    candidates = [
        f"{root} {rng.choice(INDUSTRY)}" if " " not in name else f"{name} {rng.choice(INDUSTRY)}",
        f"{root}{rng.choice(['base', 'ly', 'io', 'hub', 'ify'])}",
        f"{rng.choice(['Pine', 'Neo', 'Uni', 'Omni', 'Ever'])}{root.lower()}",
    ]
    if len(root) > 4:  # one letter changed: resembles without containing
        i = rng.randrange(1, len(root) - 1)
        vowel = rng.choice([v for v in "aeiou" if v != root[i].lower()])
        candidates.append(root[:i] + vowel + root[i + 1 :])
    rng.shuffle(candidates)
    return candidates[: rng.randint(1, 3)]


def spell(company: Company, rng: random.Random, *, parent: Company | None = None) -> str:
    """How one record writes this company: a realistic variant of its name."""
    name = company.name
    roll = rng.random()
    if company.aliases and roll < 0.10:
        return rng.choice(company.aliases)  # a former name, an acronym: alias data's job
    roll = rng.random()
    if roll < 0.40:
        text = name
    elif roll < 0.62:
        text = company.legal
    elif roll < 0.80 and company.legal_form:
        text = f"{name}{_joined(rng.choice(LEGAL_FORMS[company.legal_form]))}"
    elif roll < 0.84:
        text = name.upper()
    elif roll < 0.86:
        text = name.lower()
    elif roll < 0.90:
        text = f"{name}{rng.choice(SEPARATORS)}{rng.choice(DEPARTMENTS)}"
    elif roll < 0.93 and company.id in FORMER_NAMES:
        text = f"{name} (formerly {FORMER_NAMES[company.id]})"
    elif roll < 0.93 and company.aliases and company.aliases[0].isupper():
        text = f"{name} ({company.aliases[0]})"
    elif roll < 0.95 and not name.startswith("The "):
        text = f"The {name}"
    else:
        text = name
    if "&" in text and rng.random() < 0.25:
        text = text.replace(" & ", rng.choice([" and ", " + "])).replace("&", " and ")
    elif " and " in text and rng.random() < 0.25:
        text = text.replace(" and ", " & ")
    if text != strip_accents(text) and rng.random() < 0.3:
        text = strip_accents(text)
    return text


def _joined(spelling: str) -> str:
    return spelling if spelling.startswith(",") else " " + spelling
