"""Every hook a whoknows plugin can implement. Each one is documented in docs/plugins.md."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("whoknows")
hookimpl = pluggy.HookimplMarker("whoknows")


@hookspec
def register_importers(register: Callable[[Any], None]) -> None:
    """Register importers: call ``register(importer)`` once for each importer object.

    An importer has a ``name`` (short, lower case, used by ``--format``), a one-line
    ``description``, a cheap ``detect(path) -> bool`` that says whether it can read a file,
    folder or zip, and ``read(path)`` that yields records (see ``whoknows.records``).
    """


@hookspec
def register_aliases(register: Callable[[dict[str, Any]], None]) -> None:
    """Contribute company alias data: call ``register(company)`` once for each company.

    ``company`` is a dict in the format of ``whoknows/data/companies.json``::

        {"name": "Meta", "aliases": ["Facebook"], "domains": ["meta.com"], "parent": None}

    ``aliases`` (other names and acronyms), ``domains`` (work email domains) and ``parent``
    (the company this one is a division of) are optional. Alias data is read when contacts are
    imported and by ``whoknows alias`` commands.
    """
