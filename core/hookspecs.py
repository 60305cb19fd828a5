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
