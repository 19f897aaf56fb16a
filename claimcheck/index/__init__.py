"""Persistent, incremental hybrid (dense + BM25) index over a reference corpus (corpus: a folder of
documents or a .jsonl file read into passages).

    from claimcheck.index import open_retriever
    r = open_retriever("corpus/", profile="offline")   # or an index folder, or a .jsonl file
    hits = r.search_batch(["claim one", "claim two"], top_k=5)
"""
from __future__ import annotations

from .build import BuildStats, build_index
from .config import RetrievalConfig
from .retriever import RankedHit, Retriever, open_retriever
from .store import IndexParams, IndexStore

__all__ = [
    "BuildStats", "IndexParams", "IndexStore", "RankedHit", "RetrievalConfig", "Retriever", "build_index",
    "open_retriever",
]
