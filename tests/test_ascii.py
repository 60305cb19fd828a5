"""Transliteration to ASCII: the same letters anyascii writes, without importing it for accents."""

from __future__ import annotations

import subprocess
import sys

from whoknows.ascii import transliterated
from whoknows.companies import company_key


def test_transliteration_writes_every_character_as_anyascii_does():
    """Accented Latin letters are spelled without anyascii: the same letters it writes (every
    character with a canonical decomposition lies below U+30000)."""
    from anyascii import anyascii

    for codepoint in range(0x80, 0x30000):
        char = chr(codepoint)
        if not 0xD800 <= codepoint <= 0xDFFF:
            assert transliterated(char) == anyascii(char), hex(codepoint)
    title = "Direktörin für Personalwesen, Zürich 人事"
    assert transliterated(title) == anyascii(title)
    assert transliterated("Ingénieure Ærø") == anyascii("Ingénieure Ærø")


def test_accented_company_names_are_keyed_without_anyascii():
    """`whoknows Nestlé` needs no anyascii (its import costs the query ~15 ms); other scripts do."""
    code = (
        "import sys; from whoknows.companies import company_key; "
        "print(company_key('Nestlé S.A.'), company_key('Société Générale'), "
        "'anyascii' in sys.modules); "
        "print(company_key('株式会社ソニー'), 'anyascii' in sys.modules)"
    )
    lines = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert lines[0] == "nestle societegenerale False"
    assert lines[1] == f"{company_key('株式会社ソニー')} True"
