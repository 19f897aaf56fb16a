"""One data layer: the data root, Climate-FEVER's held-out rule and SciFact's parser, shared by every reader;
nothing outside claimcheck/datasets/ names a benchmark file; the index benchmark and eval retrieve rank alike."""
from __future__ import annotations

import ast
import csv
import io
import json
import zipfile
from pathlib import Path

from claimcheck.datasets import climate_fever, scifact
from claimcheck.datasets.root import data_root

from fakes import FakeEmbedder

ABSTRACT = "['It\\'s the first sentence. ', \"A \\\"quoted\\\" second.\", '   ']"


def _scifact_zip(folder: Path) -> Path:
    """A two-abstract, one-claim scifact.zip laid out as the real one."""
    (folder / "scifact").mkdir(parents=True)
    path = folder / "scifact" / "scifact.zip"
    corpus = io.StringIO()
    w = csv.DictWriter(corpus, ["doc_id", "title", "abstract", "structured"])
    w.writeheader()
    w.writerow({"doc_id": "11", "title": " Title one ", "abstract": ABSTRACT, "structured": "False"})
    w.writerow({"doc_id": "22", "title": "Two", "abstract": "['Only one.']", "structured": "False"})
    claims = io.StringIO()
    w = csv.DictWriter(claims, ["id", "claim", "evidence_doc_id", "evidence_label", "evidence_sentences", "cited_doc_ids"])
    w.writeheader()
    w.writerow({"id": "7", "claim": "A claim.", "evidence_doc_id": "11", "evidence_label": "SUPPORT",
                "evidence_sentences": "[0]", "cited_doc_ids": "[11 22]"})
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("corpus_train.csv", corpus.getvalue())
        z.writestr("claims_validation.csv", claims.getvalue())
    return path


def test_data_root_follows_claimcheck_data(monkeypatch, tmp_path):
    from claimcheck.research.evaluate.base import data_root as eval_root
    from claimcheck.research.bench.index import default_scifact_zip

    monkeypatch.setenv("CLAIMCHECK_DATA", str(tmp_path))
    assert data_root() == eval_root() == tmp_path
    assert default_scifact_zip() == tmp_path / "scifact" / "scifact.zip"  # the index benchmark too
    monkeypatch.delenv("CLAIMCHECK_DATA")
    assert data_root().parts[-2:] == ("shared", "data")


def test_abstract_parser_reads_quotes_and_escapes():
    assert scifact.abstract_sentences(ABSTRACT) == ["It's the first sentence. ", 'A "quoted" second.', "   "]
    assert scifact.abstract_text(scifact.abstract_sentences(ABSTRACT)) == "It's the first sentence.\n\nA \"quoted\" second."


def test_eval_and_index_bench_read_one_scifact_corpus(tmp_path):
    from claimcheck.research.bench.index import load_scifact_claims, load_scifact_corpus

    path = _scifact_zip(tmp_path)
    evaluated = [(d.id, d.title, d.text) for d in scifact.corpus(path.parent)]
    benched = [(d.id, d.title, d.text) for d in load_scifact_corpus(path)]
    assert evaluated == benched == [("11", "Title one", "It's the first sentence.\n\nA \"quoted\" second."),
                                    ("22", "Two", "Only one.")]
    [claim] = scifact.claims(path.parent)
    assert load_scifact_claims(path) == [claim]
    assert claim.cited_docs == ("11", "22") and claim.evidence_docs == ("11",)


def test_climate_fever_split_is_one_rule_for_eval_and_training(tmp_path):
    from claimcheck.research.train.recipe_sources import climate_fever as training_pairs

    rows = [{"claim_id": str(i), "claim": f"Claim {i}.", "claim_label": "SUPPORTS",
             "evidences": [{"evidence_id": f"e{i}", "evidence": f"Evidence {i}.", "article": "A",
                            "evidence_label": "SUPPORTS"}]} for i in range(10)]
    folder = tmp_path / "climate-fever"
    folder.mkdir()
    (folder / "climate-fever.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    held, _ = climate_fever.heldout(folder)
    fit, _ = climate_fever.heldout(folder, train=True)
    trained = {p.hypothesis for p in training_pairs(tmp_path)}
    assert [c.id for c in held] == ["0", "5"] == [r["claim_id"] for r in rows if climate_fever.is_heldout(r["claim_id"])]
    assert {c.claim for c in fit} == trained and not trained & {c.claim for c in held}


def test_frank_articles_are_one_folder_and_one_xsum_rule(tmp_path):
    from claimcheck.datasets import frank
    from claimcheck.research.evaluate.articles import load_frank
    from claimcheck.research.bench.triage import frank_articles

    folder = tmp_path / frank.ARTICLES
    folder.mkdir(parents=True)
    (folder / "10138849.json").write_text(json.dumps({"article": "A BBC story.", "Gold": "BBC summary."}))
    (folder / "9f0a.json").write_text(json.dumps({"article": "A CNN story.", "pgn_reference": "cnn summary ."}))
    assert frank.is_xsum("10138849") and not frank.is_xsum("9f0a")
    assert [e.id for e in load_frank(tmp_path / "frank", "xsum")] == ["10138849"]
    assert [e.reference for e in load_frank(tmp_path / "frank", "cnndm")] == [("cnn summary .",)]
    assert [a["id"] for a in frank_articles(tmp_path)] == ["10138849", "9f0a"]  # triage reads the same files


# ---------------------------------------------------------------- nothing outside the data layer reads benchmark files

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "claimcheck"
# File names (not set names: "climate-fever" is also a split name) of every benchmark file a reader opens.
BENCHMARK_FILES = (
    "climate-fever.jsonl", "scifact.zip", "claims_validation", "claims_train", "corpus_train", "COVIDFACT_dataset",
    "RTE-covidfact", "mturk_", "human_annotations", "articles-wbertscore-json", "summeval.jsonl", "split_wiki_data",
    "SICK.txt", "train_round", "taxinli10k", "breaking_nli_dataset", "adversarial_train_15k", "all_combined",
    "dev.raw.input", "s1.dev", "mnli/dev.csv", "rte-glue-resplit", "esnli-snli-devtest", "anli-devtest",
    "nli-datasets-salvatore", "fever-train-evidence", "summeval-ppairs",
)


def _names_data(value: str) -> bool:
    """A benchmark file's name, or a path to the shared data (help texts may mention ../shared/data)."""
    is_path = " " not in value and "shared/data" in value
    return value == "shared" or is_path or any(name in value for name in BENCHMARK_FILES)


def _code_strings_and_mod5(path: Path) -> tuple[list[tuple[int, str]], list[int]]:
    """String constants of a module that are not docstrings, and the lines comparing `x % 5` (`== 0`, `!= 0`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    strings = [(n.lineno, n.value) for n in ast.walk(tree)
               if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]
    mod5 = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Compare) and isinstance(n.left, ast.BinOp)
            and isinstance(n.left.op, ast.Mod) and isinstance(n.left.right, ast.Constant) and n.left.right.value == 5]
    return strings, mod5


def test_only_the_data_layer_names_benchmark_files_and_the_heldout_rule():
    offending = []
    for path in sorted([*PACKAGE.rglob("*.py"), *(REPO / "scripts").glob("*.py")]):
        rel = path.relative_to(REPO)
        if rel.parts[:2] == ("claimcheck", "datasets"):
            continue
        strings, mod5 = _code_strings_and_mod5(path)
        offending += [f"{rel}:{line}: {value[:60]!r}" for line, value in strings
                      if _names_data(value)]
        offending += [f"{rel}:{line}: % 5 == (the held-out rule is climate_fever.is_heldout)" for line in mod5]
    assert not offending, "benchmark files are read in claimcheck/datasets/ only:\n" + "\n".join(offending)
    assert len(list(PACKAGE.rglob("*.py"))) > 100  # the scan did see the package
    assert not (PACKAGE / "evaluate" / "readers.py").exists()


def test_the_scan_sees_a_reader_outside_the_data_layer(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('"""Reads climate-fever.jsonl (a docstring may say so)."""\n'
                   'def f(root, i):\n    return root / "climate-fever.jsonl", i % 5 == 0, "../shared/data"\n')
    strings, mod5 = _code_strings_and_mod5(bad)
    assert sorted(v for _, v in strings if _names_data(v)) == ["../shared/data", "climate-fever.jsonl"] and mod5 == [3]
    assert not _names_data("Data root; default ../shared/data or $CLAIMCHECK_DATA.")


# ---------------------------------------------------------------- the index benchmark: data root and code path


def test_index_bench_reads_scifact_under_claimcheck_data(monkeypatch, tmp_path):
    from claimcheck.research.bench.index import run_index_bench

    _scifact_zip(tmp_path)
    monkeypatch.setenv("CLAIMCHECK_DATA", str(tmp_path))
    res = run_index_bench(embedder=FakeEmbedder("test:bow", 256), latency_sizes=(), work_dir=tmp_path)
    assert res["build"]["n_documents"] == 2  # the two abstracts of the zip under $CLAIMCHECK_DATA
    assert res["quality"]["cited"]["hybrid"]["n_queries"] == 1
    assert set(res["quality"]["cited"]) == {"dense", "bm25", "rrf", "hybrid"}


def test_index_bench_quality_is_eval_retrieves_ranking(tmp_path):
    from claimcheck.research.evaluate.metrics import ranking_metrics
    from claimcheck.research.evaluate.retrieve import abstract_rankings
    from claimcheck.index import IndexStore, RetrievalConfig, build_index
    from claimcheck.research.bench.index import load_scifact_claims, load_scifact_corpus, quality_bench
    from claimcheck.index.retriever import Retriever

    path = _scifact_zip(tmp_path)
    emb, cfg = FakeEmbedder("test:bow", 256), RetrievalConfig(candidates=3)
    build_index(load_scifact_corpus(path), tmp_path / "idx", emb, cfg)
    claims = load_scifact_claims(path)
    bench = quality_bench(tmp_path / "idx", emb, claims, {"profile": cfg})["cited"]["profile"]
    store = IndexStore(tmp_path / "idx")
    ranked = abstract_rankings(Retriever(store, emb, cfg), [c.claim for c in claims])
    store.close()
    evaluated = ranking_metrics(ranked, [set(c.cited_docs) for c in claims])
    assert bench["ndcg@10"] == round(evaluated["ndcg@10"], 4) and bench["recall@5"] == round(evaluated["recall@5"], 4)
