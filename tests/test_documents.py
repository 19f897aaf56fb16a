""".docx and .pdf articles and corpus files (claimcheck.core.documents): the same claims as the same text in a
.txt, furniture dropped, unreadable files one line and exit 2; and a folder corpus that is the same corpus
as a .jsonl file with the same texts."""
from __future__ import annotations

import io
import json
import time

import pytest
from typer.testing import CliRunner

from claimcheck.cli import _register
from claimcheck.index.corpus import chunk_document, load_documents
from claimcheck.core.documents import document_text
from claimcheck.core.errors import InputError
from claimcheck.core.io import read_text
from claimcheck.text.markup import detect_format, normalize

from conftest import REPO
from documents_fixtures import NEWS, make_pdf, write_docx, write_pdf, write_txt

CORPUS = REPO / "seeds" / "corpus.jsonl"
runner = CliRunner()


def cli(*args, input=None):
    return runner.invoke(_register(), [str(a) for a in args], input=input)


def _normalized(path):
    inp = read_text(str(path))
    return normalize(inp.text, detect_format(inp.name, inp.text))


def _claims(pipe, path) -> tuple[str, list[tuple[str, bool]]]:
    """(title, [(claim, check-worthy)]) as `claimcheck claims` reads the file."""
    inp = read_text(str(path))
    article, doc = pipe.read_article(inp.text, name=inp.name, path=inp.path)
    return article.title, [(c.text, c.checkworthy) for c in pipe.extract_claims(article, doc)]


# ---------------------------------------------------------------- the same article in three formats


@pytest.mark.parametrize("n", range(len(NEWS)))
def test_docx_and_pdf_give_the_same_text_and_claims_as_the_txt(tmp_path, real_pipeline, n):
    title, paragraphs = NEWS[n]
    txt = write_txt(tmp_path / "story.txt", title, paragraphs)
    docx = write_docx(tmp_path / "story.docx", title, paragraphs)
    pdf = write_pdf(tmp_path / "story.pdf", title, paragraphs)
    text, found = _normalized(txt)
    assert found == title
    for path in (docx, pdf):
        got_text, got_title = _normalized(path)
        assert (got_text.strip(), got_title) == (text.strip(), title), path.name
        assert "Gazette" not in got_text and "Page" not in got_text  # running head and foot dropped
    expected = _claims(real_pipeline, txt)
    assert len(expected[1]) >= 3
    assert _claims(real_pipeline, docx) == expected
    assert _claims(real_pipeline, pdf) == expected


def test_claims_command_reads_docx_and_pdf(tmp_path):
    title, paragraphs = NEWS[0]
    rows = {}
    for write, suffix in ((write_txt, "txt"), (write_docx, "docx"), (write_pdf, "pdf")):
        r = cli("claims", write(tmp_path / f"ferry.{suffix}", title, paragraphs), "--format", "jsonl")
        assert r.exit_code == 0, r.output
        rows[suffix] = [json.loads(line)["text"] for line in r.stdout.splitlines()]
    assert rows["docx"] == rows["txt"] == rows["pdf"] and any("Island Lines" in t for t in rows["txt"])


def test_pdf_pages_lose_running_heads_and_page_numbers_and_keep_paragraphs():
    things = ["bridge", "library", "tram line", "harbour wall", "school", "market hall", "park", "depot"]
    paragraphs = [f"Paragraph {i} of the report. " + " ".join(
        f"The council said the {things[(i + k) % 8]} would open in {2025 + k} at a cost of {i + k} million."
        for k in range(3 + i % 5)) for i in range(120)]
    pdf = make_pdf("Bridge report", paragraphs, fmt="A4", head="Riverton Council - Annual report 2024")
    data = bytes(pdf.output())
    import pypdf

    n_pages = len(pypdf.PdfReader(io.BytesIO(data)).pages)
    start = time.perf_counter()
    text = document_text(data, "report.pdf", 10**7)
    elapsed = time.perf_counter() - start
    assert n_pages >= 10 and elapsed < 5
    blocks = text.split("\n\n")
    assert blocks[0] == "Bridge report"
    assert blocks[1:] == [" ".join(p.split()) for p in paragraphs]  # one paragraph each, page breaks joined
    assert "Riverton Council" not in text and "Page " not in text


def test_bare_page_numbers_go_and_a_word_broken_at_a_hyphen_is_joined():
    from claimcheck.core.documents import _drop_furniture, _Line, _paragraphs

    page = [_Line("Mayor opens well-", 700, 10), _Line("known market hall.", 688, 10), _Line("3", 40, 8)]
    assert _paragraphs(_drop_furniture([page])) == "Mayor opens well-known market hall."
    assert _paragraphs(_drop_furniture([[_Line("Page 2 of 9", 800, 8)] + page[:2]])) == "Mayor opens well-known market hall."


def test_docx_title_style_tables_and_markup_characters(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Rates held at 5% *for now*", style="Title")
    d.add_paragraph("The bank kept rates at 5.25% <b>unchanged</b> on Thursday; A_B & C [1] said so.")
    d.add_paragraph("# not a heading, 1. not a list")
    d.add_heading("Reaction", level=2)
    table = d.add_table(rows=2, cols=2)
    for i, row in enumerate([("Bank", "Rate"), ("Central", "5.25%")]):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    d.save(str(tmp_path / "rates.docx"))
    text, title = _normalized(tmp_path / "rates.docx")
    assert title == "Rates held at 5% *for now*"
    assert text.split("\n\n") == ["Rates held at 5% *for now*",
                                  "The bank kept rates at 5.25% <b>unchanged</b> on Thursday; A_B & C [1] said so.",
                                  "# not a heading, 1. not a list", "Reaction", "Bank | Rate", "Central | 5.25%"]


# ---------------------------------------------------------------- what cannot be read: one line, exit 2


def _scan_pdf(path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a page of drawing, no text layer
    pdf.output(str(path))
    return path


def _encrypted_pdf(path, user="secret"):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bytes(make_pdf(*NEWS[1]).output()))))
    writer.encrypt(user_password=user, owner_password="owner", algorithm="RC4-128")  # RC4 needs no cryptography
    writer.write(str(path))
    return path


def _cut(write, suffix):
    def make(p):
        full = write(p / f"full.{suffix}", *NEWS[2])
        out = p / f"cut.{suffix}"
        out.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
        return out
    return make


def _empty_docx(p):
    import docx

    docx.Document().save(str(p / "blank.docx"))
    return p / "blank.docx"


@pytest.mark.parametrize("make,expect", [
    (_cut(write_docx, "docx"), "cut.docx: is not a readable Word .docx file (damaged or truncated"),
    (_cut(write_pdf, "pdf"), "cut.pdf: is not a readable PDF file (truncated"),
    (lambda p: (p / "junk.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n") and p / "junk.pdf",
     "junk.pdf: is not a readable PDF file"),
    (lambda p: (p / "junk.docx").write_bytes(b"PK\x03\x04 not really a zip") and p / "junk.docx",
     "junk.docx: is not a readable Word .docx file"),
    (lambda p: _encrypted_pdf(p / "locked.pdf"), "locked.pdf: is encrypted"),
    # the signature an encrypted Office file carries: a compound file with an EncryptionInfo stream
    (lambda p: (p / "locked.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64
                                               + "EncryptionInfo".encode("utf-16-le")) and p / "locked.docx",
     "locked.docx: is encrypted"),
    (lambda p: (p / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512) and p / "old.docx",
     "old.docx: is an old Word .doc file"),
    (lambda p: _scan_pdf(p / "scan.pdf"), "scan.pdf: has no text layer"),
    (_empty_docx, "blank.docx: has no text"),
])
def test_unreadable_documents_are_one_line_and_exit_2(tmp_path, make, expect):
    path = make(tmp_path)
    for command in (["claims", path], ["check", path, "--corpus", CORPUS]):
        r = cli(*command)
        assert r.exit_code == 2, r.output
        assert expect in r.stderr and "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_a_pdf_locked_only_against_editing_is_read(tmp_path):
    text, title = _normalized(_encrypted_pdf(tmp_path / "restricted.pdf", user=""))
    assert title == NEWS[1][0] and "Riverton city council" in text


def test_a_document_on_stdin_is_told_to_come_as_a_file(tmp_path):
    data = write_pdf(tmp_path / "a.pdf", *NEWS[0]).read_bytes()
    r = runner.invoke(_register(), ["claims", "-"], input=data)
    assert r.exit_code == 2 and "looks like a PDF or Word file" in r.stderr


def test_size_limits_hold_for_the_file_and_for_its_text(tmp_path, monkeypatch):
    import claimcheck.core.documents as documents
    import claimcheck.core.io as cio

    pdf = write_pdf(tmp_path / "a.pdf", *NEWS[0])
    docx = write_docx(tmp_path / "a.docx", *NEWS[0])
    with pytest.raises(InputError, match="holds too much text"):
        document_text(pdf.read_bytes(), "a.pdf", 100)
    with pytest.raises(InputError, match="holds too much text"):
        document_text(docx.read_bytes(), "a.docx", 100, plain=True)
    monkeypatch.setattr(documents, "UNZIPPED_FACTOR", 0)  # every .docx unpacks to more than nothing
    monkeypatch.setattr(documents, "UNZIPPED_MIN", 0)
    with pytest.raises(InputError, match=r"a\.docx: unpacks to [\d,]+ bytes"):
        document_text(docx.read_bytes(), "a.docx", 100)
    monkeypatch.setattr(cio, "MAX_INPUT_BYTES", 1000)
    r = cli("claims", pdf)
    assert r.exit_code == 2 and "a.pdf: too large" in r.stderr


# ---------------------------------------------------------------- corpora


def test_folder_corpus_reads_docx_and_pdf_as_plain_text(tmp_path):
    write_docx(tmp_path / "ferry.docx", *NEWS[0])
    (tmp_path / "sub").mkdir()
    write_pdf(tmp_path / "sub" / "lanes.pdf", *NEWS[1])
    write_txt(tmp_path / "museum.txt", *NEWS[2])
    docs = {d.id: d for d in load_documents(tmp_path)}
    assert sorted(docs) == ["ferry", "museum", "sub/lanes"]
    assert [docs[k].title for k in ("ferry", "sub/lanes", "museum")] == [NEWS[0][0], NEWS[1][0], NEWS[2][0]]
    assert docs["ferry"].text.strip() == docs["ferry"].text.strip().lstrip("# ")  # plain, no markdown marks
    assert "&#" not in docs["ferry"].text and "Gazette" not in docs["sub/lanes"].text
    assert docs["sub/lanes"].text.split("\n\n")[1:] == NEWS[1][1]


def test_folder_files_whose_ids_collide_are_refused(tmp_path):
    write_txt(tmp_path / "ferry.txt", *NEWS[0])
    write_pdf(tmp_path / "ferry.pdf", *NEWS[0])
    with pytest.raises(InputError, match=r"ferry\.pdf and ferry\.txt would both have the id 'ferry'"):
        load_documents(tmp_path)


def test_a_txt_folder_and_the_same_jsonl_are_the_same_corpus(tmp_path, real_pipeline):
    """Ids without the extension and the first line as title both ways: same passages, same verdicts."""
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    folder = tmp_path / "folder"
    folder.mkdir()
    with open(tmp_path / "same.jsonl", "w", encoding="utf-8") as f:
        for row in rows:
            text = f"{row['title']}\n{row['text']}"
            (folder / f"{row['id']}.txt").write_text(text, encoding="utf-8")
            f.write(json.dumps({"id": row["id"], "text": text}) + "\n")
    a, b = load_documents(folder), load_documents(tmp_path / "same.jsonl")
    assert sorted(a, key=lambda d: d.id) == sorted(b, key=lambda d: d.id)
    assert {d.title for d in a} == {row["title"] for row in rows}
    passages = [sorted((p for d in docs for p in chunk_document(d)), key=lambda p: p.passage_id) for docs in (a, b)]
    assert passages[0] == passages[1] and {p.doc_id for p in passages[0]} == {row["id"] for row in rows}  # no ".txt"
    claims = ["Webb was launched on an Ariane 5 rocket.", "Webb was launched on a Soyuz rocket.",
              "The primary mirror is 6.5 metres across.", "The harbour ferry carries cars."]
    verdicts = []
    for corpus in (folder, tmp_path / "same.jsonl"):
        judged = real_pipeline.with_corpus(str(corpus)).verify_texts(claims)
        verdicts.append([(j.verdict, round(j.score, 4), [(e.passage_id, e.title) for e in j.evidence]) for j in judged])
    assert verdicts[0] == verdicts[1]
    assert {v for v, _, _ in verdicts[0]} >= {"supported", "contradicted"}


def test_triage_lists_docx_and_pdf_articles(tmp_path):
    from claimcheck.triage.inputs import list_articles, load_article

    write_docx(tmp_path / "ferry.docx", *NEWS[0])
    write_pdf(tmp_path / "lanes.pdf", *NEWS[1])
    refs = list_articles(tmp_path)
    assert [r.id for r in refs] == ["ferry", "lanes"]
    assert all(NEWS[i][1][0][:30] in load_article(r).raw for i, r in enumerate(refs))


# ---------------------------------------------------------------- the server's upload


def test_the_server_reads_an_uploaded_docx_and_pdf(tmp_path):
    from fakes import FakePipeline, fake_client

    pipe = FakePipeline()
    client = fake_client(pipe)
    for path in (write_docx(tmp_path / "ferry.docx", *NEWS[0]), write_pdf(tmp_path / "ferry.pdf", *NEWS[0])):
        resp = client.post("/api/check", files={"file": (path.name, path.read_bytes())})
        assert resp.status_code == 200, resp.text
    (docx_raw, docx_name, _), (pdf_raw, pdf_name, _) = pipe.calls
    assert (docx_name, pdf_name) == ("ferry.docx", "ferry.pdf")
    assert normalize(docx_raw, detect_format(docx_name, docx_raw))[0] == normalize(pdf_raw, detect_format(pdf_name, pdf_raw))[0]
    cut = write_pdf(tmp_path / "cut.pdf", *NEWS[0]).read_bytes()[:500]
    resp = client.post("/api/check", files={"file": ("cut.pdf", cut)})
    assert resp.status_code == 400 and "cut.pdf: is not a readable PDF file" in resp.json()["error"]
