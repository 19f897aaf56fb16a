"""Hard training pairs for verifier v2: same topic, different fact -> neutral; one swapped detail -> contradiction.

The v1 verifier read a passage about the same event with *another* detail as a contradiction, and
learned topic shortcuts (a source whose labels follow its topic). These sources teach the difference:

- fever_hard: a FEVER claim against evidence sentences of *other* claims about the same page
  (same entity, other fact) -> neutral. Merged into source "fever" so FEVER stays label-balanced.
- news: sentences of CNN/DM news articles (SummEval's 100, minus any article an evaluation set scores):
  a claim extracted from sentence i against sentence i (or its 3-sentence window) -> entailment,
  against a far sentence of the same article naming the same people with little word overlap ->
  neutral, and a one-detail swap of the claim (number, entity, negation, ...; synth) -> contradiction.
- covid_fact_balanced: COVID-Fact train pairs plus a neutral for each claim (the evidence of another
  claim), so COVID words no longer predict "contradiction" (the set has no neutral class of its own).
"""
from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from pathlib import Path

from claimcheck.datasets import fever as fever_data
from claimcheck.datasets import frank as frank_data
from claimcheck.datasets import qags as qags_data
from claimcheck.datasets import summeval as summeval_data
from claimcheck.datasets.nli import Pair
from claimcheck.text.words import PAIR_STOP_WORDS
from claimcheck.research.train import synth
from claimcheck.research.train.recipe_sources import _subject_keys, covid_fact

_WORD = re.compile(r"[a-z0-9]+")


def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in PAIR_STOP_WORDS and len(w) > 1}


def overlap(claim: str, premise: str) -> float:
    """Share of the claim's content words found in the premise."""
    c = content_words(claim)
    return len(c & content_words(premise)) / len(c) if c else 0.0


def _names(text: str) -> set[str]:
    """Capitalised words that are not sentence-initial: a cheap stand-in for named entities."""
    toks = re.findall(r"[A-Za-z][\w'-]*", text)
    return {t.lower() for i, t in enumerate(toks) if i > 0 and t[0].isupper() and t.lower() not in PAIR_STOP_WORDS}


def _entity_words(text: str) -> set[str]:
    """Capitalised words anywhere (sentence-initial included): who or what a FEVER claim is about."""
    return {t.lower() for t in re.findall(r"[A-Z][\w'-]+", text) if t.lower() not in PAIR_STOP_WORDS}


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+", text))


# --- FEVER: same page, other fact ------------------------------------------------------------

def fever_hard(root: Path, limit: int | None = None, seed: int = 13, per_claim: int = 1) -> list[Pair]:
    """Verifiable FEVER train claims against one evidence sentence of another claim on the same page -> neutral."""

    claims: list[tuple[str, str, set[str]]] = []  # (claim, topic key, own evidence sentences)
    by_topic: dict[str, set[str]] = defaultdict(set)
    for f in fever_data.train_files(root / fever_data.TRAIN_FOLDER):
        for r in fever_data.read_rows(f):
            if r["label"] == fever_data.NEI:
                continue
            ev = set(fever_data.evidence(r))
            keys = _subject_keys(r["claim"])
            if not ev or not keys:
                continue
            claims.append((r["claim"], keys[0], ev))
            by_topic[keys[0]].update(ev)
        if limit is not None and len(claims) >= 3 * limit:
            break
    rng = random.Random(seed)
    out: list[Pair] = []
    for claim, key, own in claims:
        ents = _entity_words(claim)
        cands = sorted(s for s in by_topic[key] - own
                       if 30 < len(s) < 400 and overlap(claim, s) < 0.35 and not (_numbers(claim) & _numbers(s))
                       and ents & {w.lower() for w in _WORD.findall(s.lower())})
        for s in rng.sample(cands, min(per_claim, len(cands))):
            out.append(Pair(s, claim, "neutral", "fever", claim))
    rng.shuffle(out)
    return out[:limit] if limit is not None else out


# --- COVID-Fact with neutrals -------------------------------------------------------------------

def covid_fact_balanced(root: Path, limit: int | None = None, seed: int = 13) -> list[Pair]:
    """COVID-Fact train (entailment / contradiction) plus, per claim, another claim's evidence -> neutral."""

    pairs = covid_fact(root, limit=limit, seed=seed)
    rng = random.Random(seed)
    premises = sorted({p.premise for p in pairs})
    out = list(pairs)
    for p in pairs:
        if p.label != "entailment" or len(premises) < 2:
            continue
        for _ in range(4):
            other = rng.choice(premises)
            if other != p.premise and overlap(p.hypothesis, other) < 0.4:
                out.append(Pair(other, p.hypothesis, "neutral", "covid-fact", p.group))
                break
    return out


# --- news sentences ---------------------------------------------------------------------------

def _scored_article_keys(root: Path) -> set[str]:
    """Opening words of every article an evaluation set scores (FRANK, QAGS): never trained on."""
    keys: set[str] = set()
    folder = root / frank_data.ARTICLES
    for f in frank_data.article_files(folder) if folder.is_dir() else []:
        try:
            r = frank_data.read_article(f)
        except (OSError, json.JSONDecodeError):
            continue
        text = r.get("article") or r.get("text") or "" if isinstance(r, dict) else ""
        keys.add(_key(text if isinstance(text, str) else " ".join(text)))
    for text in qags_data.articles(root / qags_data.FOLDER):
        keys.add(_key(text))
    keys.discard("")
    return keys


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower())[:30])


def news_articles(root: Path) -> list[tuple[str, str]]:
    """(id, text) of SummEval's CNN/DM articles that no evaluation set scores."""
    scored = _scored_article_keys(root)
    seen: dict[str, str] = {}
    for r in summeval_data.read_rows(root / summeval_data.FOLDER):
        if r["article_id"] not in seen and _key(r["article"]) not in scored:
            seen[r["article_id"]] = r["article"]
    return sorted(seen.items())


def news(root: Path, limit: int | None = None, seed: int = 13, profile: str = "offline") -> list[Pair]:
    """Entailment / neutral / contradiction pairs from claims extracted out of news sentences."""
    from claimcheck.pipeline import Pipeline

    pipe = Pipeline.create(profile, "cpu")
    rng = random.Random(seed)
    entail: list[Pair] = []
    neutral: list[Pair] = []
    for art_id, raw in news_articles(root):
        article, doc = pipe.read_article(raw, name=f"{art_id}.txt", fmt="txt")
        sents = [s.text for s in article.sentences]
        claims = [c for c in pipe.extract_claims(article, doc) if c.checkworthy and 25 < len(c.text) < 300]
        for c in claims:
            i = c.sentence_index
            if i >= len(sents):
                continue
            group = f"news:{art_id}:{c.id}"
            window = " ".join(sents[max(0, i - 1): i + 2])
            premise = sents[i] if rng.random() < 0.5 or window == sents[i] else window
            if len(premise) < 1000:
                entail.append(Pair(premise, c.text, "entailment", "news", group))
            names = _names(c.text)
            far = [j for j in range(len(sents)) if abs(j - i) >= 2 and 30 < len(sents[j]) < 600
                   and names & _names(sents[j]) and overlap(c.text, sents[j]) < 0.3
                   and not (_numbers(c.text) & _numbers(sents[j]))]
            for j in rng.sample(far, min(2, len(far))):
                neutral.append(Pair(sents[j], c.text, "neutral", "news", group))
    contra = [Pair(p.premise, p.hypothesis, p.label, "news", p.group)
              for p in synth.make_contradictions(entail, len(entail), seed=seed, nlp=synth.load_ner())]
    out = entail + neutral + contra
    rng.shuffle(out)
    return out[:limit] if limit is not None else out


# the hard sources by their recipe names (recipe.SOURCES adds them to recipe_sources.SOURCES)
HARD_SOURCES = {"fever-hard": fever_hard, "covid-fact-balanced": covid_fact_balanced, "news": news}
