"""Eval tasks and benchmarks come from the one registry: `claimcheck eval TASK`, `claimcheck bench [NAME ...]`
with `--opt KEY=VALUE`, `bench --list`, today's bench flags kept (issue 27)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claimcheck.cli import _register
from claimcheck.core import registry

from helpers import assert_one_line_exit_2

EVAL_TASKS = ["nli", "verify", "retrieve", "summarize", "faithfulness", "claims"]
BENCHMARKS = {"check", "waits", "runtimes", "index", "triage", "ray", "serve", "size", "conflicts"}


def cli(*args):
    return CliRunner().invoke(_register(), [str(a) for a in args])


def test_every_eval_task_is_a_command_with_its_registered_doc():
    from claimcheck.research.evaluate import TASKS

    assert list(TASKS) == EVAL_TASKS  # `eval all` runs them in this order
    r = cli("eval", "--help")
    assert r.exit_code == 0, r.output
    for task in registry.backends("eval"):
        assert f" {task.name} " in r.stdout and " ".join(task.doc.split()[:3]) in r.stdout
    for extra in ("all", "report"):
        assert extra in r.stdout
    r = cli("eval", "claims", "--help")
    assert r.exit_code == 0 and "--dataset" in r.stdout and "--top-k" in r.stdout


def test_bench_list_shows_every_benchmark_with_its_options():
    r = cli("bench", "--list")
    assert r.exit_code == 0, r.output
    heads = {line.split(":")[0].split(" ")[0] for line in r.stdout.splitlines() if not line.startswith(" ")}
    assert heads == BENCHMARKS
    assert r.stdout.startswith("check (default): ")
    conflicts = r.stdout.split("\nconflicts: ", 1)[1].splitlines()
    assert conflicts[1].split()[:3] == ["nli", "bool", "true"]
    assert [line.split()[0] for line in conflicts[1:5]] == ["nli", "misses", "heldout", "parse"]


@pytest.mark.parametrize("args, phrases", [
    (["bench", "conflict"], ["unknown benchmark 'conflict'", "did you mean 'conflicts'"]),
    (["bench", "conflicts", "--opt", "nil=false"], ["bench conflicts has unknown option 'nil'", "did you mean 'nli'"]),
    (["bench", "conflicts", "--opt", "nli=maybe"], ["option 'nli' must be true or false"]),
    (["bench", "size", "--opt", "timeout_s=1.5"], ["option 'timeout_s' must be an integer"]),
    (["bench", "conflicts", "--opt", "nli"], ["expected key=value"]),
    (["bench", "size", "conflicts", "--opt", "nli=false"], ["several benchmarks are named", "NAME.nli="]),
    (["bench", "size", "--opt", "conflicts.nli=false"], ["'conflicts' is not among the benchmarks run"]),
    (["bench", "size", "--pairs", "64"], ["check flags were given", "check is not among the benchmarks named"]),
])
def test_a_wrong_name_or_option_is_one_line_and_exit_2_before_anything_runs(args, phrases, monkeypatch):
    from claimcheck.research.bench import named

    monkeypatch.setattr(named, "run", lambda *a: pytest.fail("a benchmark ran"))
    assert_one_line_exit_2(cli(*args), *phrases)


def test_todays_flags_set_the_options_of_check_and_triage(monkeypatch):
    from claimcheck.research.bench import named

    ran = []
    monkeypatch.setattr(named, "run", lambda name, options, profile, device: ran.append((name, options)) or {"ok": 1})
    r = cli("bench", "--pairs", "64", "--no-waits", "--index", "--claims", "0", "--device", "cpu")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == {"ok": 1}  # one benchmark: its figures as they are, as `bench` printed them
    (name, o), = ran
    assert name == "check" and (o.pairs, o.waits, o.index, o.claims) == (64, False, True, 0)
    assert (o.runtimes, o.accuracy) == (True, False)  # what was not given keeps today's default

    ran.clear()
    r = cli("bench", "--triage", "5", "--triage-full", "501", "--device", "cpu")
    assert r.exit_code == 0, r.output
    (name, o), = ran
    assert name == "triage" and (o.articles, o.full, o.work) == (5, 501, "runs/bench-triage")

    ran.clear()
    r = cli("bench", "size", "conflicts", "--opt", "size.sizes=2000,4000", "--opt", "conflicts.nli=false",
            "--device", "cpu")
    assert r.exit_code == 0, r.output
    assert set(json.loads(r.stdout)) == {"size", "conflicts"}  # several: their figures by name
    assert [(n, o) for n, o in ran] == [("size", named.SizeOptions(sizes="2000,4000")),
                                        ("conflicts", named.ConflictsOptions(nli=False))]


def test_the_conflict_rule_bench_runs_on_the_swap_pairs_alone():
    r = cli("bench", "conflicts", "--opt", "nli=false", "--opt", "parse=false")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert set(out) == {"swaps"}  # no NLI sets read
    swaps = out["swaps"]
    assert {"dev", "orig", "by_rule"} <= set(swaps) and "heldout" not in swaps  # held-out lines only when asked
    for split in ("dev", "orig"):
        hit, n = map(int, swaps[split]["none"].split("/"))
        assert n > 0 and hit == 0  # faithful claims are never flagged
    assert sum(int(v.split("/")[0]) for k, v in swaps["dev"].items() if k != "none") > 0
