"""From a person's records to what the user sees: status, what to ask, score and reasons."""

from __future__ import annotations

from typing import Any

RECRUITING_WORDS = ("recruit", "talent", "hr ", "human resources", "people partner", "sourcer")


def describe(contacts: list[dict[str, Any]], company_key: str | None) -> dict[str, Any]:
    """The person object for one person's contacts, as seen for the company `company_key`."""
    at = [c for c in contacts if company_key is None or c["company_key"] == company_key]
    main = max(at or contacts, key=_richness)
    status = "former" if all(c["former"] for c in at or contacts) else "current"
    title = main["title"]
    knows_work = any(
        c["messages_sent"] or c["endorsed_skills"] or c["recommended_on"] for c in contacts
    )
    recruiter = any(w in f" {title.lower()} " for w in RECRUITING_WORDS)
    ask = "endorsement" if knows_work and not recruiter else "status update"
    reasons = []
    score = 10 * len({c["source"] for c in contacts})
    for c in contacts:
        if c["messages_sent"] or c["messages_received"]:
            n = c["messages_sent"] + c["messages_received"]
            reasons.append(f"{n} {c['source']} messages")
            score += min(40, n * 4)
        if c["endorsed_skills"]:
            reasons.append("Endorsed you for " + ", ".join(c["endorsed_skills"]))
            score += 20
        if c["recommended_on"]:
            reasons.append("Recommended you")
            score += 25
        if c["since"]:
            reasons.append(f"{c['source']} contact since {c['since'][:4]}")
    return {
        "name": main["full_name"],
        "company": main["company"],
        "title": title,
        "status": status,
        "ask": ask,
        "score": min(100, score),
        "reasons": reasons,
        "sources": sorted({c["source"] for c in contacts}),
        "emails": sorted({e for c in contacts for e in c["emails"]}),
        "phones": sorted({p for c in contacts for p in c["phones"]}),
        "profile_url": next((u for c in contacts for u in c["profile_urls"]), ""),
        "match": "exact" if company_key else "",
    }


def _richness(contact: dict[str, Any]) -> int:
    return sum(bool(contact[k]) for k in ("company", "title", "emails", "phones", "profile_urls"))
