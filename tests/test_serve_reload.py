"""Issue 26: an index rebuilt under a running server is taken up whole between checks, never a 500.

Before: the server's store opened BM25 lazily from the folder, so after `claimcheck index` swapped a new
build in, the new BM25 ranked rows the old vectors did not have (IndexError, HTTP 500 until restart)."""
from __future__ import annotations

import shutil
from pathlib import Path

from starlette.testclient import TestClient

from claimcheck.index.corpus import Document, load_documents
from claimcheck.index import build_index, open_retriever

from conftest import DEMO_ARTICLE, DEMO_CORPUS
from fakes import FakeEmbedder, make_docs


def test_a_retriever_keeps_its_build_until_refresh_takes_the_new_one_whole(tmp_path):
    emb = FakeEmbedder()
    out = tmp_path / "idx"
    build_index(make_docs(6), out, emb)
    r = open_retriever(out, embedder=emb)
    assert r.refresh() is False and r.n_passages == 6 * 2
    shutil.copytree(out, tmp_path / "snapshot")
    first = open_retriever(tmp_path / "snapshot", embedder=emb).search("volcano lava eruption", 5)
    bigger = [Document(f"n{i}", f"Volcano lava eruption report number {i}. It closed roads.", title="") for i in range(40)]
    build_index(make_docs(6) + bigger, out, emb)  # BM25 of the new build ranks rows the old one lacks
    assert r.search("volcano lava eruption", 5) == first  # the old build, whole, until refresh()
    assert r.refresh() is True and r.n_passages > 40
    after = r.search("volcano lava eruption report", 5)
    assert any(h.passage.doc_id.startswith("n") for h in after)
    assert r.refresh() is False  # nothing new since


def test_an_index_rebuilt_under_a_running_server_is_used_without_a_500(tmp_path, real_pipeline):
    from claimcheck.serve import Checker, create_app
    from claimcheck.serve.checker import Corpus

    docs = load_documents(DEMO_CORPUS)
    emb = real_pipeline.components.embedder
    out = tmp_path / "idx"
    build_index(docs, out, emb)
    pipe = real_pipeline.with_corpus(str(out))
    _ = pipe.retriever
    client = TestClient(create_app(Checker([Corpus("idx", str(out), pipe)])))
    text = Path(DEMO_ARTICLE).read_text(encoding="utf-8")
    # `claimcheck index` into the same folder: the article's own sentences first, so the new rows that
    # BM25 ranks highest are rows the old build does not have
    sentences = [s for s in text.replace("\n", " ").split(". ") if len(s) > 30]
    build_index([Document(f"copy{i}", s + ".", title="") for i, s in enumerate(sentences * 3)] + docs, out, emb)
    r = client.post("/api/check", json={"text": text})
    assert r.status_code == 200, r.text
    assert client.get("/api/corpora").json()["corpora"][0]["passages"] > len(docs)
    assert any(e["doc_id"].startswith("copy") for c in r.json()["claims"] for e in c["evidence"])
