"""A built wheel (`pip install .`, not -e) carries the profiles, prompts, project weights and seeds, and works."""
from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "claimcheck", "models", "prompts", "seeds")


def _run(cmd, **kw):
    out = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    assert out.returncode == 0, out.stderr[-3000:]
    return out


def _setuptools_version() -> tuple[int, ...]:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return tuple(int(x) for x in version("setuptools").split(".")[:2])
    except (PackageNotFoundError, ValueError):
        return (0,)


@pytest.mark.slow
def test_wheel_installs_and_checks_the_demo_from_another_directory(tmp_path):
    src = tmp_path / "src"  # a copy, so the build leaves nothing in the checkout
    src.mkdir()
    for name in SOURCES:
        p = REPO / name
        if p.is_dir():
            shutil.copytree(p, src / name, ignore=shutil.ignore_patterns("__pycache__", "_data", "*.egg-info"))
        else:
            shutil.copy2(p, src / name)
    # this environment's setuptools when it is recent enough (fast, offline), else pip's isolated build
    local = ["--no-build-isolation"] if _setuptools_version() >= (70, 1) else []
    _run([sys.executable, "-m", "pip", "wheel", src, "--no-deps", *local, "-q", "-w", tmp_path / "dist"])
    wheel = next((tmp_path / "dist").glob("claimcheck-*.whl"))

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv])
    py = venv / "bin" / "python"
    # the dependencies come from this environment's site-packages (a plain path: its .pth files, among
    # them the editable install's finder, are not run), the package itself only from the wheel
    target = Path(_run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    (target / "zz_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    _run([py, "-m", "pip", "install", "-q", "--no-deps", wheel])

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "CLAIMCHECK_HOME": str(tmp_path / "home")}
    env.pop("CLAIMCHECK_MODELS_DIR", None)
    probe = _run([py, "-c", "import json, claimcheck.profiles as p; prof = p.load_profile(); print(json.dumps("
                  "[p.__file__, str(prof.path), p.resolve_model(prof.role('verifier').model), p.list_profiles()]))"],
                 cwd=work, env=env)
    module, profile, verifier, profiles = json.loads(probe.stdout)
    installed = Path(module).parent
    assert installed.is_relative_to(target)
    assert Path(profile) == installed / "_data" / "models" / "offline.toml"
    assert (Path(verifier) / "calibration.json").is_file() and Path(verifier).is_relative_to(installed)
    assert (Path(verifier) / "judge.json").is_file()  # the judge settings fitted for these weights
    assert profiles == ["accurate", "offline", "standard"]

    shutil.copy2(REPO / "seeds" / "article.md", work / "article.md")
    shutil.copy2(REPO / "seeds" / "corpus.jsonl", work / "corpus.jsonl")
    r = _run([venv / "bin" / "claimcheck", "check", "article.md", "--corpus", "corpus.jsonl"], cwd=work, env=env)
    report = json.loads(r.stdout)
    assert report["models"]["verifier"] == "nli:repo:models/nli-minilm-l6"
    mirror = next(c for c in report["claims"] if "6.5" in c["text"])
    assert mirror["verdict"] == "supported" and mirror["evidence"][0]["doc_id"] == "webb-mirror"
