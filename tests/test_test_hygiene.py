"""The tests' own house rules: the test doubles live once, in tests/fakes.py, and no test module imports another
(shared checks are in helpers.py, fixtures in conftest.py), neither in its code nor in the scripts it runs."""
from __future__ import annotations

import ast
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
FAKE_CLASS = re.compile(r"_*(Fake|Dummy|Stub|Mock)[A-Z_]")
SCRIPT_IMPORT = re.compile(r"^\s*(?:from|import)\s+(?:tests\.)?(test_\w+)", re.M)  # in the source of a script


def _imported_test_modules(module: ast.Module) -> list[str]:
    """Test modules (test_*) that `module` imports: import statements anywhere, relative ones included, and
    import lines in the string constants it writes out as scripts."""
    found = []
    for node in ast.walk(module):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            from_package = node.level or node.module in (None, "tests")  # from . import test_x, from tests import test_x
            names = [node.module or ""] + ([a.name for a in node.names] if from_package else [])
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = SCRIPT_IMPORT.findall(node.value)
        else:
            continue
        found += [n for n in names if n.removeprefix("tests.").split(".")[0].startswith("test_")]
    return found


def _fake_classes(module: ast.Module) -> list[str]:
    return [n.name for n in ast.walk(module) if isinstance(n, ast.ClassDef) and FAKE_CLASS.match(n.name)]


def _problems(folder: Path) -> list[str]:
    out = []
    for path in sorted(folder.glob("*.py")):
        if path.name == Path(__file__).name:
            continue  # this module's crafted sources are strings that import test modules
        module = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        out += [f"{path.name} imports the test module {name}" for name in _imported_test_modules(module)]
        if path.name != "fakes.py":
            out += [f"{path.name} defines {name} (test doubles live in tests/fakes.py)" for name in _fake_classes(module)]
    return out


def test_no_test_module_imports_another_and_fakes_live_in_fakes_py():
    assert _problems(TESTS) == []


def test_the_scan_sees_each_kind_of_breach(tmp_path):
    (tmp_path / "test_a.py").write_text(
        "import test_b\n"
        "from test_c import helper\n"
        "from tests.test_d import x\n"
        "def f():\n    from . import test_e\n\n"
        "SCRIPT = '''\nimport sys\nfrom test_f import FakePipeline\n'''\n"
        "class FakeEmbedder:\n    pass\n"
        "def g():\n    class _DummyVerifier:\n        pass\n"
        "from tests import test_g\n"
        "class Faker:\n    pass\n"  # a name that only starts like one: allowed
        "from fakes import FakePipeline\nimport helpers\nfrom conftest import REPO\n"  # the shared modules: allowed
    )
    (tmp_path / "fakes.py").write_text("class FakePipeline:\n    pass\nclass StubRetriever:\n    pass\n")
    assert sorted(_problems(tmp_path)) == sorted([
        "test_a.py imports the test module test_b",
        "test_a.py imports the test module test_c",
        "test_a.py imports the test module tests.test_d",
        "test_a.py imports the test module test_e",
        "test_a.py imports the test module test_f",
        "test_a.py imports the test module test_g",
        "test_a.py defines FakeEmbedder (test doubles live in tests/fakes.py)",
        "test_a.py defines _DummyVerifier (test doubles live in tests/fakes.py)",
    ])
