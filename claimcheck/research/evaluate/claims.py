"""`eval claims`: the claim extractor against hand-written atomic facts (seeds/claims-gold).

Gold: seeds/claims-gold/facts.jsonl, one atomic, self-contained, check-worthy fact per line, written
by hand for 5 FRANK CNN/DM articles (see its README.md). The repo stores only each article's FRANK
hash; the text is read at run time from <data root>/frank/articles-wbertscore-json/<hash>.json
(`article`), or from <--dataset folder>/articles/<hash>.txt when that file exists. --limit counts
articles (in first-seen order of facts.jsonl).

Each article is segmented and its claims extracted as `claimcheck claims` does (the profile's
Pipeline.read_article + extract_claims); only check-worthy claims are scored.

Matching rule: a claim and a gold fact of the SAME article match when the cosine of their
embeddings with the profile's embedder (MiniLM, L2-normalised) is >= 0.75. Matching is not one to
one: a claim may match several facts and a fact several claims.
- coverage = share of gold facts matched by at least one check-worthy claim of their article;
- precision = share of check-worthy claims that match at least one gold fact of their article;
- f1 = their harmonic mean. All three are pooled over articles (micro); `by_article` has each
  article's. The same three at cosine 0.70 and 0.80 (`coverage@0.70`, ...) show the threshold's effect.
Primary metric: f1. Coverage alone rewards over-generation (many fragment or paraphrase claims per
sentence raise it while each adds noise for the verifier), precision alone rewards emitting few
safe claims; the issue's goals bound both (coverage >= 0.9, precision >= 0.85), and f1 moves only
when the balance of the two improves.

Self-containedness (a simple regex measure, on check-worthy claims, after removing quoted spans:
"...", “...”, ‘...’ and '...' between non-word characters; an unclosed quote runs to the end):
- pronoun: a standalone he/she/it/they/his/her/its/their/him/them (any case);
- opening_pronoun: the claim's first word (after a "(CNN)"-style dateline) is one of those;
- plural_ref: "the two|three|four|pair|duo|couple" followed by punctuation, the end, or a lowercase
  word other than a time unit ("the two men" counts; "the two TSA officers", "the two-year-old",
  "the two years" do not), or "both" followed by punctuation, the end, or of/sides/leaders/men/
  women/countries/teams/parties/groups/officers/officials/players (a bare "both" or "both sides");
- unresolved_pronoun: such a pronoun with no name before it in the claim ("Kim Rose said he would
  appeal" names its man; "Authorities did not release their names" does not): a capitalised word
  other than a function word ("The", "It", "According", ...) counts as a name, the claim's first
  word only when the article writes it capitalised mid-sentence too ("Supporters said it ..." is
  unresolved, "Kayahan said he ..." is not);
- not_self_contained = unresolved_pronoun or plural_ref (`pronoun_share`, any pronoun at all, is
  reported beside it). The same is measured on the gold facts (~0 by design).
Length: median and mean words (whitespace tokens) per check-worthy claim and per gold fact.
Speed: seconds per article for segmentation + extraction (not the embedding used for scoring).
"""
from __future__ import annotations

import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from ...datasets import claims_gold
from ...datasets.root import data_root
from ...core.errors import InputError
from ...profiles import PROJECT_ROOT
from .base import EvalContext, SplitOutcome, SplitSpec

THRESHOLD = 0.75
THRESHOLDS = (0.70, 0.75, 0.80)

PRONOUNS = ("he", "she", "it", "they", "his", "her", "its", "their", "him", "them")
_PRONOUN = re.compile(r"\b(?:" + "|".join(PRONOUNS) + r")\b", re.I)
_OPENING = re.compile(r"^\W*(?:\([A-Z][A-Za-z ]*\)\s*)?(?:" + "|".join(PRONOUNS) + r")\b", re.I)
_TIME_UNITS = "years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|times|percent|per"
_PLURAL_REF = re.compile(
    r"\bthe (?:two|three|four|pair|duo|couple)(?=\s*(?:[.,;:!?)]|$)|\s+(?!(?:" + _TIME_UNITS + r")\b)[a-z])"
    r"|\bboth(?=\s*(?:[.,;:!?)]|$)|\s+(?:of|sides|leaders|men|women|countries|nations|teams|parties|groups|officers|officials|players)\b)",
)  # case-sensitive on purpose: see _case_plural
# a name before a pronoun in the same claim: a capitalised word that is not a function word opening it
_FUNCTION = ("The|A|An|This|That|These|Those|It|Its|He|His|Him|She|Her|They|Their|Them|In|On|At|But|And|Or|So|"
             "According|After|Before|When|While|Although|Though|For|Of|To|With|By|From|As|If|Then|Both|All|Some")
_NAME = re.compile(r"\b(?!(?:" + _FUNCTION + r")\b)[A-Z][\w’'-]*")
_QUOTED = re.compile(r"\"[^\"]*(?:\"|$)|“[^”]*(?:”|$)|‘[^’]*(?:’|$)|(?<!\w)'[^']*(?:'(?!\w)|$)")


# ---------------------------------------------------------------- measures


def unquoted(text: str) -> str:
    """The text with quoted spans removed (an unclosed quote runs to the end)."""
    return _QUOTED.sub(" ", text)


def article_names(text: str) -> frozenset[str]:
    """Words the article writes capitalised after a lowercase word or a comma: its proper names."""
    return frozenset(m.group(0) for m in re.finditer(r"(?<=[a-z,;] )[A-Z][\w’'-]*", text))


def self_containment(text: str, names: frozenset[str] | None = None) -> dict[str, bool]:
    """Which of the (regex) self-containedness problems a claim has; see the module docstring.
    `names`: the article's proper names (`article_names`); a claim's first word is a name only if listed."""
    bare = unquoted(text)
    pronoun = _PRONOUN.search(bare) is not None
    plural = _PLURAL_REF.search(_case_plural(bare)) is not None
    unresolved = any(not _named(bare[:m.start()], names) for m in _PRONOUN.finditer(bare))
    return {
        "pronoun": pronoun,
        "unresolved_pronoun": unresolved,
        "opening_pronoun": _OPENING.match(bare) is not None,
        "plural_ref": plural,
        "not_self_contained": unresolved or plural,
    }


def _named(before: str, names: frozenset[str] | None) -> bool:
    for m in _NAME.finditer(before):
        if m.start() > 0 or names is None or m.group(0) in names:
            return True
    return False


def _case_plural(text: str) -> str:
    # _PLURAL_REF is case-insensitive for "The two"/"Both" but must see the next word's case: only the
    # lead words are lowered, so "[a-z]" still rejects "the two TSA officers".
    return re.sub(r"\b(The|THE|Both|BOTH)\b", lambda m: m.group(1).lower(), text)


def words(text: str) -> int:
    return len(text.split())


def similarity(claim_vecs: np.ndarray, fact_vecs: np.ndarray) -> np.ndarray:
    """Cosine matrix (claims x facts) of L2-normalised rows (zeros when either side is empty)."""
    if len(claim_vecs) == 0 or len(fact_vecs) == 0:
        return np.zeros((len(claim_vecs), len(fact_vecs)), dtype=np.float32)
    return np.asarray(claim_vecs, dtype=np.float32) @ np.asarray(fact_vecs, dtype=np.float32).T


@dataclass(frozen=True)
class MatchCounts:
    facts: int
    facts_matched: int
    claims: int
    claims_matched: int

    def __add__(self, other: "MatchCounts") -> "MatchCounts":
        return MatchCounts(self.facts + other.facts, self.facts_matched + other.facts_matched,
                           self.claims + other.claims, self.claims_matched + other.claims_matched)

    @property
    def coverage(self) -> float | None:
        return self.facts_matched / self.facts if self.facts else None

    @property
    def precision(self) -> float | None:
        return self.claims_matched / self.claims if self.claims else None

    @property
    def f1(self) -> float | None:
        c, p = self.coverage, self.precision
        if c is None or p is None:
            return None
        return 2 * c * p / (c + p) if c + p > 0 else 0.0


def match_counts(sims: np.ndarray, threshold: float = THRESHOLD) -> MatchCounts:
    """Facts matched by >= 1 claim and claims matching >= 1 fact, at cosine >= threshold."""
    n_claims, n_facts = sims.shape
    hit = sims >= threshold
    return MatchCounts(n_facts, int(hit.any(axis=0).sum()) if n_claims else 0,
                       n_claims, int(hit.any(axis=1).sum()) if n_facts else 0)


def score_articles(sims: Sequence[np.ndarray], thresholds: Sequence[float] = THRESHOLDS) -> dict[str, float | None]:
    """Pooled coverage/precision/f1 over articles (one claims x facts matrix each) at each threshold;
    the names at THRESHOLD are plain, the others carry "@0.70"-style suffixes."""
    out: dict[str, float | None] = {}
    for t in thresholds:
        total = MatchCounts(0, 0, 0, 0)
        for s in sims:
            total = total + match_counts(s, t)
        suffix = "" if abs(t - THRESHOLD) < 1e-9 else f"@{t:.2f}"
        out[f"coverage{suffix}"] = total.coverage
        out[f"precision{suffix}"] = total.precision
        out[f"f1{suffix}"] = total.f1
    return out


def length_stats(texts: Sequence[str], prefix: str) -> dict[str, float | None]:
    counts = [words(t) for t in texts]
    return {f"{prefix}_words_median": float(statistics.median(counts)) if counts else None,
            f"{prefix}_words_mean": sum(counts) / len(counts) if counts else None}


def containment_stats(texts: Sequence[str], prefix: str,
                      names: Sequence[frozenset[str]] | None = None) -> dict[str, float | None]:
    """Shares of `texts` with each problem; `names[k]`: the proper names of text k's article."""
    flags = [self_containment(t, names[k] if names is not None else None) for k, t in enumerate(texts)]
    keys = ("not_self_contained", "unresolved_pronoun", "pronoun", "opening_pronoun", "plural_ref")
    return {f"{prefix}{k}_share": (sum(f[k] for f in flags) / len(flags) if flags else None) for k in keys}


# ---------------------------------------------------------------- the evaluator


class ClaimsEvaluator:
    name = "claims"
    primary_metric = "f1"
    specs = (SplitSpec("claims-gold", claims_gold.FOLDER, claims_gold.FILE),)
    default_splits = ("claims-gold",)
    accepts_file = False
    default_root = PROJECT_ROOT / "seeds"  # the gold lives in the repo; the articles in the data root

    def evaluate(self, split: str, path: Path, ctx: EvalContext) -> SplitOutcome:
        gold = ctx.take(claims_gold.facts(path))
        data = data_root()
        texts_of = {a: claims_gold.article_text(path, a, data) for a, _ in gold}  # missing data fails before models load
        pipe = ctx.pipeline()
        sims: list[np.ndarray] = []
        rows: list[dict] = []
        all_claims: list[str] = []
        all_facts: list[str] = []
        claim_names: list[frozenset[str]] = []  # per claim / fact: its article's proper names
        fact_names: list[frozenset[str]] = []
        n_claims_any = 0
        seconds = 0.0
        out_of_range = 0
        sources = set()
        with ctx.bar(len(gold), f"claims {split}") as advance:
            for article_id, facts in gold:
                text, where = texts_of[article_id]
                sources.add(str(Path(where).parent))
                t0 = time.perf_counter()
                article, doc = pipe.read_article(text, name=f"{article_id}.txt")
                claims = pipe.extract_claims(article, doc)
                seconds += time.perf_counter() - t0
                n_claims_any += len(claims)
                out_of_range += sum(f.sentence >= len(article.sentences) for f in facts)
                texts = [c.text for c in claims if c.checkworthy]
                fact_texts = [f.fact for f in facts]
                s = similarity(pipe.embedder.encode(texts), pipe.embedder.encode(fact_texts))
                sims.append(s)
                names = article_names(article.text)
                rows.append(_article_row(article_id, facts, texts, s, len(claims), names))
                all_claims.extend(texts)
                all_facts.extend(fact_texts)
                claim_names.extend([names] * len(texts))
                fact_names.extend([names] * len(fact_texts))
                advance(1)
        if not gold:
            raise InputError(f"{path}: no articles to evaluate")
        metrics: dict = score_articles(sims)
        metrics.update(containment_stats(all_claims, "", claim_names))
        metrics.update(length_stats(all_claims, "claim"))
        metrics.update(length_stats(all_facts, "gold"))
        metrics.update({
            "gold_not_self_contained_share":
                containment_stats(all_facts, "gold_", fact_names)["gold_not_self_contained_share"],
            "articles": len(gold), "gold_facts": len(all_facts), "checkworthy_claims": len(all_claims),
            "claims": n_claims_any, "claims_per_article": len(all_claims) / len(gold),
            "facts_per_article": len(all_facts) / len(gold), "seconds_per_article": seconds / len(gold),
            "by_article": rows,
        })
        config = {
            "match": f"cosine >= {THRESHOLD} of the profile's embedder, same article (also 0.70 / 0.80)",
            "claims": "check-worthy claims of Pipeline.extract_claims",
            "articles_from": ", ".join(sorted(sources)),
            "facts_sentence_out_of_range": out_of_range,
        }
        return SplitOutcome(len(gold), metrics, config)


def _article_row(article_id: str, facts: Sequence[claims_gold.GoldFact], claims: Sequence[str], sims: np.ndarray,
                 n_any: int, names: frozenset[str] | None = None) -> dict:
    counts = match_counts(sims)
    best_fact = sims.max(axis=0) if sims.size else np.zeros(len(facts))
    best_claim = sims.max(axis=1) if sims.size else np.zeros(len(claims))
    return {
        "article": article_id, "facts": len(facts), "claims": n_any, "checkworthy_claims": len(claims),
        "coverage": counts.coverage, "precision": counts.precision, "f1": counts.f1,
        "not_self_contained_share":
            containment_stats(claims, "", [names] * len(claims) if names is not None else None)["not_self_contained_share"],
        "claim_words_median": length_stats(claims, "claim")["claim_words_median"],
        "missed_facts": [f.id for f, b in zip(facts, best_fact) if b < THRESHOLD],
        "unmatched_claims": [c for c, b in zip(claims, best_claim) if b < THRESHOLD],
    }
