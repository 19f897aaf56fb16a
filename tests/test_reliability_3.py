"""Reliability round three (issue 26): bad input or a bad environment is one clear line and exit 2, and
nothing already written is lost -- output folders we did not make, symlinks, devices, the input file,
a full disk, a read-only CLAIMCHECK_HOME, bad CLAIMCHECK_* numbers, deep JSON we read back, a closed pipe."""
from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from claimcheck.cli import _register
from claimcheck.core.errors import IndexMismatch, UserError
from claimcheck.index import build_index, open_retriever
from claimcheck.core.writing import atomic_write, sibling

from conftest import REPO
from fakes import FakeEmbedder, make_docs
from helpers import results, triage, write_articles

ARTICLE = REPO / "seeds" / "article.md"
DEEP = "[" * 10_000 + "]" * 10_000


def cli(*args, input=None):
    return CliRunner().invoke(_register(), [str(a) for a in args], input=input)


def one_line(r, code: int = 2) -> str:
    assert r.exit_code == code, r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


# ---------------------------------------------------------------- 1. only replace what we made: index


def test_index_refuses_a_folder_with_someone_elses_manifest(tmp_path):
    w = tmp_path / "w"
    (w / "src").mkdir(parents=True)
    (w / "manifest.json").write_text('{"name": "PWA"}')
    (w / "src" / "app.js").write_text("js")
    before = snapshot(w)
    line = one_line(cli("index", REPO / "seeds" / "corpus.jsonl", "--out", w))  # before any model loads
    assert "not a claimcheck index" in line and "manifest.json" in line
    with pytest.raises(UserError, match="not a claimcheck index"):
        build_index(make_docs(), w, FakeEmbedder())
    assert snapshot(w) == before


def test_index_replaces_an_index_only_while_it_holds_only_its_own_files(tmp_path):
    out = tmp_path / "idx"
    build_index(make_docs(), out, FakeEmbedder())
    stats = build_index(make_docs(14), out, FakeEmbedder())  # ours: updated in place
    assert stats.added == 2
    (out / "notes.txt").write_text("mine")
    with pytest.raises(UserError, match="notes.txt"):
        build_index(make_docs(16), out, FakeEmbedder())
    assert (out / "notes.txt").read_text() == "mine"


def test_an_index_whose_manifest_was_deleted_is_still_ours(tmp_path):
    out = tmp_path / "idx"
    build_index(make_docs(), out, FakeEmbedder())
    (out / "manifest.json").unlink()
    assert build_index(make_docs(), out, FakeEmbedder()).embedded == 24


def test_index_refuses_a_mount_point(tmp_path, monkeypatch):
    out = tmp_path / "mnt"
    out.mkdir()
    real = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == out or real(p))
    with pytest.raises(UserError, match="mount point"):
        build_index(make_docs(), out, FakeEmbedder())


def test_deep_json_in_a_manifest_is_a_refusal_not_a_crash(tmp_path):
    out = tmp_path / "idx"
    build_index(make_docs(), out, FakeEmbedder())
    (out / "manifest.json").write_text(DEEP)
    with pytest.raises(IndexMismatch, match="nested too deeply"):
        open_retriever(out, embedder=FakeEmbedder())
    with pytest.raises(UserError, match="not a claimcheck index"):
        build_index(make_docs(), out, FakeEmbedder())
    one_line(cli("search", "volcano", "--corpus", out))


def test_a_glob_character_in_out_touches_no_other_build(tmp_path):
    other = tmp_path / ".idx.tmp"  # a build of "idx" in progress beside it
    other.mkdir()
    (other / "vectors.npy").write_text("in progress")
    old_style = tmp_path / ".idx.tmp-123-456"
    old_style.mkdir()
    build_index(make_docs(), tmp_path / "id*", FakeEmbedder())
    assert (other / "vectors.npy").read_text() == "in progress" and old_style.is_dir()


def test_a_long_out_name_gets_short_side_names(tmp_path):
    out = tmp_path / ("i" * 250)
    build_index(make_docs(), out, FakeEmbedder())
    assert all(len(n) <= 255 for n in (sibling(out, r).name for r in ("lock", "tmp", "old", "embedded")))
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


# ---------------------------------------------------------------- 2. full disk and read-only places


def test_full_disk_mid_index_is_one_line_and_keeps_the_old_index(tmp_path, monkeypatch):
    out = tmp_path / "idx"
    build_index(make_docs(), out, FakeEmbedder())
    before = snapshot(out)
    monkeypatch.setattr("claimcheck.index.rowfile.os.pwrite", enospc)
    with pytest.raises(UserError, match="no space left"):
        build_index(make_docs(20), out, FakeEmbedder())
    assert snapshot(out) == before
    assert not sibling(out, "tmp").exists() and not sibling(out, "lock").exists()


def test_a_disk_too_small_fails_before_any_embedding(tmp_path, monkeypatch):
    monkeypatch.setattr("claimcheck.index.rowfile.os.posix_fallocate", enospc)
    emb = FakeEmbedder()
    with pytest.raises(UserError, match="no space left"):
        build_index(make_docs(), tmp_path / "idx", emb)
    assert emb.calls == 0 and sorted(p.name for p in tmp_path.iterdir()) == []


def test_vectors_are_never_written_through_a_memory_map(tmp_path, monkeypatch):
    real = np.lib.format.open_memmap

    def read_only(filename, mode="r+", *a, **k):  # np.load(mmap_mode="r") at query time is fine
        assert mode == "r", "a write into a memory map can SIGBUS on a full disk"
        return real(filename, mode, *a, **k)

    monkeypatch.setattr(np.lib.format, "open_memmap", read_only)
    out = tmp_path / "idx"
    build_index(make_docs(), out, FakeEmbedder())
    build_index(make_docs(15), out, FakeEmbedder())  # an update copies kept rows too
    fresh = tmp_path / "fresh"
    build_index(make_docs(15), fresh, FakeEmbedder())
    for name in ("vectors.npy", "titles.npy"):
        assert np.array_equal(np.load(out / name), np.load(fresh / name))


def test_row_file_writes_scattered_rows_and_slices(tmp_path):
    from claimcheck.index.rowfile import RowFile

    want = np.zeros((10, 3), dtype=np.float16)
    with RowFile(tmp_path / "v.npy", (10, 3)) as f:
        f[2:4] = np.ones((2, 3))
        f[np.array([9, 0, 5, 6])] = np.arange(12).reshape(4, 3)
    want[2:4] = 1
    want[[9, 0, 5, 6]] = np.arange(12).reshape(4, 3)
    assert np.array_equal(np.load(tmp_path / "v.npy", mmap_mode="r"), want)


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EBUSY])
def test_output_write_failures_are_one_line_and_leave_no_temp_file(tmp_path, monkeypatch, err):
    target = tmp_path / "report.json"
    target.write_text("earlier")

    def fail(*a, **k):
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr("claimcheck.core.writing.os.replace", fail)
    with pytest.raises(UserError):
        atomic_write(target, "new")
    assert target.read_text() == "earlier" and [p.name for p in tmp_path.iterdir()] == ["report.json"]
    r = cli("claims", ARTICLE, "--format", "text", "-o", target)
    assert "report.json" in one_line(r) and target.read_text() == "earlier"


def test_triage_stops_on_a_full_disk_with_exit_3_and_resumes(tmp_path, fake, corpus, monkeypatch):
    arts = write_articles(tmp_path / "in", {f"{c}.txt": f"supported 0.9 {c}.\n" for c in "abcd"})
    out = tmp_path / "out"
    assert triage(arts, "--corpus", corpus, "--out", out, "--batch-size", "1").exit_code == 0
    (out / "results.jsonl").write_text("".join(l + "\n" for l in (out / "results.jsonl").read_text().splitlines()[:2]))
    import claimcheck.triage.store as store

    real = store._append_line

    def full(path, obj):
        raise UserError(f"{path}: no space left on the device; free some space or write elsewhere")

    monkeypatch.setattr(store, "_append_line", full)
    r = triage(arts, "--corpus", corpus, "--out", out, "--batch-size", "1")
    assert r.exit_code == 3 and r.stderr.count("error") == 1 and "Traceback" not in r.stderr
    line = r.stderr.strip().splitlines()[-1]  # after the progress bar's last state
    assert line.startswith("claimcheck: error:") and "no space left" in line and "rerun" in line
    assert [d["article"]["id"] for d in results(out)] == ["a", "b"]  # what was written stays
    monkeypatch.setattr(store, "_append_line", real)
    assert triage(arts, "--corpus", corpus, "--out", out).exit_code == 0
    assert sorted(d["article"]["id"] for d in results(out)) == ["a", "b", "c", "d"]


def test_a_failed_append_leaves_no_torn_line(tmp_path, monkeypatch):
    from claimcheck.triage.store import _append_line

    p = tmp_path / "results.jsonl"
    p.write_text('{"a": 1}\n')
    real_write, calls = os.write, []

    def half_then_full(fd, data):  # the disk fills after the first few bytes of the line
        if calls:
            raise OSError(errno.ENOSPC, "No space left on device")
        calls.append(1)
        return real_write(fd, bytes(data[:5]))

    monkeypatch.setattr("claimcheck.triage.store.os.write", half_then_full)
    with pytest.raises(UserError, match="no space left"):
        _append_line(p, {"b": "x" * 100})
    assert p.read_text() == '{"a": 1}\n'


def test_an_unwritable_home_falls_back_to_a_temporary_cache(tmp_path, monkeypatch, capsys):
    from claimcheck.core import paths

    home = tmp_path / "home-file"
    home.write_text("not a folder")
    monkeypatch.setenv("CLAIMCHECK_HOME", str(home))
    monkeypatch.setattr(paths, "_stand_in", {})
    got = paths.home_dir()
    assert got != home and got.is_dir() and os.access(got, os.W_OK)
    assert paths.home_dir() == got  # one stand-in, one warning per process
    err = capsys.readouterr().err
    assert err.count("warning") == 1 and "CLAIMCHECK_HOME" in err and "it is a file" in err

    ro = tmp_path / "ro"
    ro.mkdir()
    monkeypatch.setenv("CLAIMCHECK_HOME", str(ro))
    real = os.access
    monkeypatch.setattr(paths.os, "access", lambda p, m: False if Path(p) == ro else real(p, m))
    assert paths.home_dir() != ro


# ---------------------------------------------------------------- 1. --output


def test_output_follows_a_symlink_and_keeps_it(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic_write(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "made.txt")
    atomic_write(dangling, "made")
    assert dangling.is_symlink() and (tmp_path / "made.txt").read_text() == "made"


def test_output_onto_a_fifo_is_written_in_place(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    atomic_write(fifo, "through the pipe\n")
    reader.join(5)
    assert got == ["through the pipe\n"] and fifo.is_fifo()


def test_output_onto_a_device_is_written_in_place(tmp_path, monkeypatch):
    import claimcheck.core.writing as writing

    assert writing.is_special(Path("/dev/null")) == "a device"  # the old code, as root, replaced /dev/null
    dev = tmp_path / "dev"  # stands in for a device (never write the real one from a test)
    dev.write_text("")
    inode = dev.stat().st_ino
    monkeypatch.setattr(writing, "is_special", lambda p: "a device" if Path(p) == dev else "")
    atomic_write(dev, "in place\n")
    assert dev.stat().st_ino == inode and dev.read_text() == "in place\n"


def test_output_onto_a_socket_is_refused(tmp_path):
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        with pytest.raises(UserError, match="socket"):
            atomic_write(path, "x")
        one_line(cli("claims", ARTICLE, "-o", path))


def test_output_naming_the_input_is_refused(tmp_path):
    art = tmp_path / "art.md"
    art.write_bytes(ARTICLE.read_bytes())
    line = one_line(cli("claims", art, "-o", art))
    assert "input" in line and art.read_bytes() == ARTICLE.read_bytes()
    link = tmp_path / "link.md"
    link.symlink_to(art)
    one_line(cli("claims", art, "--output", link))
    assert art.read_bytes() == ARTICLE.read_bytes()


def test_output_with_a_250_character_name(tmp_path):
    target = tmp_path / ("x" * 250)
    atomic_write(target, "ok")
    assert target.read_text() == "ok" and [p.name for p in tmp_path.iterdir()] == [target.name]


# ---------------------------------------------------------------- 1. triage --out


def test_triage_refuses_a_folder_holding_someone_elses_outputs(tmp_path, fake, corpus):
    arts = write_articles(tmp_path / "in", {"a.txt": "supported 0.9 A.\n"})
    site = tmp_path / "site"
    (site / "reports").mkdir(parents=True)
    (site / "index.html").write_text("<h1>my site</h1>")
    (site / "reports" / "q3.html").write_text("quarterly")
    before = snapshot(site)
    for extra in ((), ("--force",)):
        line = one_line(triage(arts, "--corpus", corpus, "--out", site, *extra))
        assert "index.html" in line and "not a claimcheck triage" in line
    assert snapshot(site) == before and fake.batches == []


def test_triage_force_deletes_only_what_the_earlier_run_wrote(tmp_path, fake, corpus):
    first = write_articles(tmp_path / "first", {"a.txt": "supported 0.9 A.\n", "b.txt": "supported 0.9 B.\n"})
    out = tmp_path / "out"
    assert triage(first, "--corpus", corpus, "--out", out).exit_code == 0
    (out / "reports" / "editor-copy.html").write_text("kept")
    (out / "notes.txt").write_text("kept")
    second = write_articles(tmp_path / "second", {"c.txt": "supported 0.9 C.\n"})
    assert triage(second, "--corpus", corpus, "--out", out, "--force").exit_code == 0
    assert (out / "reports" / "editor-copy.html").read_text() == "kept" and (out / "notes.txt").read_text() == "kept"
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["c.html", "editor-copy.html"]


def test_deep_json_in_triage_state_is_one_line(tmp_path, fake, corpus):
    arts = write_articles(tmp_path / "in", {"a.txt": "supported 0.9 A.\n"})
    out = tmp_path / "out"
    assert triage(arts, "--corpus", corpus, "--out", out).exit_code == 0
    (out / "triage-state.json").write_text(DEEP)
    one_line(triage(arts, "--corpus", corpus, "--out", out))
    assert (out / "triage-state.json").read_text() == DEEP


# ---------------------------------------------------------------- 3. environment and JSON read back


@pytest.mark.parametrize("name", ["CLAIMCHECK_MAX_INPUT_BYTES", "CLAIMCHECK_MAX_ARTICLE_CHARS", "CLAIMCHECK_MAX_QUERY_CHARS"])
@pytest.mark.parametrize("value", ["abc", "1e5", "-5", "0", "2.5"])
def test_limits_from_the_environment_must_be_whole_positive_numbers(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    assert name in one_line(cli("claims", ARTICLE, "--format", "text"))


def test_limit_values_fall_back_at_import_and_parse_whole_numbers(monkeypatch):
    from claimcheck.core.env import limit

    monkeypatch.setenv("CLAIMCHECK_MAX_QUERY_CHARS", "abc")
    assert limit("CLAIMCHECK_MAX_QUERY_CHARS") == 10_000  # an import never fails; the command refuses it
    monkeypatch.setenv("CLAIMCHECK_MAX_QUERY_CHARS", " 500 ")
    assert limit("CLAIMCHECK_MAX_QUERY_CHARS") == 500


def test_eval_report_of_deep_json_is_one_line(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text(DEEP)
    assert "nested too deeply" in one_line(cli("eval", "report", deep))


# ---------------------------------------------------------------- 4. a closed pipe


def test_a_closed_pipe_ends_quietly():
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    p = subprocess.Popen([sys.executable, "-m", "claimcheck", "claims", str(ARTICLE), "--format", "text"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=REPO)
    p.stdout.close()  # the reader is gone before anything is written (`claimcheck claims x | true`)
    err = p.stderr.read().decode()
    assert p.wait(120) in (0, 141) and "error" not in err, err
