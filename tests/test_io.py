"""Reading user input: clear errors for missing, empty, binary, non-UTF-8 and malformed files; atomic writes."""
import pytest

from claimcheck.core.errors import InputError
from claimcheck.core.io import atomic_write, read_claims, read_text


def test_missing_empty_binary_and_latin1_files_are_refused(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(str(tmp_path / "nope.txt"))
    (tmp_path / "empty.txt").write_text("  \n")
    with pytest.raises(InputError, match="empty"):
        read_text(str(tmp_path / "empty.txt"))
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary"):
        read_text(str(tmp_path / "bin.txt"))
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_text(str(tmp_path / "latin.txt"))
    with pytest.raises(InputError, match="folder"):
        read_text(str(tmp_path))


def test_utf8_bom_and_utf16_are_read(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffHello world.".encode("utf-8"))
    assert read_text(str(tmp_path / "bom.txt")).text == "Hello world."
    (tmp_path / "u16.txt").write_bytes("Hello world.".encode("utf-16"))
    assert read_text(str(tmp_path / "u16.txt")).text == "Hello world."


def test_huge_input_is_refused(tmp_path, monkeypatch):
    import claimcheck.core.io as io

    monkeypatch.setattr(io, "MAX_INPUT_BYTES", 100)
    (tmp_path / "big.txt").write_text("word " * 100)
    with pytest.raises(InputError, match="too large"):
        read_text(str(tmp_path / "big.txt"))


def test_claims_from_jsonl_and_text(tmp_path):
    (tmp_path / "c.jsonl").write_text('{"id": "a", "claim": "One."}\n\n{"id": 7, "claim": "Two."}\n')
    assert [(c.id, c.claim) for c in read_claims(str(tmp_path / "c.jsonl"))] == [("a", "One."), ("7", "Two.")]
    (tmp_path / "c.txt").write_text("First claim.\n\nSecond claim.\n")
    assert [c.claim for c in read_claims(str(tmp_path / "c.txt"))] == ["First claim.", "Second claim."]


def test_malformed_jsonl_names_the_line(tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"id": "a", "claim": "ok"}\n{"id": "b", "claim": \n')
    with pytest.raises(InputError, match="bad.jsonl:2: not valid JSON"):
        read_claims(str(tmp_path / "bad.jsonl"))
    (tmp_path / "noclaim.jsonl").write_text('{"id": "a", "text": "wrong key"}\n')
    with pytest.raises(InputError, match='noclaim.jsonl:1: has no "claim"'):
        read_claims(str(tmp_path / "noclaim.jsonl"))


def test_atomic_write_keeps_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "out.json"
    target.write_text("old report")

    class Boom(Exception):
        pass

    def bad_fsync(fd):
        raise Boom()

    monkeypatch.setattr("os.fsync", bad_fsync)
    with pytest.raises(Boom):
        atomic_write(target, "new report")
    assert target.read_text() == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
