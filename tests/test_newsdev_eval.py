"""`eval verify` on a labelled-claims folder (claims.jsonl + corpus.jsonl, like seeds/newsdev): the
reader and its errors, the kind metrics on crafted predictions, the evaluator with a fake pipeline,
the swap breakdown of `eval nli` on a pairs file with a "swap" field, and `eval verify` on a pairs file
(premises as the corpus, hypotheses as claims)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.core.errors import InputError, UserError
from claimcheck.research.evaluate import EvalContext, get_evaluator, locate, run_evaluator
from claimcheck.datasets import newsdev as readers
from claimcheck.research.evaluate.verify import claim_kind_metrics
from claimcheck.core.types import CONTRADICTED, NOT_ENOUGH_INFO, SUPPORTED

from fakes import FakePipeline, FakeVerifier

NEWSDEV = Path(__file__).resolve().parents[1] / "seeds" / "newsdev"

DOCS = [
    {"id": "d1", "title": "Launch", "text": "The rocket launched on 25 December 2021 from Kourou.", "date": "2021-12-25"},
    {"id": "d2", "title": "Lunch", "text": "The crew ate lunch before the launch."},
]
CLAIMS = [
    {"id": "c1", "claim": "The rocket launched from Kourou.", "label": "supported", "kind": "true", "perturbation": None, "passage": "d1"},
    {"id": "c2", "claim": "The rocket did not launch from Kourou.", "label": "contradicted", "kind": "perturbed",
     "perturbation": "negation", "passage": "d1"},
    {"id": "c3", "claim": "The rocket launched on 26 December 2021.", "label": "contradicted", "kind": "perturbed",
     "perturbation": "date", "passage": "d1"},
    {"id": "c4", "claim": "The crew did not sleep before the launch.", "label": "not_enough_info", "kind": "other_detail",
     "perturbation": None, "passage": None},
    {"id": "c5", "claim": "maybe the weather was fine", "label": "not_enough_info", "kind": "absent", "perturbation": None,
     "passage": None},
]


def _folder(tmp_path: Path, claims=CLAIMS, docs=DOCS, name="mynews", raw_lines: list[str] | None = None) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "corpus.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    lines = [json.dumps(c) for c in claims] + (raw_lines or [])
    (folder / "claims.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


# ---------------------------------------------------------------- reader


def test_claims_folder_reader_keeps_file_order_labels_and_kinds(tmp_path):
    claims, corpus, n_docs = readers.claims_folder(_folder(tmp_path))
    assert corpus.name == "corpus.jsonl" and n_docs == 2
    assert [c.id for c in claims] == ["c1", "c2", "c3", "c4", "c5"]
    assert [c.label for c in claims] == [SUPPORTED, CONTRADICTED, CONTRADICTED, NOT_ENOUGH_INFO, NOT_ENOUGH_INFO]
    assert claims[2].kind == "perturbed" and claims[2].perturbation == "date" and claims[2].evidence_docs == ("d1",)
    assert claims[3].perturbation == "" and claims[3].evidence_docs == ()


def test_claims_folder_reader_needs_only_claim_and_label(tmp_path):
    claims, _, _ = readers.claims_folder(_folder(tmp_path, claims=[{"claim": "x", "label": "REFUTES"}]))
    assert claims[0].id == "line1" and claims[0].label == CONTRADICTED and claims[0].kind == ""


@pytest.mark.parametrize("bad, what", [
    ({"id": "b", "claim": "x", "label": "true"}, "unknown label 'true'"),
    ({"id": "b", "claim": "x", "label": ""}, "unknown label ''"),
    ({"id": "b", "label": "supported"}, "missing field 'claim'"),
    ({"id": "b", "claim": "x"}, "missing field 'label'"),
    ({"id": "b", "claim": "x", "label": "supported", "kind": "perturbed"}, "kind 'perturbed' needs label 'contradicted'"),
    ({"id": "b", "claim": "x", "label": "supported", "kind": "odd"}, "unknown kind 'odd'"),
    ({"id": "b", "claim": "x", "label": "supported", "passage": "nope"}, "passage 'nope' is not a document id"),
    ({"id": "c1", "claim": "x", "label": "supported"}, "duplicate id 'c1' (first on line 1)"),
])
def test_claims_folder_reader_names_file_and_line_of_bad_input(tmp_path, bad, what):
    folder = _folder(tmp_path, raw_lines=[json.dumps(bad)])
    with pytest.raises(InputError) as e:
        readers.claims_folder(folder)
    assert str(e.value).startswith(f"{folder / 'claims.jsonl'}:6: ") and what in str(e.value)


def test_claims_folder_reader_malformed_line_and_bad_corpus(tmp_path):
    folder = _folder(tmp_path, raw_lines=["{not json"])
    with pytest.raises(InputError, match=r"claims\.jsonl:6: not valid JSON"):
        readers.claims_folder(folder)
    bad_corpus = _folder(tmp_path, docs=[{"id": "d1"}], name="other")
    with pytest.raises(InputError, match=r"corpus\.jsonl:1: missing \"text\""):
        readers.claims_folder(bad_corpus)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="corpus.jsonl: not found"):
        readers.claims_folder(tmp_path / "empty")


@pytest.mark.skipif(not NEWSDEV.is_dir(), reason="seeds/newsdev not present")
def test_newsdev_seed_reads_with_the_documented_counts():
    claims, _, n_docs = readers.claims_folder(NEWSDEV)
    assert len(claims) == 217 and n_docs == 131
    assert sum(c.kind == "perturbed" for c in claims) == 72 and sum(c.kind == "other_detail" for c in claims) == 30
    # recurring events (issue 22): claims true only for another edition, and values right for their own edition
    assert sum(c.kind == "other_edition" for c in claims) == 16 and sum(c.kind == "edition_value" for c in claims) == 25
    held = [c for c in claims if c.split == "heldout"]
    assert len(held) == 31 and all(c.id.startswith("nd-re-") for c in held)
    assert [n for n, _ in locate(get_evaluator("verify"), str(NEWSDEV), None)] == ["newsdev"]
    assert [n for n, _ in locate(get_evaluator("verify"), str(NEWSDEV.parent), None)] == ["newsdev"]


# ---------------------------------------------------------------- metrics


def test_claim_kind_metrics_on_crafted_predictions():
    gold = [SUPPORTED, SUPPORTED, CONTRADICTED, CONTRADICTED, CONTRADICTED, NOT_ENOUGH_INFO, NOT_ENOUGH_INFO, NOT_ENOUGH_INFO]
    kinds = ["true", "true", "perturbed", "perturbed", "perturbed", "other_detail", "other_detail", "absent"]
    perts = ["", "", "number", "number", "date", "", "", ""]
    pred = [SUPPORTED, CONTRADICTED, CONTRADICTED, NOT_ENOUGH_INFO, CONTRADICTED, CONTRADICTED, NOT_ENOUGH_INFO, NOT_ENOUGH_INFO]
    m = claim_kind_metrics(gold, pred, kinds, perts, attention=["", "", "", "possible_conflict", "", "", "possible_conflict", ""])
    # flagged = contradicted or a possible conflict: claims 2, 3, 4, 5, 6, 7 -> gold contradicted for 3, 4, 5
    assert m["possible_conflicts"] == 2
    assert m["flagged_precision"] == pytest.approx(0.5) and m["flagged_recall_perturbed"] == pytest.approx(1.0)
    # predicted contradicted: claims 2, 3, 5, 6 -> gold contradicted for 3 and 5 only... claim 2 is gold supported
    assert m["contradicted_precision"] == pytest.approx(0.5)  # 2 of 4
    assert m["contradicted_recall_perturbed"] == pytest.approx(2 / 3)
    assert m["recall_by_perturbation"] == {"number": pytest.approx(0.5), "date": 1.0}
    assert m["supported_rate_true"] == pytest.approx(0.5)
    assert m["other_detail_decided"] == pytest.approx(0.5) and m["other_detail_contradicted"] == pytest.approx(0.5)
    assert m["by_kind"] == {
        "true": {SUPPORTED: 1, CONTRADICTED: 1, NOT_ENOUGH_INFO: 0},
        "perturbed": {SUPPORTED: 0, CONTRADICTED: 2, NOT_ENOUGH_INFO: 1},
        "other_detail": {SUPPORTED: 0, CONTRADICTED: 1, NOT_ENOUGH_INFO: 1},
        "absent": {SUPPORTED: 0, CONTRADICTED: 0, NOT_ENOUGH_INFO: 1},
    }
    none = claim_kind_metrics([SUPPORTED], [SUPPORTED], [""], [""])  # no kinds, nothing said contradicted
    assert none["contradicted_precision"] is None and none["other_detail_decided"] is None and none["by_kind"] == {}


# ---------------------------------------------------------------- evaluator and locate


def test_verify_evaluator_on_a_user_claims_folder_with_a_fake_pipeline(tmp_path):
    folder = _folder(tmp_path)
    result = run_evaluator(get_evaluator("verify"), EvalContext(pipeline_factory=FakePipeline), str(folder), None)
    # FakePipeline: ' not ' -> contradicted, 'maybe' -> not_enough_info, else supported
    assert result.split == "mynews" and result.n == 5 and result.primary_metric == "macro_f1"
    m = result.metrics
    assert m["accuracy"] == pytest.approx(3 / 5)  # c3 (said supported) and c4 (said contradicted) are wrong
    assert m["contradicted_precision"] == pytest.approx(0.5) and m["recall_by_perturbation"] == {"negation": 1.0, "date": 0.0}
    assert m["other_detail_decided"] == 1.0 and m["supported_rate_true"] == 1.0
    assert result.config["corpus_docs"] == 2 and result.config["labels"] == [SUPPORTED, CONTRADICTED, NOT_ENOUGH_INFO]
    assert "corpus.jsonl" in result.config["corpus"]
    d = result.to_dict()
    assert d["metrics"]["by_kind"]["other_detail"][CONTRADICTED] == 1 and d["dataset"] == str(folder)

    limited = run_evaluator(get_evaluator("verify"), EvalContext(limit=2, pipeline_factory=FakePipeline), str(folder), None)
    assert limited.n == 2 and limited.config["corpus_docs"] == 2  # --limit shortens the claims, not the corpus


def test_locate_finds_claims_folders_only_where_dataset_points(tmp_path):
    ev = get_evaluator("verify")
    folder = _folder(tmp_path, name="newsdev")
    assert locate(ev, str(tmp_path), None) == [("newsdev", folder)]  # a root holding newsdev/claims.jsonl
    assert locate(ev, str(folder), "newsdev") == [("newsdev", folder)]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UserError, match="looked for .*climate-fever.jsonl.*newsdev/claims.jsonl"):
        locate(ev, str(empty), None)
    # the benchmarks stay the default sets: a claims folder is never looked for under the data root
    assert ev.default_splits == ("climate-fever", "scifact", "covid-fact")


# ---------------------------------------------------------------- eval nli: swap breakdown


def nli_pipeline(corpus=None) -> FakePipeline:
    """A FakePipeline whose verifier finds a contradiction where the hypothesis says 'not' or 'Eleven'."""
    return FakePipeline(verifier=FakeVerifier(contradict=(" not ", "Eleven")))


def test_eval_nli_breaks_down_by_swap_kind(tmp_path):
    rows = [
        {"premise": "Nine voted yes.", "hypothesis": "Nine voted yes.", "label": "entailment", "swap": "none", "group": "g1"},
        {"premise": "Nine voted yes.", "hypothesis": "Eleven voted yes.", "label": "contradiction", "swap": "number", "group": "g1"},
        {"premise": "It opened in May.", "hypothesis": "It opened in June.", "label": "contradiction", "swap": "date", "group": "g2"},
        {"premise": "It opened.", "hypothesis": "It did not open.", "label": "contradiction", "swap": "negation", "group": "g3"},
    ]
    path = tmp_path / "swaps.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = run_evaluator(get_evaluator("nli"), EvalContext(pipeline_factory=nli_pipeline), str(path), None)
    assert result.split == "swaps" and result.n == 4 and result.metrics["accuracy"] == pytest.approx(0.75)
    assert result.metrics["recall_by_swap"] == {"none": 1.0, "number": 1.0, "date": 0.0, "negation": 1.0}
    assert result.metrics["predicted_by_swap"]["date"] == {"entailment": 1, "neutral": 0, "contradiction": 0}

    plain = tmp_path / "plain.jsonl"
    plain.write_text("".join(json.dumps({k: r[k] for k in ("premise", "hypothesis", "label")}) + "\n" for r in rows))
    result = run_evaluator(get_evaluator("nli"), EvalContext(pipeline_factory=nli_pipeline), str(plain), None)
    assert "recall_by_swap" not in result.metrics  # no swap field: the output is as before


# ---------------------------------------------------------------- eval verify on a pairs file

PAIRS = [
    {"premise": "Nine voted yes.", "hypothesis": "Nine voted yes.", "label": "entailment", "swap": "none", "group": "g1"},
    {"premise": "Nine voted yes.", "hypothesis": "Nine did not vote yes.", "label": "contradiction", "swap": "negation", "group": "g1"},
    {"premise": "It opened in May.", "hypothesis": "It opened in June.", "label": "contradiction", "swap": "date", "group": "g2"},
    {"premise": "It opened in May.", "hypothesis": "It did not rain when it opened.", "label": "neutral", "group": "g2"},
    {"premise": "The river is 320 km long.", "hypothesis": "The river is 320 km long.", "label": "SUPPORTS"},
]


def _pairs_file(tmp_path: Path, rows=PAIRS, name="mypairs.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_pairs_reader_maps_labels_kinds_and_swaps(tmp_path):
    claims, docs = readers.pairs_claims(_pairs_file(tmp_path))
    assert [(d.id, d.text) for d in docs] == [("p1", "Nine voted yes."), ("p2", "It opened in May."),
                                              ("p3", "The river is 320 km long.")]
    assert [c.id for c in claims] == ["pair1", "pair2", "pair3", "pair4", "pair5"]
    assert [c.claim for c in claims] == [r["hypothesis"] for r in PAIRS]
    assert [c.label for c in claims] == [SUPPORTED, CONTRADICTED, CONTRADICTED, NOT_ENOUGH_INFO, SUPPORTED]
    assert [c.kind for c in claims] == ["true", "perturbed", "perturbed", "other_detail", "true"]
    assert [c.perturbation for c in claims] == ["", "negation", "date", "", ""]  # "none" and absent -> ""
    assert [c.evidence_docs for c in claims] == [("p1",), ("p1",), ("p2",), ("p2",), ("p3",)]
    assert claims[2].event == "g2" and claims[4].event == ""


def test_pairs_reader_errors(tmp_path):
    bad = _pairs_file(tmp_path, rows=[PAIRS[0], {"premise": "x", "hypothesis": "y", "label": 2}], name="bad.jsonl")
    with pytest.raises(InputError, match=r"bad\.jsonl:2: unknown label 2"):
        readers.pairs_claims(bad)
    claims_file = _folder(tmp_path) / "claims.jsonl"
    with pytest.raises(InputError, match=r"claims\.jsonl:1: a claims file, not NLI pairs: pass its folder"):
        readers.pairs_claims(claims_file)


def test_verify_evaluator_on_a_pairs_file_with_a_fake_pipeline(tmp_path):
    path = _pairs_file(tmp_path)
    ev = get_evaluator("verify")
    assert locate(ev, str(path), None) == [("mypairs", path)]
    ctx = EvalContext(pipeline_factory=FakePipeline)
    result = run_evaluator(ev, ctx, str(path), None)
    # FakePipeline: ' not ' -> contradicted, else supported; the date swap and the neutral pair are wrong
    assert result.split == "mypairs" and result.n == 5 and result.primary_metric == "macro_f1"
    m = result.metrics
    assert m["accuracy"] == pytest.approx(3 / 5)
    assert m["recall_by_perturbation"] == {"date": 0.0, "negation": 1.0}
    assert m["supported_rate_true"] == 1.0 and m["contradicted_recall_perturbed"] == pytest.approx(0.5)
    assert m["other_detail_contradicted"] == 1.0
    assert m["by_kind"]["perturbed"] == {SUPPORTED: 1, CONTRADICTED: 1, NOT_ENOUGH_INFO: 0}
    assert result.config["corpus_docs"] == 3 and result.config["labels"] == [SUPPORTED, CONTRADICTED, NOT_ENOUGH_INFO]
    assert "mypairs.jsonl" in result.config["corpus"]
    # the corpus the pipeline searched: one document per distinct premise, written to the work dir
    (corpus,) = [k for k in ctx._pipes if k]
    assert Path(corpus).parent == ctx.work_dir() and Path(corpus).name.startswith("mypairs-")
    lines = [json.loads(l) for l in Path(corpus).read_text(encoding="utf-8").splitlines()]
    assert lines == [{"id": "p1", "text": "Nine voted yes."}, {"id": "p2", "text": "It opened in May."},
                     {"id": "p3", "text": "The river is 320 km long."}]

    limited = run_evaluator(ev, EvalContext(limit=2, pipeline_factory=FakePipeline), str(path), None)
    assert limited.n == 2 and limited.config["corpus_docs"] == 3  # --limit shortens the claims, not the corpus
    assert limited.config["labels"] == [SUPPORTED, CONTRADICTED, NOT_ENOUGH_INFO]

    swaps_only = _pairs_file(tmp_path, rows=PAIRS[:3], name="two.jsonl")
    two = run_evaluator(ev, EvalContext(pipeline_factory=FakePipeline), str(swaps_only), None)
    assert two.config["labels"] == [SUPPORTED, CONTRADICTED] and two.metrics["other_detail_decided"] is None
    # eval nli still takes the same file
    nli = run_evaluator(get_evaluator("nli"), EvalContext(pipeline_factory=nli_pipeline), str(path), None)
    assert nli.split == "mypairs" and nli.n == 5 and "recall_by_swap" in nli.metrics


@pytest.mark.skipif(not (NEWSDEV / "swaps.jsonl").is_file(), reason="seeds/newsdev not present")
def test_newsdev_swaps_read_as_claims():
    claims, docs = readers.pairs_claims(NEWSDEV / "swaps.jsonl")
    assert len(claims) == 756 and len(docs) == 378
    assert sum(c.kind == "true" for c in claims) == 378
    perts = [c.perturbation for c in claims if c.kind == "perturbed"]
    assert {p: perts.count(p) for p in readers.PERTURBATIONS} == {
        p: {"place": 86, "vehicle": 61, "person": 33, "ordinal": 42, "comparative": 34, "negation": 34}.get(p, 22)
        for p in readers.PERTURBATIONS}
    # part of each slot kind added for issue 23 is held out from tuning, both pairs of a group alike
    held = [c for c in claims if c.split == "heldout"]
    assert len(held) == 146 and {c.perturbation for c in held if c.kind == "perturbed"} == {
        "place", "distance", "vehicle", "person", "ordinal", "comparative"}
