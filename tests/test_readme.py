"""The README's console examples are what the program prints (issue 23): every
``$ summitledger ...`` of a ```console block runs, in order, in a fresh folder with no
ledger, and prints what the README shows under it. scripts/readme_blocks.py --update
writes the real outputs back when a change alters them."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow  # every README example, each a process: the slow tier


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("readme_blocks", ROOT / "scripts" / "readme_blocks.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["readme_blocks"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_every_readme_console_example_prints_what_the_readme_shows() -> None:
    blocks = _script()
    found = blocks.blocks((ROOT / "README.md").read_text("utf-8"))
    commands = [e.command for b in found for e in b.examples]
    assert "summitledger show 9" in commands and "summitledger events" in commands
    assert commands[0] == "summitledger ingest seeds/"  # a fresh ledger, as in a clone
    blocks.run(found)
    problems = blocks.drift(found)
    assert not problems, ("README examples differ from what the program prints; run "
                          "python scripts/readme_blocks.py --update and check the diff:\n"
                          + "\n".join(problems))


def test_the_script_writes_what_it_ran(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """--update puts each command's real output under it and keeps the rest."""
    blocks = _script()
    text = ("intro\n\n```console\n$ summitledger --version\nsummitledger 0.0\n\n"
            "$ summitledger claims --status nonsense\n```\n\n```console\n$ ls\nx\n```\n")
    found = blocks.blocks(text)
    assert [len(b.examples) for b in found] == [2]  # the block with 'ls' is left alone
    blocks.run(found)
    out = blocks.update(text, found)
    assert out.startswith("intro\n\n```console\n$ summitledger --version\nsummitledger ")
    assert "$ summitledger claims --status nonsense\nUsage:" in out
    assert out.endswith("```\n\n```console\n$ ls\nx\n```\n")
    again = blocks.blocks(out)  # read back, the README shows what ran
    assert [e.shown for e in again[0].examples] == [e.actual for e in found[0].examples]
