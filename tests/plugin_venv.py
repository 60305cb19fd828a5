"""A fresh virtual environment with whoknows installed from this checkout, for plugin tests.

Sources are copied first, so that building never writes into the checkout. pip resolves the
dependencies from the configured index (a local mirror or PyPI), as a user's install would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SKIP = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "dist", ".venv*")


@dataclass
class Venv:
    path: Path

    def bin(self, name: str) -> Path:
        return self.path / "bin" / name

    def run(
        self, *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run a command of this environment (``run("whoknows", ...)``), capturing its output."""
        program, *rest = args
        full_env = clean_env() | {"VIRTUAL_ENV": str(self.path)} | (env or {})
        return subprocess.run(
            [str(self.bin(str(program))), *map(str, rest)],
            cwd=cwd,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    def install(self, *targets: str | Path) -> None:
        """``pip install`` local folders or requirements; raises with pip's output on failure."""
        result = self.run("python", "-m", "pip", "install", "-q", *targets)
        if result.returncode != 0:
            raise RuntimeError(f"pip install {targets} failed:\n{result.stdout}{result.stderr}")


def clean_env() -> dict[str, str]:
    """This process's environment without what would leak the outer environment in."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env.pop("WHOKNOWS_DB", None)
    env.pop("WHOKNOWS_LOAD_PLUGINS", None)
    return env | {"PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def copy_sources(source: Path, target: Path) -> Path:
    """Copy a distribution's sources (its folder, without build output) to `target`."""
    shutil.copytree(source, target, ignore=SKIP)
    return target


def copy_whoknows(target: Path) -> Path:
    """Copy what building whoknows needs: pyproject.toml, the README, core/ and plugins/."""
    target.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, target / name)
    for folder in ("core", "plugins"):
        shutil.copytree(REPO / folder, target / folder, ignore=SKIP)
    return target


def make_venv(root: Path) -> Venv:
    """Create ``root/venv`` and install whoknows (from a copy of this checkout) and pytest."""
    subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True, env=clean_env())
    venv = Venv(root / "venv")
    venv.install(copy_whoknows(root / "src" / "whoknows"), "pytest")
    return venv
