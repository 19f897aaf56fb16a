"""Labelled-pair readers and held-out evaluation sets."""
from claimcheck.datasets.nli import (
    BINARY_HELDOUT,
    HELDOUT_NAMES,
    LABELS,
    Pair,
    default_data_root,
    load_heldout,
    normalize_label,
    read_pairs_jsonl,
)

__all__ = [
    "BINARY_HELDOUT", "HELDOUT_NAMES", "LABELS", "Pair", "default_data_root", "load_heldout",
    "normalize_label", "read_pairs_jsonl",
]
