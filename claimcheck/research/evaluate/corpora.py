"""Temporary evaluation corpora: JSONL files under home_dir()/eval, named by their content hash.

Equal content gives the same file and hence the same cached index (a second run does not re-embed);
a --limit subset and the full corpus get different files, so neither evicts the other's index.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Sequence

from ...datasets.records import CorpusDoc, LabelledClaim

# With --limit, SciFact is searched in a smaller corpus (see scifact_docs): the claims' own cited and
# evidence abstracts plus this many other abstracts per evaluated claim, in corpus order.
DISTRACTORS_PER_CLAIM = 1


def write_corpus(docs: Sequence[CorpusDoc], folder: Path, name: str) -> Path:
    """Write docs as JSONL ({"id","text","title"?}) to folder/<name>-<hash>.jsonl, once."""
    from ...core.io import atomic_write

    body = "\n".join(d.to_json() for d in docs) + "\n"
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    path = folder / f"{name}-{digest}.jsonl"
    if not path.is_file():
        atomic_write(path, body)
    return path


def pooled_docs(docs: Sequence[CorpusDoc], claims: Sequence[LabelledClaim], limited: bool, what: str) -> tuple[list[CorpusDoc], str]:
    """A pooled-evidence corpus (docs in the order their claims come), and a note saying which one it is.

    A --limit run keeps the prefix of `docs` that holds every evaluated claim's pool, doubled: the
    claims' own sentences and about as many of the following claims' as distractors.
    """
    if not limited:
        return list(docs), f"{what} ({len(docs)})"
    own = {d for c in claims for d in c.pool}
    last = max((i for i, d in enumerate(docs) if d.id in own), default=-1)
    picked = list(docs[: min(len(docs), 2 * (last + 1))])
    return picked, (f"--limit subset of {what}: {len(picked)} of {len(docs)} (the evaluated claims' own and "
                    "about as many others); not comparable with full-set figures")


def scifact_docs(all_docs: Sequence[CorpusDoc], claims: Sequence[LabelledClaim], limited: bool) -> tuple[list[CorpusDoc], str]:
    """The SciFact corpus to search, and a note saying which one it is.

    Full runs use all 5,183 abstracts. A --limit run (a smoke test: embedding all abstracts takes
    minutes on a CPU) uses the abstracts the evaluated claims cite or draw evidence from, plus the
    first len(claims) x DISTRACTORS_PER_CLAIM other abstracts in corpus order. Its retrieval is
    easier than the full corpus's: compare only full runs with published numbers.
    """
    if not limited:
        return list(all_docs), f"full corpus ({len(all_docs)} abstracts)"
    wanted = {d for c in claims for d in (*c.cited_docs, *c.evidence_docs)}
    extra = len(claims) * DISTRACTORS_PER_CLAIM
    picked = []
    for d in all_docs:
        if d.id in wanted:
            picked.append(d)
        elif extra > 0:
            picked.append(d)
            extra -= 1
    n_own = sum(1 for d in picked if d.id in wanted)
    return picked, (f"--limit subset: {n_own} cited/evidence abstracts + {len(picked) - n_own} others "
                    f"({len(picked)} of {len(all_docs)}); not comparable with full-corpus figures")
