"""eval claims: matching and metrics on crafted vectors, the self-containedness regex, the gold reader."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claimcheck.core.errors import InputError
from claimcheck.research.evaluate import TASKS, get_evaluator, locate
from claimcheck.research.evaluate.claims import (
    MatchCounts, article_names, containment_stats, length_stats, match_counts, score_articles, self_containment, similarity,
)
from claimcheck.datasets.claims_gold import article_text as gold_article_text
from claimcheck.datasets.claims_gold import facts as claims_gold

from fakes import FakeEmbedder, FakePipeline

REPO = Path(__file__).resolve().parents[1]


def _unit(*rows):
    a = np.asarray(rows, dtype=np.float32)
    return a / np.linalg.norm(a, axis=1, keepdims=True)


def test_coverage_is_exactly_two_thirds():
    facts = _unit([1, 0, 0], [0, 1, 0], [0, 0, 1])
    claims = _unit([1, 0.1, 0], [0, 1, 0.2], [1, 1, 1])  # the third is ~0.577 from every fact
    sims = similarity(claims, facts)
    got = match_counts(sims, 0.75)
    assert got == MatchCounts(facts=3, facts_matched=2, claims=3, claims_matched=2)
    assert got.coverage == pytest.approx(2 / 3) and got.precision == pytest.approx(2 / 3)
    assert got.f1 == pytest.approx(2 / 3)


def test_threshold_is_inclusive_and_matching_not_one_to_one():
    sims = np.array([[0.75, 0.80], [0.749, 0.10]], dtype=np.float32)  # claim 0 matches both facts
    assert match_counts(sims, 0.75) == MatchCounts(2, 2, 2, 1)
    assert match_counts(sims, 0.80) == MatchCounts(2, 1, 2, 1)


def test_scores_pool_articles_and_name_thresholds():
    a = np.array([[0.9, 0.2], [0.1, 0.72]], dtype=np.float32)  # 2 facts, 2 claims
    b = np.zeros((0, 3), dtype=np.float32)  # an article with 3 facts and no claims
    got = score_articles([a, b])
    assert got["coverage"] == pytest.approx(1 / 5) and got["precision"] == pytest.approx(1 / 2)
    assert got["coverage@0.70"] == pytest.approx(2 / 5) and got["precision@0.70"] == pytest.approx(1.0)
    assert got["f1"] == pytest.approx(2 / 7)  # between coverage 1/5 and precision 1/2
    assert score_articles([np.zeros((0, 0))])["coverage"] is None


def test_empty_sides():
    assert similarity(np.zeros((0, 4)), _unit([1, 0, 0, 0])).shape == (0, 1)
    assert match_counts(np.zeros((2, 0)), 0.75) == MatchCounts(0, 0, 2, 0)


@pytest.mark.parametrize("text, pronoun, opening, plural", [
    ("He had performed in Istanbul on Valentine's Day.", True, True, False),
    ("(CNN)They may not be aliens.", True, True, False),
    ("Kayahan was best known for his love songs.", True, False, False),
    ("It revealed flaws in government systems.", True, True, False),
    ('"We love it and them," Kim Rose said.', False, False, False),
    ("Mr Rose said: 'They told me to watch it.'", False, False, False),
    ("Mr Rose said: 'They told me", False, False, False),  # unclosed quote runs to the end
    ("Turkey's capital is Ankara.", False, False, False),
    ("The two met in Paris.", False, False, True),
    ("Investigators said the two men fled.", False, False, True),
    ("Both leaders agreed on a ceasefire.", False, False, True),
    ("Both sides appear ready.", False, False, True),
    ("Higgins monitored the two TSA officers.", False, False, False),
    ("The two-year-old boy fell into the exhibit.", False, False, False),
    ("The law took the two years to pass.", False, False, False),
    ("Both Kim Rose and Jesse Norman were questioned.", False, False, False),
    ("The theme is hiss and shell.", False, False, False),  # no pronoun inside other words
])
def test_self_containment(text, pronoun, opening, plural):
    got = self_containment(text)
    assert (got["pronoun"], got["opening_pronoun"], got["plural_ref"]) == (pronoun, opening, plural)
    assert got["not_self_contained"] == (got["unresolved_pronoun"] or plural)


@pytest.mark.parametrize("text,unresolved", [
    ("Kim Rose said he would appeal.", False),
    ("Kayahan Acar was best known for his love songs.", False),
    ("The officers did not release their names.", True),
    ("According to police, he fled.", True),
    ("It revealed flaws in government systems.", True),
])
def test_unresolved_pronoun(text, unresolved):
    assert self_containment(text)["unresolved_pronoun"] is unresolved


def test_first_word_is_a_name_only_if_the_article_says_so():
    names = article_names("Officers questioned Kim Rose. Police said Kim Rose, a candidate, met Jesse Norman.")
    assert {"Kim", "Rose", "Jesse", "Norman"} <= names and "Police" not in names
    assert self_containment("Supporters said it was right.", names)["unresolved_pronoun"] is True
    assert self_containment("Jesse Norman said he was proud.", names)["unresolved_pronoun"] is False


def test_shares_and_lengths():
    texts = ["He left.", "Kim Rose left Southampton on Friday.", "The two met.", "Police said so."]
    stats = containment_stats(texts, "")
    assert stats["not_self_contained_share"] == 0.5 and stats["pronoun_share"] == 0.25
    assert stats["plural_ref_share"] == 0.25
    assert length_stats(texts, "claim") == {"claim_words_median": 3.0, "claim_words_mean": 3.5}  # 2, 6, 3, 3 words
    assert length_stats([], "gold")["gold_words_median"] is None


def _write(folder: Path, rows: list) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [r if isinstance(r, str) else json.dumps(r) for r in rows]
    (folder / "facts.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_reader_groups_by_article_in_order(tmp_path):
    folder = _write(tmp_path / "gold", [
        {"article": "bbb", "id": "b-1", "fact": "  A  fact. ", "sentence": 0},
        {"article": "aaa", "id": "a-1", "fact": "Another fact.", "sentence": 3},
        "",
        {"article": "bbb", "id": "b-2", "fact": "Third.", "sentence": 1},
    ])
    got = claims_gold(folder)
    assert [a for a, _ in got] == ["bbb", "aaa"]
    assert [f.id for f in got[0][1]] == ["b-1", "b-2"] and got[0][1][0].fact == "A fact."
    assert got[1][1][0].sentence == 3


@pytest.mark.parametrize("bad, what", [
    ("{not json", "not valid JSON"),
    ({"article": "aaa", "id": "x", "fact": "F."}, "missing field 'sentence'"),
    ({"article": "aaa", "id": "a-1", "fact": "F.", "sentence": 0}, "duplicate id"),
    ({"article": "aaa", "id": "y", "fact": " ", "sentence": 0}, "fact"),
    ({"article": "aaa", "id": "y", "fact": "F.", "sentence": -1}, "sentence"),
    ({"article": "aaa", "id": "y", "fact": "F.", "sentence": True}, "sentence"),
    ({"article": "../x", "id": "y", "fact": "F.", "sentence": 0}, "article"),
])
def test_reader_bad_line_names_file_and_line(tmp_path, bad, what):
    folder = _write(tmp_path / "gold", [{"article": "aaa", "id": "a-1", "fact": "F.", "sentence": 0}, bad])
    with pytest.raises(InputError) as e:
        claims_gold(folder)
    assert "facts.jsonl:2: " in str(e.value) and what in str(e.value)


def test_article_text_local_then_data_root(tmp_path):
    folder = _write(tmp_path / "gold", [{"article": "aaa", "id": "a-1", "fact": "F.", "sentence": 0}])
    data = tmp_path / "data"
    (data / "frank" / "articles-wbertscore-json").mkdir(parents=True)
    (data / "frank" / "articles-wbertscore-json" / "aaa.json").write_text(json.dumps({"article": "From FRANK."}))
    assert gold_article_text(folder, "aaa", data)[0] == "From FRANK."
    (folder / "articles").mkdir()
    (folder / "articles" / "aaa.txt").write_text("Local text.", encoding="utf-8")
    assert gold_article_text(folder, "aaa", data)[0] == "Local text."
    with pytest.raises(InputError, match="bbb"):
        gold_article_text(folder, "bbb", data)


def test_registered_and_default_gold_in_repo():
    assert "claims" in TASKS
    ev = get_evaluator("claims")
    [(name, path)] = locate(ev, None, None)
    assert name == "claims-gold" and path == REPO / "seeds" / "claims-gold"
    gold = claims_gold(path)
    assert len(gold) == 5 and all(15 <= len(facts) <= 40 for _, facts in gold)
    facts = [f.fact for _, fs in gold for f in fs]
    assert containment_stats(facts, "")["not_self_contained_share"] == 0.0


def test_eval_all_keeps_the_repo_gold_for_a_data_root(tmp_path):
    from claimcheck.cli.eval_cmd import _dataset_for

    ev = get_evaluator("claims")
    assert _dataset_for(ev, str(tmp_path)) is None
    _write(tmp_path / "claims-gold", [{"article": "aaa", "id": "a-1", "fact": "F.", "sentence": 0}])
    assert _dataset_for(ev, str(tmp_path)) == str(tmp_path)
    assert _dataset_for(get_evaluator("nli"), str(tmp_path)) == str(tmp_path)


def test_evaluator_end_to_end_with_a_fake_pipeline(tmp_path):
    from claimcheck.research.evaluate import EvalContext, run_evaluator

    folder = _write(tmp_path / "mygold", [
        {"article": "a1", "id": "a1-f1", "fact": "Fact one.", "sentence": 0},
        {"article": "a1", "id": "a1-f2", "fact": "Fact two.", "sentence": 1},
        {"article": "a1", "id": "a1-f3", "fact": "Fact three.", "sentence": 9},
    ])
    (folder / "articles").mkdir()
    (folder / "articles" / "a1.txt").write_text("He said fact one.\nFact two here.\n?Is it?\n", encoding="utf-8")
    vec = {"Fact one.": [1, 0, 0], "Fact two.": [0, 1, 0], "Fact three.": [0, 0, 1],
           "He said fact one.": [1, 0, 0], "Fact two here.": [0.6, 0.8, 0]}
    ctx = EvalContext(pipeline_factory=lambda corpus: FakePipeline(embedder=FakeEmbedder(dim=3, vectors=vec)))
    r = run_evaluator(get_evaluator("claims"), ctx, str(folder))
    m = r.metrics
    assert r.task == "claims" and r.n == 1 and r.primary_metric == "f1"
    assert m["coverage"] == pytest.approx(2 / 3) and m["precision"] == pytest.approx(1.0)  # 0.8 >= 0.75
    assert m["coverage@0.80"] == pytest.approx(2 / 3) and m["coverage@0.70"] == pytest.approx(2 / 3)
    assert m["checkworthy_claims"] == 2 and m["claims"] == 3 and m["gold_facts"] == 3
    assert m["pronoun_share"] == 0.5 and m["opening_pronoun_share"] == 0.5
    assert m["by_article"][0]["missed_facts"] == ["a1-f3"]
    assert r.config["facts_sentence_out_of_range"] == 1
    assert r.to_dict()["metrics"]["f1"] == pytest.approx(0.8)
