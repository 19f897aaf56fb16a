"""Topic-shortcut probe: crafted pairs with and without a one-side shortcut, grouped folds."""
from __future__ import annotations

import random

from claimcheck.datasets.nli import Pair
from claimcheck.research.train.probe import format_table, grouped_folds, link_groups, probe_pairs

FILLER = ("the a report said new study found people city data year health water river school market "
          "team vote price plan").split()


def _sentence(rng: random.Random, extra: str = "") -> str:
    words = rng.sample(FILLER, 6)
    if extra:
        words.insert(rng.randrange(len(words) + 1), extra)
    return " ".join(words)


def test_topic_word_that_fixes_the_label_is_found() -> None:
    rng = random.Random(1)
    topic = {"entailment": "vaccine", "neutral": "football", "contradiction": "election"}
    pairs = []
    for i in range(300):
        lab = rng.choice(sorted(topic))
        pairs.append(Pair(_sentence(rng), _sentence(rng, topic[lab]), lab, "t", f"g{i}"))
    hyp = probe_pairs(pairs, "hypothesis")
    prem = probe_pairs(pairs, "premise")
    assert hyp["accuracy"] > 0.95 and hyp["macro_f1"] > 0.95
    assert hyp["n"] == 300 and sum(hyp["labels"].values()) == 300 and hyp["folds"] == 5
    assert prem["accuracy"] < hyp["chance"] + 0.15  # the premise carries no signal here


def test_labels_independent_of_the_hypothesis_stay_near_chance() -> None:
    rng = random.Random(2)
    pairs = [Pair(_sentence(rng), _sentence(rng), rng.choice(["entailment", "contradiction"]), "t", f"g{i}")
             for i in range(400)]
    r = probe_pairs(pairs, "hypothesis")
    assert abs(r["accuracy"] - 0.5) < 0.12
    assert 0.5 <= r["chance"] < 0.6


def test_grouped_folds_keep_a_group_on_one_side() -> None:
    rng = random.Random(3)
    groups = [f"g{rng.randrange(40)}" for _ in range(500)]
    fold = grouped_folds(groups, folds=5, seed=13)
    seen: dict[str, int] = {}
    for g, f in zip(groups, fold):
        assert seen.setdefault(g, int(f)) == f
    assert set(fold.tolist()) == set(range(5))
    assert (fold == grouped_folds(groups, folds=5, seed=13)).all()  # deterministic


def test_a_group_shortcut_does_not_leak_across_folds() -> None:
    # Each group has a unique word and a fixed label: with random folds the word would predict the label,
    # with grouped folds it is never seen in training, so the probe falls to chance.
    rng = random.Random(4)
    pairs = []
    for g in range(100):
        lab = rng.choice(["entailment", "contradiction"])
        for _ in range(4):
            pairs.append(Pair(_sentence(rng), _sentence(rng, f"uniq{g}"), lab, "t", f"g{g}"))
    assert probe_pairs(pairs, "hypothesis")["accuracy"] < 0.68


def test_table_lists_each_source() -> None:
    rng = random.Random(5)
    pairs = [Pair(_sentence(rng), _sentence(rng), "entailment", "t", f"g{i}") for i in range(20)]
    r = {"hypothesis": probe_pairs(pairs, "hypothesis"), "premise": probe_pairs(pairs, "premise")}
    table = format_table({"toy": r, "broken": {"error": "no pairs"}})
    assert table.count("\n") == 3 and "| toy | 20 | 20/0/0 | 100.0 | 100.0 | 100.0 | - | 100.0 / 100.0 |" in table


def test_by_premise_merges_groups_that_share_a_premise() -> None:
    pairs = [Pair("p1", "h1", "entailment", "t", "a"), Pair("p1", "h2", "contradiction", "t", "b"),
             Pair("p2", "h3", "neutral", "t", "b"), Pair("p3", "h4", "neutral", "t", "c"),
             Pair("p4", "h5", "neutral", "t", "")]
    g = link_groups(pairs, by_premise=True)
    assert g[0] == g[1] == g[2] and len(set(g)) == 3
    assert link_groups(pairs) == ["a", "b", "b", "c", "#4"]
    r = probe_pairs(pairs, "premise", by_premise=True)
    assert r["folds"] == 3 and "shuffled_accuracy" in r and "balanced_accuracy" in r
