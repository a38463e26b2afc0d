"""The domain never imports Textual; start-up paths never import pandas or matplotlib."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys

import pytest

import cocreate
from tests.conftest import ROOT

HEAVY = ("pandas", "matplotlib", "networkx")
UI = ("textual", "rich")


def _domain_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(cocreate.__path__, "cocreate."):
        if info.name.startswith(("cocreate.tui", "cocreate.cli", "cocreate.serve")):
            continue
        if info.name == "cocreate.__main__":
            continue
        names.append(info.name)
    return names


def _modules_after(code: str) -> set[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=ROOT,
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", _domain_modules())
def test_domain_module_imports_no_textual(module: str) -> None:
    loaded = _modules_after(f"import {module}")
    assert not {m.split(".")[0] for m in loaded} & set(UI), module


def test_cli_help_imports_nothing_heavy() -> None:
    loaded = _modules_after(
        "import contextlib, io\n"
        "from cocreate.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main(['--help'])\n    except SystemExit:\n        pass"
    )
    assert not {m.split(".")[0] for m in loaded} & set(HEAVY + UI)


def test_loading_a_workshop_imports_nothing_heavy() -> None:
    loaded = _modules_after(
        "from cocreate import storage, validate\n"
        f"w = storage.load({str(ROOT / 'workshops' / 'equipment-lending')!r})\n"
        "validate.findings(w)"
    )
    assert not {m.split(".")[0] for m in loaded} & set(HEAVY + UI)
