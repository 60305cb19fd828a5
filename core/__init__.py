"""whoknows: find who you know at a company, from the contact exports you already have.

The public API for plugin authors is what this module exports; everything else is private.
"""

from whoknows.errors import BadInput, WhoknowsError
from whoknows.hookspecs import hookimpl
from whoknows.records import Contact, Position, Profile, Record, Skipped

__all__ = [
    "BadInput",
    "Contact",
    "Position",
    "Profile",
    "Record",
    "Skipped",
    "WhoknowsError",
    "hookimpl",
]
