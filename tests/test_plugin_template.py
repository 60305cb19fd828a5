"""`whoknows plugin new NAME` renders a plugin skeleton whose own tests pass once installed."""

from __future__ import annotations

import subprocess
import sys

from whoknows.cli import cli


def test_the_template_renders_a_plugin_whose_tests_pass(tmp_path, plugin_venv):
    # Rendered by whoknows installed from a wheel: the template ships as package data.
    result = plugin_venv.run("whoknows", "plugin", "new", "acme-crm", "--directory", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Created {tmp_path / 'whoknows-acme-crm'}/")
    plugin = tmp_path / "whoknows-acme-crm"
    assert sorted(p.relative_to(plugin).as_posix() for p in plugin.rglob("*") if p.is_file()) == [
        ".gitignore",
        "README.md",
        "pyproject.toml",
        "tests/fixtures/example.csv",
        "tests/test_whoknows_acme_crm.py",
        "whoknows_acme_crm.py",
    ]
    pyproject = (plugin / "pyproject.toml").read_text(encoding="utf-8")
    assert 'acme-crm = "whoknows_acme_crm"' in pyproject
    assert "{{" not in "".join(p.read_text(encoding="utf-8") for p in plugin.rglob("*.*"))
    assert "class AcmeCrmImporter" in (plugin / "whoknows_acme_crm.py").read_text(encoding="utf-8")

    # The rules whoknows itself is held to, applied in the plugin's own folder.
    rules = ["--line-length", "100", "--target-version", "py311"]
    lint_rules = ["--select", "E,F,W,I,B,UP,SIM,RUF", *rules]
    for command in (["check", *lint_rules, "."], ["format", *rules, "--check", "."]):
        lint = subprocess.run(
            [sys.executable, "-m", "ruff", *command], cwd=plugin, capture_output=True, text=True
        )
        assert lint.returncode == 0, lint.stdout + lint.stderr

    plugin_venv.install(plugin)
    tests = plugin_venv.run("pytest", "-q", "-p", "no:cacheprovider", cwd=plugin)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "5 passed" in tests.stdout


def test_a_bad_name_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(cli, ["plugin", "new", "Acme_CRM", "-d", str(tmp_path)])
    assert result.exit_code == 2
    assert "lower case letters, digits and single hyphens" in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_never_overwritten(runner, tmp_path):
    (tmp_path / "whoknows-acme").mkdir()
    (tmp_path / "whoknows-acme" / "mine.py").write_text("# my work\n", encoding="utf-8")
    result = runner.invoke(cli, ["plugin", "new", "whoknows-acme", "-d", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"whoknows: error: {tmp_path / 'whoknows-acme'} already exists; "
        "choose another name or folder"
    )
    assert [p.name for p in (tmp_path / "whoknows-acme").iterdir()] == ["mine.py"]
