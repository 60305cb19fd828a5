"""Text in ASCII, as anyascii writes it, without importing anyascii for accented Latin."""

from __future__ import annotations


def transliterated(text: str) -> str:
    """`text` in ASCII, as anyascii writes it.

    Accented Latin letters (é, ü, ñ: most non-ASCII names and titles) are their base letter,
    which is what anyascii gives (tests/test_ascii.py checks every such character); anything
    else goes to anyascii itself, which costs ~15 ms to import.
    """
    from unicodedata import combining, normalize

    letters = []
    for char in text:
        if not char.isascii():
            char = "".join(c for c in normalize("NFD", char) if not combining(c))
            if not (char and char.isascii()):
                from anyascii import anyascii

                return anyascii(text)
        letters.append(char)
    return "".join(letters)
