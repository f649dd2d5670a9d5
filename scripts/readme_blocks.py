"""The README's console examples, run for real: check them, or write them anew.

Every ```console block of README.md whose commands are all ``$ summitledger ...`` lines
is run, block after block and command after command, in a fresh temporary folder that
sees the project's own folders (``seeds/``, ``eval/``, ...) and no ledger yet, as a
fresh clone would; each command's output (stderr and stdout, as a terminal would show
them when piped) is compared with the lines the README shows under it. Blocks with any
other command (the benchmark's) are left alone.

    python scripts/readme_blocks.py            # exit 1 and a diff when the README drifted
    python scripts/readme_blocks.py --update   # write the real outputs into README.md

tests/test_readme.py runs the check, so a change that alters an example fails until
the README is brought up to date with --update.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.S | re.M)
PROMPT = "$ "
PROGRAM = "summitledger"
TIMEOUT_S = 600


@dataclass
class Example:
    """One ``$ summitledger ...`` line and the output the README shows under it."""

    command: str
    shown: str
    actual: str = field(default="")


@dataclass
class Block:
    start: int  # offsets of the block's body in the README
    end: int
    examples: list[Example]


def blocks(readme: str) -> list[Block]:
    """The console blocks made only of summitledger commands, in README order."""
    found = []
    for m in BLOCK.finditer(readme):
        examples: list[Example] = []
        for line in m.group(1).splitlines():
            if line.startswith(PROMPT):
                examples.append(Example(line[len(PROMPT):], ""))
            elif examples:
                examples[-1].shown += line + "\n"
        if examples and all(e.command.split()[:1] == [PROGRAM] for e in examples):
            for e in examples:
                e.shown = e.shown.rstrip("\n") + "\n" if e.shown.strip() else ""
            found.append(Block(m.start(1), m.end(1), examples))
    return found


def _workdir(tmp: Path) -> Path:
    """A folder that sees the project's folders and files but holds no ledger."""
    work = tmp / "clone"
    work.mkdir()
    for entry in ROOT.iterdir():
        if entry.name not in ("data", ".git", ".venv") and not entry.name.startswith("."):
            (work / entry.name).symlink_to(entry)
    return work


def run(found: list[Block]) -> None:
    """Run every example in order in one fresh folder; fill in ``actual``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMITLEDGER_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    with tempfile.TemporaryDirectory(prefix="summitledger-readme-") as tmp:
        work = _workdir(Path(tmp))
        for block in found:
            for e in block.examples:
                done = subprocess.run(["bash", "-c", f"{e.command} 2>&1"], cwd=work, env=env,
                                      capture_output=True, text=True, timeout=TIMEOUT_S)
                e.actual = done.stdout.rstrip("\n") + "\n" if done.stdout.strip() else ""


def rendered(block: Block) -> str:
    """A block's body with each command's real output."""
    parts = [f"{PROMPT}{e.command}\n{e.actual}" for e in block.examples]
    return "\n".join(parts)


def drift(found: list[Block]) -> list[str]:
    """A unified diff per example whose output is not what the README shows."""
    out = []
    for block in found:
        for e in block.examples:
            if e.shown != e.actual:
                out.append("".join(difflib.unified_diff(
                    e.shown.splitlines(True), e.actual.splitlines(True),
                    f"README: $ {e.command}", f"ran: $ {e.command}")))
    return out


def update(readme: str, found: list[Block]) -> str:
    for block in sorted(found, key=lambda b: -b.start):  # from the end: offsets stay
        readme = readme[: block.start] + rendered(block) + readme[block.end:]
    return readme


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true",
                        help="write the real outputs into README.md")
    args = parser.parse_args(argv)
    text = README.read_text("utf-8")
    found = blocks(text)
    run(found)
    if args.update:
        README.write_text(update(text, found), "utf-8")
        print(f"README.md: {sum(len(b.examples) for b in found)} examples written", file=sys.stderr)
        return 0
    problems = drift(found)
    for p in problems:
        sys.stdout.write(p + "\n")
    if problems:
        print(f"{len(problems)} README examples differ; run scripts/readme_blocks.py --update",
              file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
