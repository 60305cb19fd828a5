"""The plugin author's guide documents every hook, argument, public name and record field."""

from __future__ import annotations

import dataclasses
import inspect
import re
from pathlib import Path

import pytest
import whoknows
from whoknows import hookspecs, records
from whoknows.importers import Importer

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "plugins.md"
TEXT = GUIDE.read_text(encoding="utf-8")
HOOK_HEADINGS = dict(re.findall(r"^### (\w+)\(([^)]*)\)$", TEXT, flags=re.MULTILINE))


def section(title: str) -> str:
    """The text of the ``## title`` section of the guide."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", TEXT, re.MULTILINE | re.DOTALL)
    assert match, f"docs/plugins.md has no '## {title}' section"
    return match.group(1)


def hookspec_functions():
    return [
        (name, function)
        for name, function in vars(hookspecs).items()
        if inspect.isfunction(function) and hasattr(function, "whoknows_spec")
    ]


def test_the_hookspecs_are_found():
    assert "register_importers" in dict(hookspec_functions())


@pytest.mark.parametrize(("name", "function"), hookspec_functions())
def test_every_hook_is_documented_with_its_arguments(name, function):
    arguments = list(inspect.signature(function).parameters)
    assert name in HOOK_HEADINGS, f"docs/plugins.md has no '### {name}(...)' heading"
    documented = [a.strip() for a in HOOK_HEADINGS[name].split(",") if a.strip()]
    assert documented == arguments, f"{name}: docs say ({HOOK_HEADINGS[name]})"
    hook_text = TEXT.split(f"### {name}(", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    for argument in arguments:
        assert f"`{argument}`" in hook_text, f"{name}: argument {argument!r} is not described"


@pytest.mark.parametrize("name", whoknows.__all__)
def test_every_public_name_is_in_the_public_api_section(name):
    assert f"`whoknows.{name}`" in section("Public API")


def test_everything_the_public_api_section_lists_exists():
    import importlib

    for dotted in re.findall(r"^\| `(whoknows\.[\w.]+)`", section("Public API"), re.MULTILINE):
        module, _, attribute = dotted.rpartition(".")
        try:
            importlib.import_module(dotted)
        except ModuleNotFoundError:
            assert hasattr(importlib.import_module(module), attribute), dotted


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (cls.__name__, f.name)
        for cls in (records.Contact, records.Profile, records.Position, records.Skipped)
        for f in dataclasses.fields(cls)
    ],
)
def test_every_record_field_is_documented(record, field):
    assert f"`{field}`" in section("Records").split(f"### {record}\n", 1)[1].split("\n### ")[0]


IMPORTER_MEMBERS = sorted(
    name for name in set(Importer.__annotations__) | set(vars(Importer)) if not name.startswith("_")
)


def test_the_importer_members_are_found():
    assert {"name", "description", "detect", "read"} <= set(IMPORTER_MEMBERS)


@pytest.mark.parametrize("member", IMPORTER_MEMBERS)
def test_every_importer_member_is_in_the_contract(member):
    assert f"`{member}" in section("The importer contract")


def test_load_plugins_variable_and_testing_fixtures_are_documented():
    assert "WHOKNOWS_LOAD_PLUGINS" in section("Listing and choosing plugins")
    testing = section("Testing a plugin")
    from whoknows import testing as helpers

    for fixture in ("whoknows_db", "whoknows_cli", "whoknows_plugin"):
        assert callable(getattr(helpers, fixture)) and f"`{fixture}`" in testing
    for helper in helpers.__all__:
        if helper != "CliResult":
            assert f"whoknows.testing.{helper}" in testing
