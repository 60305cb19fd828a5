"""Run the whoknows CLI with the test roster importer registered (for subprocess tests)."""

import sys

from conftest import RosterPlugin
from whoknows import plugin_manager
from whoknows.cli import cli

plugin_manager.load_plugins().register(RosterPlugin(), name="roster-test")
cli(sys.argv[1:])
