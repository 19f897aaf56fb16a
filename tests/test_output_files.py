"""Output files: --output is checked before any work, "wrote FILE" goes to stderr, and written files get
normal permissions (the umask's), not the private 0600 of the temp file they are renamed from."""
from __future__ import annotations

import os
import stat

import pytest
from typer.testing import CliRunner

from claimcheck.cli import _register
from claimcheck.core.errors import InputError
from claimcheck.core.io import atomic_write, check_output, emit

from conftest import REPO

ARTICLE = REPO / "seeds" / "article.md"


def cli(*args, input=None):
    return CliRunner().invoke(_register(), [str(a) for a in args], input=input)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask():
    old = os.umask(0o022)
    yield lambda m: os.umask(m)
    os.umask(old)


def test_written_files_follow_the_umask(tmp_path, umask):
    atomic_write(tmp_path / "shared.html", "<p>x</p>")
    assert mode(tmp_path / "shared.html") == 0o644  # colleagues can open a dashboard on a shared drive
    umask(0o077)
    atomic_write(tmp_path / "private.html", "<p>x</p>")
    assert mode(tmp_path / "private.html") == 0o600
    umask(0o002)
    atomic_write(tmp_path / "group.csv", "a,b\n")
    assert mode(tmp_path / "group.csv") == 0o664


def test_rewriting_a_file_keeps_its_mode(tmp_path, umask):
    p = tmp_path / "ranking.csv"
    p.write_text("old\n")
    p.chmod(0o640)
    atomic_write(p, "new\n")
    assert p.read_text() == "new\n" and mode(p) == 0o640


def test_triage_outputs_are_readable_by_others(tmp_path, umask):
    from fakes import triage_pipeline
    from helpers import triage, write_articles

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "d1", "text": "Reference text."}\n')
    arts = write_articles(tmp_path / "in", {"a.txt": "supported 0.9 A.\n"})
    r = triage(arts, "--corpus", corpus, "--out", tmp_path / "out", factory=lambda cfg: triage_pipeline())
    assert r.exit_code == 0, r.output
    for name in ("index.html", "ranking.csv", "reports/a.html"):
        assert mode(tmp_path / "out" / name) == 0o644, name


@pytest.mark.parametrize("make,phrase", [
    (lambda t: t / "no-such-folder" / "r.html", "does not exist"),
    (lambda t: t, "is a folder"),
])
def test_check_output_refuses_unwritable_targets(tmp_path, make, phrase):
    with pytest.raises(InputError, match=phrase):
        check_output(make(tmp_path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_check_output_refuses_a_read_only_folder(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        with pytest.raises(InputError, match="not writable"):
            check_output(ro / "r.json")
    finally:
        ro.chmod(0o700)


def test_a_bad_output_fails_before_any_work(tmp_path):
    # the corpus does not exist either: the --output line comes first, so nothing was opened or loaded
    r = cli("check", ARTICLE, "--corpus", tmp_path / "missing.jsonl", "--output", tmp_path / "nope" / "r.html")
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == [f"claimcheck: error: {tmp_path / 'nope' / 'r.html'}: folder "
                                             f"{tmp_path / 'nope'} does not exist"]


def test_emit_says_where_it_wrote(tmp_path, capsys):
    emit("{}", str(tmp_path / "r.json"))
    out = capsys.readouterr()
    assert out.out == "" and out.err == f"claimcheck: wrote {tmp_path / 'r.json'}\n"
    emit("{}", None)
    assert capsys.readouterr().out == "{}\n"
