"""Rationale selection: only the sentences that address a claim are read, on crafted vectors."""
import numpy as np

from claimcheck.core.types import Passage
from claimcheck.verify.rationale import RationaleConfig, passage_sentences, premise, select


def unit(*xs):
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_passage_is_split_into_its_sentences():
    text = "Putin met Kim at Vostochny. The talks lasted five hours. Kim left by train."
    assert passage_sentences(text) == ["Putin met Kim at Vostochny.", "The talks lasted five hours.", "Kim left by train."]
    assert passage_sentences("no boundary here") == ["no boundary here"]


def test_only_close_sentences_are_kept_and_the_best_top_over_all_passages():
    claim = unit(1, 0, 0)
    p1 = np.stack([unit(1, 0.1, 0), unit(0, 1, 0)])  # first sentence addresses the claim
    p2 = np.stack([unit(0, 0, 1)])  # nothing close: this passage is not read
    p3 = np.stack([unit(1, 0.5, 0), unit(1, 0.3, 0)])
    out = select(claim, [p1, p2, p3], RationaleConfig(top=2, min_similarity=0.5))
    assert out[1] == []
    kept = [(h, j) for h, ks in enumerate(out) for j, _ in ks]
    assert len(kept) == 2 and (0, 0) in kept and (2, 1) in kept  # the two closest overall
    assert all(sim >= 0.5 for ks in out for _, sim in ks)


def test_a_passage_whose_sentences_are_all_far_gives_nothing():
    out = select(unit(1, 0), [np.stack([unit(0, 1), unit(0.1, 1)])], RationaleConfig(top=3, min_similarity=0.4))
    assert out == [[]]


def test_premise_adds_title_and_the_antecedent_of_a_pronoun_sentence():
    p = Passage("d#0", "d", "", title="Webb launch")
    sents = ["The James Webb Space Telescope lifted off in 2021.", "It flew on an Ariane 5.", "Crowds watched."]
    assert premise(p, sents, [1]) == "Webb launch. The James Webb Space Telescope lifted off in 2021. It flew on an Ariane 5."
    assert premise(p, sents, [2]) == "Webb launch. Crowds watched."
    assert premise(Passage("d#0", "d", ""), sents, [0]) == sents[0]


def test_a_sentence_shared_by_overlapping_passages_counts_once():
    claim = unit(1, 0)
    a = np.stack([unit(1, 0.1), unit(1, 0.4)])
    b = np.stack([unit(1, 0.4), unit(1, 0.6)])  # b's first sentence is a's second (overlapping windows)
    keys = [["s1", "s2"], ["s2", "s3"]]
    out = select(claim, [a, b], RationaleConfig(top=3, min_similarity=0.1), keys=keys)
    assert [j for j, _ in out[0]] == [0, 1] and [j for j, _ in out[1]] == [1]


def test_full_names_are_written_as_the_premise_writes_them():
    from claimcheck.verify.rationale import align_names

    premise = "The meeting at Vostochny was the second summit between Putin and Kim. They had first met in Vladivostok."
    assert align_names("Vladimir Putin and Kim Jong Un first met in Vladivostok.", premise) == "Putin and Kim first met in Vladivostok."
    # another Kim in the premise: shortening would merge two people, so the name stays
    assert align_names("Kim Jong Il met Putin.", "Kim Jong Un and Kim met Putin.") == "Kim Jong Il met Putin."
    # a name the premise does not use at all (a swapped entity) is left for the verifier to judge
    assert align_names("Webb is run by NASA Goddard.", "Webb is run by the Space Telescope Science Institute.") == "Webb is run by NASA Goddard."
