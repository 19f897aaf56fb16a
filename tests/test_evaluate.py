"""`claimcheck eval`: metrics on hand-computed examples, benchmark readers on the real files,
evaluators with fake pipelines, the CLI (JSON shape, missing data, report)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import _register
from claimcheck.research.evaluate import EvalContext, EvalResult, get_evaluator, read_result, run_evaluator
from claimcheck.research.evaluate import metrics as M
from claimcheck.datasets import climate_fever, covid_fact, qags, scifact
from claimcheck.datasets import frank as frank_data
from claimcheck.core.types import CONTRADICTED, NOT_ENOUGH_INFO, SUPPORTED

from fakes import FakePipeline, climate_folder

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "data"
needs_shared = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data (the public benchmark data) is not beside this clone")

runner = CliRunner()


def cli(*args, env=None):
    return runner.invoke(_register(), [str(a) for a in args], env=env)


# ---------------------------------------------------------------- metrics (worked by hand)


def test_macro_f1_and_per_label_by_hand():
    gold = ["a", "a", "b", "b", "c", "c"]
    pred = ["a", "b", "b", "b", "c", "a"]
    # a: P 1/2 R 1/2 F 1/2; b: P 2/3 R 1 F 0.8; c: P 1 R 1/2 F 2/3
    assert M.macro_f1(gold, pred, ["a", "b", "c"]) == pytest.approx(0.6556, abs=1e-4)  # the mean of the three
    pl = M.per_label(gold, pred, ["a", "b", "c"])
    assert pl["b"]["precision"] == pytest.approx(2 / 3) and pl["b"]["recall"] == 1.0
    assert M.accuracy(gold, pred) == pytest.approx(4 / 6)
    assert M.confusion_matrix(gold, pred, ["a", "b", "c"]) == [[1, 1, 0], [0, 2, 0], [1, 0, 1]]


def test_macro_f1_counts_predictions_outside_the_gold_labels_as_misses():
    gold = [SUPPORTED, CONTRADICTED]
    pred = [NOT_ENOUGH_INFO, CONTRADICTED]
    # supported: no true positive -> F1 0; contradicted: P 1 R 1 -> F1 1
    assert M.macro_f1(gold, pred, [SUPPORTED, CONTRADICTED]) == pytest.approx(0.5)
    assert M.balanced_accuracy(gold, pred) == pytest.approx(0.5)


def test_expected_calibration_error_by_hand():
    # bin [0.9, 1.0): confidence 0.9, accuracy 0.5 -> 0.4 x 1/2; bin [0.6, 0.7): 0.6 vs 1.0 -> 0.4 x 1/2
    assert M.expected_calibration_error([0.9, 0.9, 0.6, 0.6], [True, False, True, True]) == pytest.approx(0.4)
    assert M.expected_calibration_error([1.0, 1.0], [True, True]) == pytest.approx(0.0)


def test_ndcg_recall_and_mrr_by_hand():
    ranked = ["x", "r1", "y", "r2"]
    rel = {"r1", "r2", "r3"}
    # DCG: hits at ranks 2 and 4 -> 0.6309 + 0.4307 = 1.0616; ideal: ranks 1-3 -> 1 + 0.6309 + 0.5 = 2.1309
    assert M.ndcg_at_k(ranked, rel, 10) == pytest.approx(0.4982, abs=1e-4)
    assert M.recall_at_k(ranked, rel, 2) == pytest.approx(1 / 3)
    assert M.reciprocal_rank(ranked, rel) == 0.5
    assert M.reciprocal_rank(ranked, rel, k=1) == 0.0
    agg = M.ranking_metrics([ranked, ["r9"]], [rel, {"r9"}], ks=(1,))
    assert agg["recall@1"] == pytest.approx(0.5) and agg["mrr@10"] == pytest.approx(0.75)


def test_spearman_with_ties_and_pearson_by_hand():
    # ranks of y: 1, 2, 3.5, 5, 3.5 -> rho = 8 / sqrt(10 * 9.5)
    assert M.spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) == pytest.approx(0.8208, abs=1e-4)
    assert M.pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert M.spearman([1, 1, 1], [1, 2, 3]) is None  # constant input: undefined, not 0


def test_roc_auc_by_hand_with_a_tie():
    assert M.roc_auc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == pytest.approx(0.75)
    assert M.roc_auc([0.5, 0.5], [True, False]) == pytest.approx(0.5)
    assert M.roc_auc([0.2, 0.3], [True, True]) is None


# ---------------------------------------------------------------- readers on the real files


@needs_shared
def test_verification_readers_match_the_documented_counts():
    claims, docs = climate_fever.heldout(DATA / "climate-fever")
    assert len(claims) == 268 and all(int(c.id) % 5 == 0 for c in claims)
    assert sum(c.label == SUPPORTED for c in claims) == 132  # majority share 0.49
    assert len({d.id for d in docs}) == len(docs) >= 5 * len(claims) - 50

    dev = scifact.claims(DATA / "scifact", "dev")
    counts = {v: sum(c.label == v for c in dev) for v in (SUPPORTED, CONTRADICTED, NOT_ENOUGH_INFO)}
    assert len(dev) == 300 and counts == {SUPPORTED: 124, CONTRADICTED: 64, NOT_ENOUGH_INFO: 112}
    assert sum(bool(c.evidence_docs) for c in dev) == 188 and all(c.cited_docs for c in dev)

    covid, evidence, skipped = covid_fact.test(DATA / "covid-fact")
    assert len(covid) + skipped == 404 and len(covid) >= 400
    assert {c.label for c in covid} == {SUPPORTED, CONTRADICTED} and evidence


@needs_shared
def test_scifact_corpus_keeps_every_sentence():
    docs = scifact.corpus(DATA / "scifact")
    assert len(docs) == 5183
    assert sum(d.text.count("\n\n") + 1 for d in docs) == 45952  # SOURCE.md's sentence count
    ids = {d.id for d in docs}
    assert all(set(c.cited_docs) <= ids for c in scifact.claims(DATA / "scifact"))


@needs_shared
def test_summary_factuality_readers():
    cnn = qags.summaries(DATA / "qags", "cnndm")
    assert len(cnn) == 235 and sum(len(x.sentences) for x in cnn) == 714
    assert all(len(x.sentences) == len(x.consistent) for x in cnn)
    frank = frank_data.annotations(DATA / "frank", "test")
    assert len(frank) == 1575 and all(0.0 <= x.factuality <= 1.0 and x.sentences for x in frank)


# ---------------------------------------------------------------- evaluators with fakes


def test_verify_evaluator_on_a_crafted_set_with_a_fake_pipeline(tmp_path):
    folder = climate_folder(tmp_path)
    ctx = EvalContext(pipeline_factory=FakePipeline)
    result = run_evaluator(get_evaluator("verify"), ctx, str(folder), None)
    # held out: ids 0, 5, 10, 15 (20 is DISPUTED, 3 is not % 5); one error (15: gold supported, said contradicted)
    assert result.split == "climate-fever" and result.n == 4
    assert result.metrics["accuracy"] == pytest.approx(0.75)
    assert result.metrics["contradiction_recall"] == 1.0
    assert result.metrics["predicted"] == {SUPPORTED: 1, CONTRADICTED: 2, NOT_ENOUGH_INFO: 1}
    assert result.metrics["majority_label"] == SUPPORTED and result.metrics["majority_accuracy"] == 0.5
    assert result.config["corpus_docs"] == 5  # the DISPUTED claim's evidence stays as a distractor

    limited = run_evaluator(get_evaluator("verify"), EvalContext(limit=2, pipeline_factory=FakePipeline), str(folder), None)
    assert limited.n == 2 and limited.metrics["accuracy"] == 1.0  # the first two held-out claims in file order


def test_retrieve_ranks_documents_by_their_best_passage():
    from claimcheck.research.evaluate.retrieve import doc_ranking

    assert doc_ranking(["d2", "d1", "d2", "d3"], 2) == ["d2", "d1"]


def test_nli_metrics_score_binary_sets_entailment_vs_rest():
    import numpy as np

    from claimcheck.research.evaluate.nli import nli_metrics

    probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.2, 0.7], [0.2, 0.6, 0.2], [0.6, 0.3, 0.1]])
    gold = ["entailment", "neutral", "neutral", "neutral"]  # binary sets carry "neutral" for not-entailed
    m = nli_metrics(gold, probs, binary=True)
    assert m["accuracy"] == pytest.approx(0.75)  # the contradiction argmax counts as not_entailment: correct
    assert m["confusion"]["labels"] == ["entailment", "not_entailment"]
    assert m["roc_auc"] == pytest.approx(1.0)
    three = nli_metrics(gold, probs, binary=False)
    assert three["accuracy"] == pytest.approx(0.5) and "ece" in three


def test_cuda_runs_scale_batch_sizes_without_touching_the_loaded_profile():
    from claimcheck.research.evaluate.base import scaled_batches
    from claimcheck.profiles import load_profile

    prof = load_profile("offline")
    before = prof.role("embedder").get("batch_size")
    big = scaled_batches(prof, 4)
    assert before == 64 and prof.role("verifier").get("batch_size") == 32  # the offline profile's batches
    assert big.role("embedder").get("batch_size") == 256 and big.role("verifier").get("batch_size") == 128
    assert load_profile("offline").role("embedder").get("batch_size") == before


def test_half_precision_converts_only_float32_torch_modules():
    import types

    import torch

    from claimcheck.research.evaluate.base import _half_precision

    pipe = types.SimpleNamespace(verifier=types.SimpleNamespace(model=torch.nn.Linear(4, 3)),
                                 embedder=types.SimpleNamespace(model="not a module"))
    _half_precision(pipe)
    assert pipe.verifier.model.weight.dtype == torch.float16 and pipe.embedder.model == "not a module"


# ---------------------------------------------------------------- CLI


@needs_shared
def test_cli_eval_nli_writes_the_documented_json(tmp_path):
    out = tmp_path / "f.json"
    r = cli("eval", "nli", "--limit", "20", "--output", out)
    assert r.exit_code == 0, r.output
    d = json.loads(out.read_text())
    for key in ("task", "dataset", "split", "n", "metrics", "primary_metric", "models", "device", "seconds"):
        assert key in d
    assert d["task"] == "nli" and d["device"] == "cpu" and "verifier" in d["models"]
    assert d["primary_metric"] in d["metrics"] and 0.0 <= d["metrics"][d["primary_metric"]] <= 1.0
    sets = {s["split"]: s for s in d["splits"]}
    assert {"sick-test", "rte-dev", "fever-nli-dev", "anli-dev-r3", "mnli-dev-mm"} <= set(sets)
    assert d["n"] == 20 * len(sets) and all(s["n"] == 20 for s in sets.values())
    sick = sets["sick-test"]["metrics"]
    assert sum(map(sum, sick["confusion"]["matrix"])) == 20
    assert sets["rte-dev"]["metrics"]["confusion"]["labels"] == ["entailment", "not_entailment"]
    assert read_result(out).leaves()[0].split == "sick-test"  # the report can read it back


def test_cli_missing_dataset_is_one_line_and_exit_2(tmp_path):
    env = {"CLAIMCHECK_DATA": str(tmp_path / "nowhere")}
    r = cli("eval", "verify", env=env)
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claimcheck: error: no data for eval verify") and "--dataset" in lines[0]
    r = cli("eval", "retrieve", "--dataset", tmp_path / "missing")
    assert r.exit_code == 2 and "no such file or folder" in r.stderr
    r = cli("eval", "nli", "--split", "no-such-set", env=env)
    assert r.exit_code == 2 and "unknown set 'no-such-set'" in r.stderr
    r = cli("eval", "all", env=env)
    assert r.exit_code == 2 and r.stderr.count("skipped") == 6  # claims too: its articles are in the data root


def _result(task, split, primary, value, **metrics) -> dict:
    return EvalResult(task, "/data/x", split, 50, {primary: value, **metrics}, primary, {"verifier": "v1"}, "cpu", 1.0,
                      {"limit": 50}).to_dict()


def test_cli_eval_report_puts_rows_beside_reference_points(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(_result("retrieve", "scifact", "ndcg@10", 0.7012, **{"recall@100": 0.93})))
    b.write_text(json.dumps(_result("verify", "climate-fever", "macro_f1", 0.3333, accuracy=0.5)))
    out = tmp_path / "report.md"
    r = cli("eval", "report", a, b, "--output", out)
    assert r.exit_code == 0, r.output
    text = out.read_text()
    rows = [l for l in text.splitlines() if l.startswith("| retrieve") or l.startswith("| verify")]
    assert len(rows) == 2
    assert "0.701" in rows[0] and "recall@100 0.930" in rows[0] and "BEIR" in rows[0] and "0.665" in rows[0]
    assert "0.333" in rows[1] and "0.388" in rows[1] and "macro-F1 0.22" in rows[1]
    assert "(limit 50)" in rows[0] and "first N items" in text

    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    r = cli("eval", "report", bad)
    assert r.exit_code == 2 and "not a claimcheck eval result" in r.stderr



def test_frank_correlations_are_also_given_within_each_dataset():
    from claimcheck.research.evaluate.faithfulness import frank_metrics
    from claimcheck.datasets.records import LabelledSummary

    def item(ds, factuality):
        return LabelledSummary(f"{ds}{factuality}", "a", "text", ("s",), factuality=factuality, system=f"{ds}:bart")

    items = [item("cnndm", f) for f in (0.7, 0.8, 0.9)] + [item("bbc", f) for f in (0.1, 0.2, 0.3)]
    probs = [0.7, 0.6, 0.5, 0.1, 0.2, 0.3]  # pooled: high with high; within CNN/DM: reversed
    m = frank_metrics(items, [[("ok", p)] for p in probs])
    assert m["spearman"] > 0.3
    assert m["spearman_cnndm"] == pytest.approx(-1.0) and m["spearman_bbc"] == pytest.approx(1.0)


@needs_shared
@pytest.mark.slow  # every task on the real data and the offline models: about 3 minutes on 2 idle cores
def test_eval_all_smoke_on_the_real_data(tmp_path):
    """What CI's smoke of the suite is: each task with --limit 50, results written and readable by the report."""
    r = cli("eval", "all", "--limit", "50", "--output-dir", tmp_path)
    assert r.exit_code == 0, r.output
    got = {t: read_result(tmp_path / f"{t}.json") for t in ("nli", "verify", "retrieve", "summarize", "faithfulness")}
    leaves = {(x.task, x.split): x.metrics for res in got.values() for x in res.leaves()}
    # figures well above chance, far from a broken model (each has a documented full-set value in the README)
    assert leaves[("nli", "sick-test")]["macro_f1"] > 0.65
    assert leaves[("nli", "fever-nli-dev")]["accuracy"] > 0.75
    assert leaves[("retrieve", "scifact")]["ndcg@10"] > 0.6
    assert leaves[("summarize", "cnndm")]["rouge1"] > 35 and leaves[("summarize", "xsum")]["rouge1"] > 12
    assert leaves[("verify", "climate-fever")]["macro_f1"] > 0.35
    assert leaves[("faithfulness", "qags-cnndm")]["roc_auc"] > 0.55
    report = (tmp_path / "report.md").read_text()
    assert report.count("(limit 50)") >= 10 and "| verify" in report and "| faithfulness" in report
