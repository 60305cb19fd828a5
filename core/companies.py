"""Company names to keys: the same company written differently gets the same key."""

from __future__ import annotations

import re
import unicodedata

LEGAL_FORMS = {
    "inc",
    "incorporated",
    "llc",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "ag",
    "se",
    "sa",
    "plc",
    "llp",
    "nv",
    "bv",
    "spa",
    "oy",
    "oyj",
    "ab",
    "kk",
    "pty",
}


def company_key(name: str) -> str:
    """A normalised key for a company name ("Stripe, Inc." -> "stripe")."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    words = re.findall(r"[a-z0-9]+", text)
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    if len(words) > 1 and words[0] == "the":
        words.pop(0)
    return " ".join(words)
