"""--engine on every command that takes it: an unknown engine, or ray without the ray extra, is one line, exit 2.

These run without Ray (fast suite); tests/test_ray_*.py run the engines on a real Ray runtime.
"""
from __future__ import annotations

import importlib.util

import pytest
from typer.testing import CliRunner

from claimcheck.cli import _register
from claimcheck.cluster import RAY_MISSING

COMMANDS = [
    ["triage", "in/", "--corpus", "c.jsonl", "--out", "out"],
    ["eval", "nli", "--limit", "1", "--output", "out"],
    ["index", "c.jsonl", "--out", "out"],
]


@pytest.fixture
def no_ray(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "ray" else real(name, *a))


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_engine_ray_without_the_extra_is_one_line_exit_2(tmp_path, monkeypatch, no_ray, args):
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(_register(), [*args, "--engine", "ray"])
    assert r.exit_code == 2, r.output
    assert r.stderr.strip() == f"claimcheck: error: {RAY_MISSING}"
    assert not (tmp_path / "out").exists()  # refused before any work


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_unknown_engine_is_one_line_exit_2(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(_register(), [*args, "--engine", "spark"])
    assert r.exit_code == 2 and r.stderr.strip() == "claimcheck: error: unknown --engine 'spark' (choose local, ray)"
