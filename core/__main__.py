from whoknows.cli import cli

cli()
