"""whoknows: find who you know at a company, from the contact exports you already have.

The public API for plugin authors is what this module exports (``__all__``), plus the modules
``whoknows.inputs`` (``Tree``, ``decode``) and ``whoknows.testing``; everything else is
private. docs/plugins.md, "Public API", lists them all. The names are loaded on first use, so
that ``whoknows COMPANY`` does not pay for the plugin machinery it does not need.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is not imported: `whoknows COMPANY` does not need it
if TYPE_CHECKING:
    from typing import Any

    from whoknows.errors import BadInput, WhoknowsError
    from whoknows.hookspecs import hookimpl
    from whoknows.records import Contact, Position, Profile, Record, Skipped

_PUBLIC = {
    "BadInput": "whoknows.errors",
    "WhoknowsError": "whoknows.errors",
    "hookimpl": "whoknows.hookspecs",
    "Contact": "whoknows.records",
    "Position": "whoknows.records",
    "Profile": "whoknows.records",
    "Record": "whoknows.records",
    "Skipped": "whoknows.records",
}

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


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(__import__(_PUBLIC[name], fromlist=[name]), name)
    raise AttributeError(f"module 'whoknows' has no attribute {name!r}")
