"""Text in ASCII, as anyascii writes it, without importing anyascii for accented Latin."""

from __future__ import annotations


def transliterated(text: str) -> str:
    """`text` in ASCII, as anyascii writes it.

    Accented Latin letters (é, ü, ñ: most non-ASCII names and titles) are their base letter,
    which is what anyascii gives (tests/test_ascii.py checks every such character); anything
    else goes to anyascii itself, which costs ~15 ms to import.
    """
    if text.isascii():
        return text
    letters = base_letters(text)
    if letters.isascii():
        return letters
    from anyascii import anyascii

    return anyascii(text)


def base_letters(text: str) -> str:
    """`text` with each character whose base letter is ASCII (its canonical decomposition
    without combining marks: "é" -> "e") replaced by it; other characters kept."""
    return text.translate(_BASE_LETTERS)


class _BaseLetters(dict):
    """A `str.translate` table: each character to its base letter when that is ASCII (its
    canonical decomposition without combining marks), else to itself. Filled as characters
    are met."""

    def __missing__(self, code: int) -> str:
        from unicodedata import combining, normalize

        char = chr(code)
        base = "".join(c for c in normalize("NFD", char) if not combining(c))
        self[code] = base if base and base.isascii() else char
        return self[code]


_BASE_LETTERS = _BaseLetters()
