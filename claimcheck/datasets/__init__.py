"""The data layer: one module per benchmark source, the one data root, and the typed records.

root.data_root ($CLAIMCHECK_DATA, else ../shared/data) is where every source lives; each module below
names its files and parses them, once: climate_fever (and its held-out rule), scifact, covid_fact,
fever, averitec, qags, frank, summeval, nli (held-out NLI sets, SICK and RTE rows), nli_train (the
training-only NLI sets); newsdev and claims_gold read the project's own labelled seeds. Nothing outside
this package opens a benchmark file.
"""
from claimcheck.datasets.nli import (
    BINARY_HELDOUT,
    HELDOUT_NAMES,
    LABELS,
    Pair,
    load_heldout,
    normalize_label,
    read_pairs_jsonl,
)
from claimcheck.datasets.root import data_root

__all__ = [
    "BINARY_HELDOUT", "HELDOUT_NAMES", "LABELS", "Pair", "data_root", "load_heldout",
    "normalize_label", "read_pairs_jsonl",
]
