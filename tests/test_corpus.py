"""Corpus loading (folder / .jsonl, with one-line errors) and sentence chunking with exact offsets."""
from __future__ import annotations

import json
import random

import pytest

from claimcheck.index.corpus import Document, chunk_document, load_documents
from claimcheck.text.sentences import split_sentences
from claimcheck.core.errors import InputError


def _sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


# ---------------------------------------------------------------- loading


def test_folder_ids_are_relative_paths_without_extension_and_titles_come_from_the_first_line(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.md").write_text("# Budget vote\n\nThe council approved the budget.", encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("Plain text without a heading line that is short? No, it is a sentence.\nMore.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x,y", encoding="utf-8")
    docs = load_documents(tmp_path)
    assert [d.id for d in docs] == ["a", "sub/b"]  # the path without its extension, as a .jsonl id would be
    assert docs[0].title == "Budget vote"
    assert docs[0].text.startswith("# Budget vote")


def test_long_first_line_is_not_a_title(tmp_path):
    (tmp_path / "a.txt").write_text("word " * 80 + "\nSecond line.", encoding="utf-8")
    assert load_documents(tmp_path)[0].title == ""


def test_jsonl_documents_with_optional_fields(tmp_path):
    p = tmp_path / "c.jsonl"
    rows = [{"id": "x1", "text": "Alpha.", "title": "A", "url": "http://a", "date": "2024-01-01"}, {"id": 7, "text": "Beta."}]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    docs = load_documents(p)
    assert docs[0] == Document("x1", "Alpha.", "A", "http://a", "2024-01-01")
    assert docs[1].id == "7" and docs[1].title == ""


@pytest.mark.parametrize(
    "lines, message",
    [
        (['{"id": "a", "text": "ok"}', '{"id": "b", "text": "broken"'], "c.jsonl:2: not valid JSON"),
        (['{"id": "a", "text": "ok"}', "", '{"text": "no id"}'], 'c.jsonl:3: missing "id"'),
        (['{"id": "a"}'], 'c.jsonl:1: missing "text"'),
        (['{"id": "a", "text": "x"}', '{"id": "a", "text": "y"}'], "c.jsonl:2: duplicate id 'a' (first on line 1)"),
        (['["a", "b"]'], "c.jsonl:1: not a JSON object"),
        (['{"id": "a", "text": ""}'], 'c.jsonl:1: "text" is empty'),
        (['{"id": ["a"], "text": "x"}'], 'c.jsonl:1: "id" must be a non-empty string'),
        (['{"id": "a", "text": "x", "title": 3}'], 'c.jsonl:1: "title" must be a string'),
    ],
)
def test_malformed_jsonl_names_the_line(tmp_path, lines, message):
    p = tmp_path / "c.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_documents(p)
    assert message in str(e.value)
    assert "\n" not in str(e.value)


def test_jsonl_bad_utf8_names_the_line(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_bytes(b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xe9"}\n')
    with pytest.raises(InputError, match=r"c\.jsonl:2: is not UTF-8"):
        load_documents(p)


def test_binary_and_non_utf8_files_in_a_folder_are_named(tmp_path):
    (tmp_path / "good.txt").write_text("Fine text.", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    with pytest.raises(InputError, match=r"image\.txt.*binary"):
        load_documents(tmp_path)
    (tmp_path / "image.txt").unlink()
    (tmp_path / "latin1.md").write_bytes("Caf\xe9 au lait.".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1\.md.*not UTF-8"):
        load_documents(tmp_path)


def test_missing_and_empty_corpora(tmp_path):
    with pytest.raises(InputError, match="corpus not found"):
        load_documents(tmp_path / "nope")
    with pytest.raises(InputError, match="no .txt, .md, .docx or .pdf files"):
        load_documents(tmp_path)
    (tmp_path / "e.jsonl").write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="no documents"):
        load_documents(tmp_path / "e.jsonl")
    (tmp_path / "x.csv").write_bytes(b"a,b")
    with pytest.raises(InputError, match="unsupported corpus"):
        load_documents(tmp_path / "x.csv")
    (tmp_path / "x.pdf").write_bytes(b"%PDF")  # read as a PDF now (claimcheck.core.documents), and refused as one
    with pytest.raises(InputError, match=r"x\.pdf: is not a PDF file"):
        load_documents(tmp_path / "x.pdf")


def test_a_folder_readme_is_no_document_and_a_folder_holding_a_jsonl_corpus_names_the_file(tmp_path):
    (tmp_path / "README.md").write_text("# About this corpus\n\nPassages about the 2023 summit.\n", encoding="utf-8")
    (tmp_path / "corpus.jsonl").write_text('{"id": "p1", "text": "Kim met Putin."}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"pass the file: --corpus .*corpus\.jsonl"):
        load_documents(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "p51.txt").write_text("Kim met Putin at the cosmodrome.\n", encoding="utf-8")
    assert [d.id for d in load_documents(tmp_path)] == ["news/p51"]


def test_content_hash_changes_with_text_or_title_only():
    a = Document("a", "Same text.", "T")
    assert a.content_hash == Document("a", "Same text.", "T").content_hash
    assert a.content_hash != Document("a", "Same text!", "T").content_hash
    assert a.content_hash != Document("a", "Same text.", "U").content_hash


# ---------------------------------------------------------------- sentences


def test_sentence_splitter_handles_abbreviations_initials_decimals():
    text = (
        "Dr. Smith met J. R. Tolkien in Oxford. The deal cost 3.5 million dollars, i.e. a lot. "
        "Prices rose 2.5% in the U.S. The U.S. government agreed. See Fig. 3 for details! "
        'Smith et al. (2010) disagreed. "Really?" she asked. e.g. this stays.'
    )
    assert _sents(text) == [
        "Dr. Smith met J. R. Tolkien in Oxford.",
        "The deal cost 3.5 million dollars, i.e. a lot.",
        "Prices rose 2.5% in the U.S.",
        "The U.S. government agreed.",
        "See Fig. 3 for details!",
        "Smith et al. (2010) disagreed.",
        '"Really?" she asked. e.g. this stays.',
    ]


def test_paragraphs_headings_and_list_items_are_separate_sentences():
    text = "# Title\n\nFirst paragraph, hard\nwrapped line. Second.\n- item one\n- item two"
    assert _sents(text) == ["# Title", "First paragraph, hard\nwrapped line.", "Second.", "- item one", "- item two"]


# ---------------------------------------------------------------- chunking


def _random_doc(rng: random.Random, i: int) -> Document:
    words = ["alpha", "Beta", "3.14", "U.S.", "Dr.", "x", "report", "said", "(n = 7)", "–", "émigré"]
    parts = []
    for _ in range(rng.randint(1, 25)):
        sent = " ".join(rng.choice(words) for _ in range(rng.randint(1, 30)))
        parts.append(sent[0].upper() + sent[1:] + rng.choice([". ", "? ", "! ", ".\n\n", ".\n", "  "]))
    return Document(f"doc{i}", "".join(parts), "Title")


def test_chunk_offsets_are_exact_and_windows_overlap_by_one_sentence():
    rng = random.Random(0)
    for i in range(200):
        doc = _random_doc(rng, i)
        sents = _sents(doc.text)
        ps = chunk_document(doc, sentences_per_passage=3, overlap=1, max_chars=100_000)
        assert ps, doc.text
        for n, p in enumerate(ps):
            assert doc.text[p.start : p.end] == p.text
            assert p.passage_id == f"doc{i}#{n}" and p.doc_id == "doc{}".format(i) and p.title == "Title"
        # every sentence is covered, consecutive windows share exactly one sentence
        starts = [s for s, _ in split_sentences(doc.text)]
        first_sent = [starts.index(p.start) for p in ps]
        assert first_sent == list(range(0, 2 * len(ps), 2))[: len(ps)]
        assert ps[-1].end == split_sentences(doc.text)[-1][1]
        assert len(ps) == max(1, -(-(len(sents) - 1) // 2))


def test_short_document_is_one_passage_and_long_sentences_are_cut():
    short = Document("s", "Only one sentence here.")
    assert [p.text for p in chunk_document(short)] == ["Only one sentence here."]
    long_text = "Intro. " + " ".join(f"word{i}" for i in range(600)) + ". Outro."
    ps = chunk_document(Document("l", long_text), sentences_per_passage=3, overlap=1, max_chars=500)
    assert all(len(p.text) <= 500 for p in ps)
    assert all(long_text[p.start : p.end] == p.text for p in ps)
    covered = "".join(long_text[p.start : p.end] for p in ps)
    assert "word0 " in covered and "word599" in covered and "Outro." in covered


def test_chunk_parameters_are_validated():
    with pytest.raises(ValueError):
        chunk_document(Document("a", "x."), sentences_per_passage=2, overlap=2)


def test_a_corpus_may_be_larger_than_the_article_size_limit(tmp_path, monkeypatch):
    import claimcheck.core.io as io

    monkeypatch.setattr(io, "MAX_INPUT_BYTES", 100)  # articles over 100 bytes are refused ...
    p = tmp_path / "c.jsonl"
    p.write_text("".join(json.dumps({"id": f"d{i}", "text": "A passage of some length. " * 5}) + "\n" for i in range(20)))
    assert len(load_documents(p)) == 20  # ... a corpus is not an article
