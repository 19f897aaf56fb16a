"""Editors' feedback on verdicts: one SQLite file (store), its exports (export) and merging desks (store.merge).

A row is one editor's decision on one claim of one checked article: "right" (the model's verdict stands) or
"wrong" with the verdict that is right, optionally the passage that decides it and a note. `claimcheck serve`
writes rows from the page; `claimcheck feedback list|export|import` reads and merges them; the exported pairs
train the verifier (`claimcheck train verifier --data`), the exported claims folder evaluates it
(`claimcheck eval verify --dataset`).
"""
from .store import DEFAULT_NAME, FeedbackRow, FeedbackStore, default_path

__all__ = ["DEFAULT_NAME", "FeedbackRow", "FeedbackStore", "default_path"]
