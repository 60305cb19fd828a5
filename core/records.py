"""The records an importer yields. Plain data: importers fill them, the store keeps them.

An importer yields a stream of these four types, in any order:

- `Contact`: one person as one source knows them;
- `Profile`: the user's own account in that source;
- `Position`: one job in the user's own history (it tells who is a former colleague);
- `Skipped`: an entry that could not be read, with where it is and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Contact:
    """One person as one source knows them.

    `source_key` is stable across exports of the same source (a profile URL, a vCard UID,
    a name plus the friendship date), so re-importing replaces rather than duplicates.
    """

    source_key: str
    full_name: str = ""
    given_name: str = ""
    family_name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    profile_urls: list[str] = field(default_factory=list)
    company: str = ""
    department: str = ""
    title: str = ""
    since: date | None = None
    """When the tie began: connected on, friends since, added to the address book."""
    former: bool = False
    """The tie has ended (a removed Facebook friend, for example)."""
    messages_sent: int = 0
    messages_received: int = 0
    last_message: date | None = None
    endorsed_skills: list[str] = field(default_factory=list)
    """Skills this person endorsed the user for."""
    endorsed_on: date | None = None
    """The most recent endorsement's date."""
    recommended_on: date | None = None
    """When this person wrote the user a recommendation."""
    invitation: str = ""
    """"incoming" or "outgoing": who sent the invitation that made the tie."""
    birthday: bool = False
    """The address book knows this person's birthday (a sign of a close tie)."""
    categories: list[str] = field(default_factory=list)
    note: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    """Anything else worth keeping, by name (e.g. an X account id)."""


@dataclass
class Profile:
    """The user's own account in a source."""

    full_name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    profile_urls: list[str] = field(default_factory=list)
    headline: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Position:
    """One job in the user's own history. `finished` is None for a current job."""

    company: str
    title: str = ""
    started: date | None = None
    finished: date | None = None


@dataclass
class Skipped:
    """An entry the importer could not read. `where` says where (e.g. "line 42")."""

    where: str
    reason: str


Record = Contact | Profile | Position | Skipped
