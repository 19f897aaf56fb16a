"""NLI training recipe: synthetic contradictions, leak guard, grouped split, determinism."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from claimcheck.datasets import Pair, load_heldout
from claimcheck.research.train import synth
from claimcheck.research.train.recipe import balance, balance_per_source, build_recipe, dedupe, is_dev, norm, waterfill

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "data"
needs_shared = pytest.mark.skipif(not DATA.is_dir(), reason=f"public data not found at {DATA}")
RNG = random.Random(0)
SMALL_SOURCES = ["sick", "climate-fever", "fever", "covid-fact"]


def test_number_change_really_changes_the_number() -> None:
    for text in ["The film earned 12 million dollars.", "He had 3,000 soldiers.", "It was released in 1998."]:
        new = synth.change_number(text, random.Random(1))
        assert new is not None and new != text
        assert re.findall(r"[\d,]+", new) != re.findall(r"[\d,]+", text)
        assert re.sub(r"[\d,]+", "#", new) == re.sub(r"[\d,]+", "#", text)  # only the number moved
    assert synth.change_number("No digits here at all.", random.Random(1)) is None


def test_negation_flips_both_ways() -> None:
    assert synth.flip_negation("She is a singer.", RNG) == "She is not a singer."
    assert synth.flip_negation("She is not a singer.", RNG) == "She is a singer."
    assert synth.flip_negation("He didn't win the race.", RNG) == "He did win the race."
    assert synth.flip_negation("Dolphins have been found dead.", RNG) == "Dolphins have not been found dead."
    assert synth.flip_negation("The Beatles formed in Liverpool.", RNG) == \
        "It is not true that the Beatles formed in Liverpool."


def test_ordinal_and_comparative() -> None:
    new = synth.change_ordinal("It was the first album of the band.", RNG)
    assert new is not None and "first" not in new and new.startswith("It was the ")
    assert synth.flip_comparative("Prices rose more than wages.", RNG) == "Prices rose less than wages."
    assert synth.flip_comparative("Warming is higher at the poles.", RNG) == "Warming is lower at the poles."


def test_entity_swap_keeps_type_and_spares_the_subject() -> None:
    bank = synth.EntityBank()
    bank.add("GPE", "London")
    text = "Paris Hilton was born in New York."
    ents = [("PERSON", 0, 12), ("GPE", 25, 33)]
    assert synth.swap_entity(text, ents, bank, random.Random(0)) == "Paris Hilton was born in London."
    assert synth.swap_entity("Paris is big.", [("GPE", 0, 5)], bank, random.Random(0)) is None


def test_contradictions_are_grounded_in_the_premise() -> None:
    pairs = [Pair("The bridge opened in 1932 and is 500 m long.", "The bridge opened in 1932.", "entailment", "t"),
             Pair("A bridge crosses the river.", "The bridge has 3 lanes.", "entailment", "t"),
             Pair("A bridge crosses the river.", "A bridge crosses the river.", "neutral", "t")]
    out = synth.make_contradictions(pairs * 1, 10, seed=3)
    hyps = {p.hypothesis for p in out}
    assert all(p.label == "contradiction" and p.source == "synth" for p in out)
    # the 3-lanes claim is not stated by its premise, so changing the number is not a contradiction
    assert not any("lanes" in h and "not" not in h for h in hyps)
    assert any("1932" not in h and "opened in" in h for h in hyps)


def test_dedupe_drops_copies_and_label_conflicts() -> None:
    a = Pair("P.", "H.", "entailment", "x")
    kept, dropped = dedupe([a, Pair("p", "h", "entailment", "y"), Pair("Q", "H", "neutral", "x"),
                            Pair("q.", "h", "contradiction", "x")])
    assert kept == [a] and dropped == 3


def test_grouped_split_keeps_a_claim_on_one_side() -> None:
    pairs = [Pair(f"premise {i}", f"claim {i % 300}", "neutral", "x") for i in range(3000)]
    sides: dict[str, set[bool]] = {}
    for p in pairs:
        sides.setdefault(p.hypothesis, set()).add(is_dev(p, 13))
    assert all(len(s) == 1 for s in sides.values())
    assert 0 < sum(is_dev(p, 13) for p in pairs) < 300


def test_waterfill_and_balance() -> None:
    assert waterfill({"a": 100, "b": 5}, {}, 50) == {"a": 45, "b": 5}
    assert sum(waterfill({"a": 100, "b": 100}, {"a": 3.0}, 80).values()) == 80
    pairs = [Pair(str(i), "h", lab, "s") for i, lab in enumerate(["entailment"] * 9 + ["neutral"] * 5 +
                                                                    ["contradiction"] * 7)]
    out = balance(pairs, 4, {}, random.Random(0))
    assert sorted(p.label for p in out).count("neutral") == 4 and len(out) == 12


def test_per_source_balance_gives_each_source_equal_labels_and_drops_one_label_sources() -> None:
    def make(src, counts):
        return [Pair(f"{src}{lab}{i}", "h", lab, src) for lab, n in counts.items() for i in range(n)]

    pairs = (make("a", {"entailment": 9, "neutral": 5, "contradiction": 7})
             + make("b", {"entailment": 50, "neutral": 50, "contradiction": 50})
             + make("rte", {"entailment": 30}))  # one label only: its topic would predict it
    out = balance_per_source(pairs, {"a": 100, "b": 10, "rte": 100}, random.Random(0))
    by = {(p.source, p.label) for p in out}
    assert not any(src == "rte" for src, _ in by)
    for src, n in (("a", 5), ("b", 10)):
        assert all(sum(p.source == src and p.label == lab for p in out) == n
                   for lab in ("entailment", "neutral", "contradiction"))


def test_hard_pairs_overlap_and_news_guard() -> None:
    from claimcheck.research.train import hard_pairs

    assert hard_pairs.overlap("Putin met Kim at Vostochny", "Kim and Putin met at the Vostochny Cosmodrome") == 1.0
    assert hard_pairs.overlap("Putin met Kim", "The rocket carried satellites") == 0.0
    if not DATA.is_dir():
        pytest.skip(f"public data not found at {DATA}")
    arts = hard_pairs.news_articles(DATA)
    scored = hard_pairs._scored_article_keys(DATA)
    assert len(scored) > 700  # FRANK's 501 + QAGS's articles are known to the guard
    assert 50 <= len(arts) <= 100 and not any(hard_pairs._key(t) in scored for _, t in arts)


@pytest.fixture(scope="module")
def small_recipe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not DATA.is_dir():
        pytest.skip(f"public data not found at {DATA}")
    out = tmp_path_factory.mktemp("recipe")
    build_recipe(out, DATA, preset="cpu", seed=5, limit=150, show_progress=False, sources=SMALL_SOURCES)
    return out


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@needs_shared
def test_small_recipe_has_no_heldout_items(small_recipe: Path) -> None:
    rows = _rows(small_recipe / "train.jsonl") + _rows(small_recipe / "dev.jsonl")
    assert rows and set(rows[0]) == {"premise", "hypothesis", "label", "source"}
    keys = {(norm(r["premise"]), norm(r["hypothesis"])) for r in rows}
    sick_test = {(norm(p.premise), norm(p.hypothesis)) for p in load_heldout("sick-test", DATA)}
    assert not keys & sick_test
    held_cf = set()
    for line in (DATA / "climate-fever" / "climate-fever.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if int(r["claim_id"]) % 5 == 0:
            held_cf.add(norm(r["claim"]))
    assert not {norm(r["hypothesis"]) for r in rows} & held_cf
    assert any(r["source"] == "climate-fever" for r in rows)
    assert max(len(r["premise"]) for r in rows) <= 1000


@needs_shared
def test_small_recipe_is_balanced_and_split_by_claim(small_recipe: Path) -> None:
    train, dev = _rows(small_recipe / "train.jsonl"), _rows(small_recipe / "dev.jsonl")
    counts = {lab: sum(r["label"] == lab for r in train) for lab in ("entailment", "neutral", "contradiction")}
    assert len(set(counts.values())) == 1 and counts["neutral"] > 0
    assert not {norm(r["hypothesis"]) for r in train} & {norm(r["hypothesis"]) for r in dev}
    stats = json.loads((small_recipe / "stats.json").read_text())
    assert stats["train"]["total"]["all"] == len(train)


@needs_shared
def test_same_seed_same_lines(small_recipe: Path, tmp_path: Path) -> None:
    build_recipe(tmp_path, DATA, preset="cpu", seed=5, limit=150, show_progress=False, sources=SMALL_SOURCES)
    first = (small_recipe / "train.jsonl").read_text().splitlines()[:50]
    assert first and first == (tmp_path / "train.jsonl").read_text().splitlines()[:50]
