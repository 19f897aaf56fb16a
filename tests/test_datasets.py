"""Labelled-pair reader and held-out loaders."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.datasets import HELDOUT_NAMES, Pair, load_heldout, normalize_label, read_pairs_jsonl
from claimcheck.datasets.nli import detokenize
from claimcheck.core.errors import InputError, UserError

SHARED = Path(__file__).resolve().parents[2] / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "data").is_dir(), reason=f"public data not found at {SHARED}/data")


def _write(tmp_path: Path, lines: list[str]) -> Path:
    p = tmp_path / "pairs.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_reader_maps_label_synonyms(tmp_path: Path) -> None:
    rows = [
        {"premise": "P1", "hypothesis": "H1", "label": "SUPPORTS"},
        {"premise": "P2", "hypothesis": "H2", "label": "REFUTES"},
        {"premise": "P3", "hypothesis": "H3", "label": "NOT ENOUGH INFO"},
        {"premise": "P4", "hypothesis": "H4", "label": "Entailment"},
    ]
    pairs = read_pairs_jsonl(_write(tmp_path, [json.dumps(r) for r in rows]))
    assert [p.label for p in pairs] == ["entailment", "contradiction", "neutral", "entailment"]
    assert pairs[0] == Pair("P1", "H1", "entailment", "pairs")


def test_reader_names_file_and_line_on_bad_json(tmp_path: Path) -> None:
    path = _write(tmp_path, ['{"premise": "a", "hypothesis": "b", "label": "neutral"}', "{not json"])
    with pytest.raises(InputError, match=r"pairs\.jsonl:2: not valid JSON"):
        read_pairs_jsonl(path)


@pytest.mark.parametrize("label", [0, 1, "2", "maybe"])
def test_reader_rejects_numeric_and_unknown_labels(tmp_path: Path, label: object) -> None:
    lines = ['{"premise": "a", "hypothesis": "b", "label": "neutral"}',
             json.dumps({"premise": "a", "hypothesis": "c", "label": label})]
    with pytest.raises(InputError, match=r":2: unknown label"):
        read_pairs_jsonl(_write(tmp_path, lines))


def test_reader_reports_missing_field_and_is_a_user_error(tmp_path: Path) -> None:
    path = _write(tmp_path, ["", '{"premise": "a", "label": "neutral"}'])
    with pytest.raises(UserError, match=r":2: missing field 'hypothesis'"):
        read_pairs_jsonl(path)


def test_normalize_label() -> None:
    assert normalize_label("not_enough_info") == "neutral"
    assert normalize_label(" refuted ") == "contradiction"
    assert normalize_label(2) is None


def test_detokenize_ptb() -> None:
    assert detokenize("Soul Food -LRB- 1997 -RRB- is a film , by `` Babyface '' Edmonds .") == \
        'Soul Food (1997) is a film, by "Babyface" Edmonds.'


def test_unknown_heldout_name() -> None:
    with pytest.raises(InputError, match="unknown held-out set"):
        load_heldout("mnli-train")


@needs_shared
def test_heldout_sets_load_with_expected_sizes() -> None:
    sizes = {"sick-test": 4906, "mnli-dev-m": 9815, "mnli-dev-mm": 9832, "anli-dev-r3": 1200, "rte-dev": 139}
    for name, n in sizes.items():
        pairs = load_heldout(name)
        assert len(pairs) == n, name
        assert {p.label for p in pairs} <= {"entailment", "neutral", "contradiction"}
    assert len(load_heldout("snli-test", limit=5)) == 5
    assert set(sizes) <= set(HELDOUT_NAMES)


@needs_shared
def test_binary_fever_dev_has_no_contradiction_label() -> None:
    labels = {p.label for p in load_heldout("fever-nli-dev", limit=2000)}
    assert labels == {"entailment", "neutral"}


def test_data_root_env_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(InputError, match="CLAIMCHECK_DATA"):
        load_heldout("sick-test")


def test_a_pairs_file_read_line_by_line_names_the_bad_line_or_skips_unusable_pairs_when_lenient(tmp_path):
    import pytest

    from claimcheck.datasets.nli import iter_pairs_file
    from claimcheck.core.errors import InputError

    f = tmp_path / "recipe.jsonl"
    f.write_text('{"premise": "A cat sat.", "hypothesis": "A cat sat down.", "label": "entailment", "source": "x"}\n'
                 '{"premise": "A cat sat.", "hypothesis": "", "label": "neutral"}\n'
                 '{"premise": "A dog ran.", "hypothesis": "A dog slept.", "label": "maybe"}\n', encoding="utf-8")
    assert [(p.hypothesis, p.source) for p in iter_pairs_file(f, lenient=True)] == [("A cat sat down.", "x")]
    with pytest.raises(InputError, match=r"recipe.jsonl:2"):
        list(iter_pairs_file(f))
    f.write_text('{"premise": "A cat sat."}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"recipe.jsonl:1: not a"):
        list(iter_pairs_file(f, lenient=True))
