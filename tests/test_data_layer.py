"""One data layer: the data root, Climate-FEVER's held-out rule and SciFact's parser, shared by every reader."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

from claimcheck.datasets import climate_fever, scifact
from claimcheck.datasets.root import data_root

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
    from claimcheck.evaluate.base import data_root as eval_root
    from claimcheck.index.bench import default_scifact_zip

    monkeypatch.setenv("CLAIMCHECK_DATA", str(tmp_path))
    assert data_root() == eval_root() == tmp_path
    assert default_scifact_zip() == tmp_path / "scifact" / "scifact.zip"  # the index benchmark too
    monkeypatch.delenv("CLAIMCHECK_DATA")
    assert data_root().parts[-2:] == ("shared", "data")


def test_abstract_parser_reads_quotes_and_escapes():
    assert scifact.abstract_sentences(ABSTRACT) == ["It's the first sentence. ", 'A "quoted" second.', "   "]
    assert scifact.abstract_text(scifact.abstract_sentences(ABSTRACT)) == "It's the first sentence.\n\nA \"quoted\" second."


def test_eval_and_index_bench_read_one_scifact_corpus(tmp_path):
    from claimcheck.index.bench import load_scifact_claims, load_scifact_corpus

    path = _scifact_zip(tmp_path)
    evaluated = [(d.id, d.title, d.text) for d in scifact.corpus(path.parent)]
    benched = [(d.id, d.title, d.text) for d in load_scifact_corpus(path)]
    assert evaluated == benched == [("11", "Title one", "It's the first sentence.\n\nA \"quoted\" second."),
                                    ("22", "Two", "Only one.")]
    [claim] = scifact.claims(path.parent)
    assert load_scifact_claims(path) == [claim]
    assert claim.cited_docs == ("11", "22") and claim.evidence_docs == ("11",)


def test_climate_fever_split_is_one_rule_for_eval_and_training(tmp_path):
    from claimcheck.train.recipe_sources import climate_fever as training_pairs

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
    from claimcheck.summarize.evaluate import load_frank
    from claimcheck.triage.bench import frank_articles

    folder = tmp_path / frank.ARTICLES
    folder.mkdir(parents=True)
    (folder / "10138849.json").write_text(json.dumps({"article": "A BBC story.", "Gold": "BBC summary."}))
    (folder / "9f0a.json").write_text(json.dumps({"article": "A CNN story.", "pgn_reference": "cnn summary ."}))
    assert frank.is_xsum("10138849") and not frank.is_xsum("9f0a")
    assert [e.id for e in load_frank(tmp_path / "frank", "xsum")] == ["10138849"]
    assert [e.reference for e in load_frank(tmp_path / "frank", "cnndm")] == [("cnn summary .",)]
    assert [a["id"] for a in frank_articles(tmp_path)] == ["10138849", "9f0a"]  # triage reads the same files
