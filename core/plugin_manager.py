"""The one plugin manager: built-in and third-party plugins load the same way.

Every plugin, the built-in importers included, is found through the ``whoknows`` entry-point
group. ``WHOKNOWS_LOAD_PLUGINS=a,b`` loads only the named plugins (an empty value loads none).
A plugin that fails to load is named in one line on stderr and skipped.
"""

from __future__ import annotations

import os
import sys
from importlib.metadata import entry_points

import pluggy
from whoknows import hookspecs

BUILTIN_DISTRIBUTION = "whoknows"

pm = pluggy.PluginManager("whoknows")
pm.add_hookspecs(hookspecs)

_loaded = False
builtin_plugins: set[str] = set()
"""Names of the plugins that ship with whoknows."""
failed_plugins: dict[str, str] = {}
"""Plugins that could not be loaded, with the reason."""
plugin_versions: dict[str, str] = {}
"""The version of the distribution each plugin came from."""


_warned: set[str] = set()


def warn(message: str) -> None:
    """Print one line about a plugin problem on stderr, once per command."""
    if message in _warned:
        return
    _warned.add(message)
    print(f"whoknows: {message}", file=sys.stderr)


def load_plugins() -> pluggy.PluginManager:
    """Load every plugin once (idempotent) and return the plugin manager."""
    global _loaded
    if _loaded:
        return pm
    _loaded = True
    wanted = os.environ.get("WHOKNOWS_LOAD_PLUGINS")
    allowed = None if wanted is None else {n.strip() for n in wanted.split(",") if n.strip()}
    for ep in sorted(entry_points(group="whoknows"), key=lambda e: e.name):
        if allowed is not None and ep.name not in allowed:
            continue
        if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
            continue
        dist = getattr(ep, "dist", None)
        if dist is not None:
            plugin_versions[ep.name] = dist.version
            if dist.metadata["Name"] == BUILTIN_DISTRIBUTION:
                builtin_plugins.add(ep.name)
        try:
            module = ep.load()
            pm.register(module, name=ep.name)
        except Exception as e:  # a broken plugin must not break whoknows
            failed_plugins[ep.name] = f"{type(e).__name__}: {e}"
            warn(f"plugin {ep.name!r} failed to load and was skipped ({type(e).__name__}: {e})")
            continue
        _warn_unknown_hooks(ep.name)
    return pm


def _warn_unknown_hooks(name: str) -> None:
    """Name a plugin's ``@hookimpl`` functions that match no hook (a typo, or a newer hook)."""
    for caller in pm.get_hookcallers(pm.get_plugin(name)) or []:
        if not caller.has_spec() and not all(
            impl.optionalhook for impl in caller.get_hookimpls() if impl.plugin_name == name
        ):
            warn(f"plugin {name!r} implements {caller.name!r}, which is not a whoknows hook")


def call_hook(name: str, **kwargs: object) -> list[object]:
    """Call hook `name` on each plugin separately, so that one that raises is named and skipped."""
    load_plugins()
    results = []
    for impl in reversed(getattr(pm.hook, name).get_hookimpls()):
        try:
            result = impl.function(**{k: kwargs[k] for k in impl.argnames})
        except Exception as e:
            warn(f"plugin {impl.plugin_name!r} raised in {name} and was skipped ({e!r})")
            continue
        if result is not None:
            results.append(result)
    return results
