"""The packages stand in layers, and research stands beside the product (issue 27).

A module imports only from its own layer or a lower one, at top level or inside a function (a lazy import
hides a dependency from Python, not from the reader). Research (claimcheck/research/, and claimcheck/datasets/,
which the team's rule keeps where it is) may import the product; the product never imports research: the
CLI opens research inside the `eval`, `train` and `bench` commands only. Import cycles are
tests/test_import_cycles.py's; a new package or top-level module must be given a layer here.
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "claimcheck"

# Rooms (claimcheck's packages and top-level modules), bottom layer first.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("claimcheck", "core"),  # claimcheck/__init__ (the version) and infrastructure: errors, io, limits, types...
    ("runtime", "text", "profiles"),  # model runtimes; text utilities, markup, segmentation; profiles
    ("claims", "summarize", "index", "verify", "timeline", "report"),  # the stages
    ("components", "pipeline"),  # the stages put together
    ("serve", "triage", "feedback", "cluster"),  # what runs the pipeline for users, and the Ray engine under it
    ("cli", "__main__"),
)
RESEARCH = ("research", "datasets")
RESEARCH_DOORS = ("claimcheck.cli.bench_cmd", "claimcheck.cli.eval_cmd", "claimcheck.cli.train_cmd")
# Imports running up a layer, allowed for now: none (profiles.py used to look up each stage's option names; the
# registry in core/ made profiles plain data). A new entry needs a reason in the commit that adds it.
KNOWN_UPWARD: set[tuple[str, str]] = set()
LAYER_OF = {room: i for i, rooms in enumerate(LAYERS) for room in rooms}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def imports(modules: dict[str, Path]):
    """(importer, imported module, line, inside a function) for every import of a claimcheck module."""
    for mod, path in sorted(modules.items()):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        base = mod if path.name == "__init__.py" else mod.rsplit(".", 1)[0]
        funcs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))]
        in_function = {id(inner) for f in funcs for inner in ast.walk(f) if inner is not f}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    up = base.split(".")[: len(base.split(".")) - node.level + 1]
                    src = ".".join(up + ([node.module] if node.module else []))
                else:
                    src = node.module or ""
                names = [f"{src}.{a.name}" for a in node.names] + [src]
            else:
                continue
            seen = set()
            for name in names:
                while name and name not in modules:
                    name = name.rsplit(".", 1)[0] if "." in name else ""
                if name and name != mod and name not in seen and not mod.startswith(name + "."):
                    seen.add(name)
                    yield mod, name, node.lineno, id(node) in in_function


def test_every_room_has_a_layer():
    rooms = {room(m) for m in _modules()}
    assert rooms - set(LAYER_OF) - set(RESEARCH) == set(), "give each new package a layer in LAYERS"


def test_no_import_runs_up_a_layer_and_the_product_never_imports_research():
    modules = _modules()
    wrong, used_known = [], set()
    for mod, target, line, lazy in imports(modules):
        a, b = room(mod), room(target)
        where = f"{modules[mod].relative_to(REPO)}:{line}: {mod} imports {target}"
        if a in RESEARCH:
            if b == "cli":
                wrong.append(f"{where} (research stands beside the product, below the CLI)")
            continue
        if b in RESEARCH:
            if not (mod in RESEARCH_DOORS and lazy):
                wrong.append(f"{where} (the product never imports research; only the eval, train and bench "
                             "commands open it, inside the command)")
            continue
        if LAYER_OF[b] > LAYER_OF[a]:
            if (mod, target) in KNOWN_UPWARD:
                used_known.add((mod, target))
            else:
                wrong.append(f"{where} (layer {LAYER_OF[a]} '{a}' imports from layer {LAYER_OF[b]} '{b}')")
    assert wrong == [], "\n".join(wrong)
    assert KNOWN_UPWARD - used_known == set(), "these imports are gone: strike them from KNOWN_UPWARD"


PRODUCT_ENTRY_POINTS = """
import json, sys
from claimcheck.cli import _register
_register()  # every command module, as `claimcheck --help` loads them
import claimcheck.serve.app, claimcheck.triage.runner, claimcheck.index, claimcheck.pipeline, claimcheck.components
import claimcheck.feedback.export, claimcheck.cluster.pool
print(json.dumps(sorted(m for m in sys.modules if m.startswith(("claimcheck.research", "claimcheck.datasets")))))
"""


def test_the_product_entry_points_load_no_research_module():
    """`check`, `serve`, `index`, `triage` run through these modules; a research module loaded by any of them
    would show here (tests/test_no_torch.py runs `check`, `verify` and `triage` and asserts the same)."""
    run = subprocess.run([sys.executable, "-c", PRODUCT_ENTRY_POINTS], cwd=REPO, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert json.loads(run.stdout) == []
