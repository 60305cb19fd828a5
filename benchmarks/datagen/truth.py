"""truth.json: what the generated files mean, for scorers.

Schema (ids are stable for a given seed and counts):

- ``companies[cid]``: name, legal, country, domains, aliases, parent (a division of),
  lookalike_of, real, ``queries`` (names a user may type that must find this company:
  display name, legal name, aliases, and the initialism when it is unique in this world),
  ``current`` (people whose current employer is this company *or one of its divisions*),
  ``current_direct`` (this company only), ``former`` (people the data shows worked there
  before and do not work there now) and ``lookalikes`` (companies that merely resemble it).
- ``people[pid]``: name, current (company id or null: unknown or none), title, title_kind
  (recruiter, manager, peer), former (company ids the data shows), former_colleague (shares
  an employer with the user's Positions.csv), emails, phones (E.164), profile_url, and
  ``records``: every record of this person, each with its source, file and position
  (``line`` in Connections.csv, ``card`` index in contacts.vcf, ``index`` in the Facebook
  JSON list). ``multi_source``: records in two or more sources. ``linkable``: the records
  are connected by shared e-mail (Gmail dots and +tags folded), profile slug or phone, or by
  a name that is unique in the world and written compatibly (case, accents, order, middle
  names and initials, credentials; a nickname is not compatible).
- ``targets``: each row of targets.csv (``row`` is the 1-based line) and its company id.

Use `TruthIndex` to find which true person a `whoknows ... --format json` person object is.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from datagen import companies as co
from datagen.world import World, gmail_canonical


def slug_of(url: str) -> str:
    """The LinkedIn /in/ slug of a URL, decoded and lower-cased ('' if none)."""
    if not url:
        return ""
    if "://" not in url:
        url = "https://" + url
    path = urlsplit(url).path
    m = re.search(r"/in/([^/]+)", path)
    return unquote(m.group(1)).lower() if m else ""


def name_tokens(text: str) -> list[str]:
    text = text.split(",")[0] if re.search(r",\s*(PhD|MBA|CPA|PMP|CFA|Dr)", text) else text
    text = co.fold(text).replace("-", " ")
    tokens = re.findall(r"[a-z']+\.?", text)
    return [t for t in tokens if not (t.endswith(".") or len(t) == 1)]


def compatible(person_tokens: frozenset[str], written: str) -> bool:
    tokens = set(name_tokens(written))
    return person_tokens <= tokens and len(tokens - person_tokens) <= 1


def record_keys(rec: dict) -> set[str]:
    keys = set()
    for email in ([rec["email"]] if rec.get("email") else []) + rec.get("emails", []):
        keys.add("email:" + gmail_canonical(email))
    for phone in rec.get("phones", []):
        keys.add("phone:" + phone)
    if rec.get("url"):
        keys.add("url:" + slug_of(rec["url"]))
    return keys


def _linkable(records: list[dict], tokens: frozenset[str], unique_name: bool) -> bool:
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    keys = [record_keys(r) for r in records]
    named = [unique_name and compatible(tokens, r["name"]) for r in records]
    for i in range(len(records)):
        for j in range(i + 1, len(records)):
            if keys[i] & keys[j] or (named[i] and named[j]):
                parent[find(i)] = find(j)
    return len({find(i) for i in range(len(records))}) == 1


def build(world: World, files: dict[str, str], counts: dict[str, int]) -> dict:
    companies, people = world.companies, world.people
    card_urls = {c["index"]: c["url"] for c in world.vcards if c["url"]}
    for p in people.values():
        for rec in p.records:
            if rec["source"] == "vcard" and rec["card"] in card_urls:
                rec["url"] = card_urls[rec["card"]]
    token_sets = {
        pid: frozenset(name_tokens(f"{p.name.given} {p.name.family}")) for pid, p in people.items()
    }
    name_count: dict[frozenset[str], int] = {}
    for tokens in token_sets.values():
        name_count[tokens] = name_count.get(tokens, 0) + 1

    user_employers = {pos["company"] for pos in world.positions}
    out_people = {}
    for pid, p in people.items():
        sources = sorted({r["source"] for r in p.records})
        emails = sorted(
            {e for r in p.records for e in ([r.get("email")] if r.get("email") else [])}
            | {e for r in p.records for e in r.get("emails", [])}
        )
        phones = sorted({ph for r in p.records for ph in r.get("phones", [])})
        seen = {p.current, *p.former} - {None}
        out_people[pid] = {
            "name": f"{p.name.given} {p.name.family}",
            "current": p.current if p.records else None,
            "title": p.title,
            "title_kind": p.title_kind if p.current else None,
            "former": p.former,
            "former_colleague": bool(seen & user_employers),
            "emails": emails,
            "phones": phones,
            "profile_url": f"https://www.linkedin.com/in/{p.slug}" if p.slug else None,
            "sources": sources,
            "multi_source": len(sources) > 1,
            "linkable": len(p.records) < 2
            or _linkable(p.records, token_sets[pid], name_count[token_sets[pid]] == 1),
            "records": p.records,
        }
    initial_count: dict[str, int] = {}
    for c in companies.values():
        for name in {co.initialism(c.name), co.initialism(co.strip_legal_form(c.legal)[0])} - {""}:
            initial_count[name] = initial_count.get(name, 0) + 1
    names_folded = {co.fold(c.name) for c in companies.values()}
    out_companies = {}
    for cid, c in companies.items():
        queries = [c.name, c.legal, *c.aliases]
        for ini in {co.initialism(c.name), co.initialism(co.strip_legal_form(c.legal)[0])}:
            if ini and initial_count.get(ini) == 1 and co.fold(ini) not in names_folded:
                queries.append(ini)
        out_companies[cid] = {
            "name": c.name, "legal": c.legal, "country": c.country, "domains": c.domains,
            "aliases": c.aliases, "parent": c.parent, "lookalike_of": c.lookalike_of,
            "real": c.real, "queries": list(dict.fromkeys(queries)), "current": [],
            "current_direct": [], "former": [], "lookalikes": [],
        }  # fmt: skip
    for cid, c in companies.items():
        if c.lookalike_of:
            out_companies[c.lookalike_of]["lookalikes"].append(cid)
    for pid, p in out_people.items():
        if p["current"]:
            cur = p["current"]
            out_companies[cur]["current_direct"].append(pid)
            out_companies[cur]["current"].append(pid)
            if companies[cur].parent:
                out_companies[companies[cur].parent]["current"].append(pid)
        for cid in p["former"]:
            out_companies[cid]["former"].append(pid)
    u = world.user
    return {
        "about": __doc__.split("\n\n")[1],
        "seed": world.seed,
        "counts": counts,
        "files": files,
        "user": {
            "name": f"{u['first']} {u['last']}",
            "profile_url": f"https://www.linkedin.com/in/{u['slug']}",
            "region": "US",
            "positions": [
                {"company": pos["company"], "text": pos["text"], "current": pos["finished"] is None}
                for pos in world.positions
            ],
        },
        "companies": out_companies,
        "people": out_people,
        "targets": [
            {"row": t["row"], "text": t["text"], "company": t["company"]} for t in world.targets
        ],
    }


def write(truth: dict, folder: Path) -> Path:
    path = folder / "truth.json"
    path.write_text(json.dumps(truth, ensure_ascii=False, default=str), encoding="utf-8")
    return path


class TruthIndex:
    """Finds the true person(s) behind a person object of `whoknows --format json`."""

    def __init__(self, truth: dict) -> None:
        self.truth = truth
        self.by_key: dict[str, str] = {}
        self.by_name: dict[str, set[str]] = {}
        for pid, p in truth["people"].items():
            for rec in p["records"]:
                for key in record_keys(rec):
                    self.by_key[key] = pid
                self.by_name.setdefault(" ".join(sorted(name_tokens(rec["name"]))), set()).add(pid)

    @classmethod
    def load(cls, path: str | Path) -> TruthIndex:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def identify(self, person: dict) -> set[str]:
        """Ids of the true people this output person stands for: by profile URL, e-mail and
        phone first; by name only when nothing else is known and the name is unambiguous."""
        found = set()
        urls = person.get("profile_url") or []
        for url in [urls] if isinstance(urls, str) else urls:
            found.add(self.by_key.get("url:" + slug_of(url)))
        for email in person.get("emails") or []:
            found.add(self.by_key.get("email:" + gmail_canonical(email)))
        for phone in person.get("phones") or []:
            found.add(self.by_key.get("phone:" + re.sub(r"[^\d+]", "", phone)))
        found.discard(None)
        if not found:
            pids = self.by_name.get(" ".join(sorted(name_tokens(person.get("name", "")))), set())
            if len(pids) > 1:  # a shared name: the company written and the sources may tell
                pids = {pid for pid in pids if self._fits(pid, person)}
            if len(pids) == 1:
                found = set(pids)
        return found

    def _fits(self, pid: str, person: dict) -> bool:
        records = self.truth["people"][pid]["records"]
        sources = {r["source"] for r in records}
        if not set(person.get("sources") or []) <= sources:
            return False
        company = (person.get("company") or "").strip()
        return not company or any(r.get("company_text", "").strip() == company for r in records)
