"""Train the verifier from a GPU bundle (claimcheck.research.train.bundle): what scripts/train_gpu.sh runs.

    python -m claimcheck.research.train.gpu_run --bundle gpu-bundle --out "$OUT" --max-minutes 9
    python -m claimcheck.research.train.gpu_run --bundle gpu-bundle --out /tmp/smoke --tiny --device cpu   # CPU smoke test
    python -m claimcheck.research.train.gpu_run --join DEVICE_OUT --out runs/nli-gpu     # reassemble what came back

Full fine-tuning (every weight, no LoRA) of the bundle's base with a fresh 3-way head, bf16 autocast on cuda,
large length-bucketed batches, an LR that decays to zero by the epochs or the wall-clock budget, whichever comes
first; then temperature and thresholds on the bundle's dev split, and accuracy / macro-F1 on the bundle's held-out
sets. Training and checkpoints live in --work (a rerun resumes there); OUT gets at most 8 files, none over
--split-mib MiB (a device machine returns no more): config.json, tokenizer.json, tokenizer_config.json,
calibration.json, metrics.json and the fp16 weights, split into model.safetensors.part-NN when they are larger.
--join concatenates the parts into a loadable folder.
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path

NEEDED = ("numpy", "torch", "transformers", "safetensors")
OUT_FILES = ("config.json", "tokenizer.json", "tokenizer_config.json", "calibration.json", "metrics.json")
PART = "model.safetensors.part-"
SHARD_BYTES = 15 << 20  # plain JSONL files the trainer reads stay under claimcheck.core.io's 20 MiB input limit
TINY = {"train": 300, "dev": 90, "eval": 120, "max_steps": 6, "batch_size": 16}


def check_modules(names: tuple[str, ...] = NEEDED) -> list[str]:
    """The modules that cannot be imported here (a missing claimcheck means PYTHONPATH lacks the checkout)."""
    missing = [m for m in names if importlib.util.find_spec(m) is None]
    if importlib.util.find_spec("claimcheck") is None:
        missing.append("claimcheck (run from the repository root with PYTHONPATH=.)")
    return missing


def _log(msg: str) -> None:
    print(f"[gpu] {msg}", file=sys.stderr, flush=True)


def _read_gz_lines(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [line for line in fh if line.strip()]


def unpack(gz: Path, dst_dir: Path, stem: str, limit: int | None = None, seed: int = 13) -> list[Path]:
    """Write a bundle's .jsonl.gz as plain JSONL files of at most SHARD_BYTES each (limit: a seeded sample)."""
    lines = _read_gz_lines(gz)
    if limit is not None and len(lines) > limit:
        lines = random.Random(seed).sample(lines, limit)
    dst_dir.mkdir(parents=True, exist_ok=True)
    for old in dst_dir.glob(f"{stem}-*.jsonl"):
        old.unlink()
    files, buf, size = [], [], 0
    for line in lines + [None]:
        if line is None or (buf and size + len(line.encode()) > SHARD_BYTES):
            f = dst_dir / f"{stem}-{len(files):02d}.jsonl"
            f.write_text("".join(buf), encoding="utf-8")
            files.append(f)
            buf, size = [], 0
        if line is not None:
            buf.append(line)
            size += len(line.encode())
    return files


def evaluate_heldout(model_dir: Path, eval_dir: Path, work: Path, *, device: str, max_length: int,
                     limit: int | None) -> dict:
    """Accuracy and macro-F1 of the trained model on each eval/<set>.jsonl.gz of the bundle."""
    import numpy as np

    from claimcheck.datasets.nli import read_pairs_jsonl
    from claimcheck.research.evaluate.metrics import accuracy, macro_f1
    from claimcheck.research.train.verifier import predict_logits
    from claimcheck.runtime.classifier import load_sequence_classifier

    sets = sorted(eval_dir.glob("*.jsonl.gz")) if eval_dir.is_dir() else []
    if not sets:
        return {}
    tok, model = load_sequence_classifier(str(model_dir), device=device)
    out = {}
    for gz in sets:
        name = gz.name[: -len(".jsonl.gz")]
        pairs = [p for f in unpack(gz, work / "eval", name, limit) for p in read_pairs_jsonl(f)]
        t = time.time()
        logits = predict_logits(model, tok, pairs, batch_size=256, max_length=max_length, device=device)
        label2id = {lab: int(i) for i, lab in model.config.id2label.items()}
        gold = np.array([label2id[p.label] for p in pairs])
        pred = logits.argmax(axis=1)
        out[name] = {"n": len(pairs), "accuracy": round(accuracy(gold, pred), 4),
                     "macro_f1": round(macro_f1(gold, pred, range(len(label2id))), 4),
                     "seconds": round(time.time() - t, 1)}
        _log(f"{name}: n={len(pairs)} accuracy {out[name]['accuracy']:.3f} macro-F1 {out[name]['macro_f1']:.3f}")
    return out


def write_out(model_dir: Path, out: Path, split_mib: float | None) -> list[str]:
    """Copy the model folder's files into out; weights over split_mib MiB go as numbered parts."""
    out.mkdir(parents=True, exist_ok=True)
    names = []
    for name in OUT_FILES:
        if (model_dir / name).is_file():
            shutil.copyfile(model_dir / name, out / name)
            names.append(name)
    weights = model_dir / "model.safetensors"
    limit = int(split_mib * (1 << 20)) if split_mib else None
    if limit is None or weights.stat().st_size <= limit:
        shutil.copyfile(weights, out / weights.name)
        return names + [weights.name]
    with weights.open("rb") as fh:
        i = 0
        while block := fh.read(limit):
            (out / f"{PART}{i:02d}").write_bytes(block)
            names.append(f"{PART}{i:02d}")
            i += 1
    return names


def join_out(src: Path, dst: Path) -> Path:
    """A loadable folder from what write_out wrote (parts concatenated back into model.safetensors)."""
    parts = sorted(src.glob(f"{PART}*"))
    if not parts and not (src / "model.safetensors").is_file():
        raise SystemExit(f"{src}: no model.safetensors or {PART}NN files")
    dst.mkdir(parents=True, exist_ok=True)
    for f in src.iterdir():
        if f.is_file() and not f.name.startswith(PART):
            shutil.copyfile(f, dst / f.name)
    if parts:
        with (dst / "model.safetensors").open("wb") as fh:
            for p in parts:
                fh.write(p.read_bytes())
    return dst


def run(bundle: Path, out: Path, *, work: Path, device: str, epochs: float, max_minutes: float | None,
        batch_size: int, lr: float, max_length: int, seed: int, tiny: bool, split_mib: float | None,
        eval_limit: int | None, init_from: Path | None, checkpoint_every: int) -> dict:
    from claimcheck.research.train.verifier import train_verifier

    manifest = json.loads((bundle / "manifest.json").read_text()) if (bundle / "manifest.json").is_file() else {}
    for need in ("base/config.json", "train.jsonl.gz", "dev.jsonl.gz"):
        if not (bundle / need).exists():
            raise SystemExit(f"bundle {bundle} has no {need}: pack it with scripts/pack_gpu_bundle.py and carry it")
    lim = TINY if tiny else {}
    train_files = unpack(bundle / "train.jsonl.gz", work / "data", "train", lim.get("train"), seed)
    dev_files = unpack(bundle / "dev.jsonl.gz", work / "data", "dev", lim.get("dev"), seed)
    dev_file: Path | None = dev_files[0]
    if not dev_file.stat().st_size:  # no dev split in the bundle: the trainer holds out 5% by hash
        dev_file = None
    elif len(dev_files) > 1:  # train_verifier takes one dev file
        dev_file = work / "data" / "dev-all.jsonl"
        dev_file.write_text("".join(f.read_text(encoding="utf-8") for f in dev_files), encoding="utf-8")
    _log(f"{sum(1 for f in train_files for _ in f.open())} training pairs in {len(train_files)} file(s); device {device}")
    model_dir = work / "model"
    m = train_verifier(train_files, model_dir, base_ref=str(bundle / "base"), dev_file=dev_file, epochs=epochs,
                       max_steps=lim.get("max_steps"), max_minutes=max_minutes,
                       batch_size=lim.get("batch_size", batch_size), lr=lr, max_length=max_length, seed=seed,
                       device=device, precision="auto", checkpoint_every=checkpoint_every, full=True,
                       save_dtype="fp16", init_from=init_from)
    if m["status"] == "interrupted":
        raise SystemExit(f"interrupted at step {m['step']}; rerun the same command to resume from {work}")
    m["heldout"] = evaluate_heldout(model_dir, bundle / "eval", work, device=device, max_length=max_length,
                                    limit=lim.get("eval", eval_limit))
    m["bundle"] = {"path": str(bundle), "train_pairs": manifest.get("train", {}).get("pairs"),
                   "cap_per_source_label": manifest.get("train", {}).get("cap_per_source_label"),
                   "train_sha256": manifest.get("train", {}).get("sha256"), "tiny": tiny}
    import torch

    m["hardware"] = {"device": device, "name": torch.cuda.get_device_name(0) if device.startswith("cuda") else "cpu",
                     "torch": torch.__version__}
    (model_dir / "metrics.json").write_text(json.dumps(m, indent=2) + "\n")
    m["out_files"] = write_out(model_dir, out, split_mib)
    (out / "metrics.json").write_text(json.dumps(m, indent=2) + "\n")
    return m


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="train_gpu", description=__doc__.split("\n\n")[0])
    ap.add_argument("--bundle", type=Path, default=Path("gpu-bundle"))
    ap.add_argument("--out", type=Path, default=Path(os.environ.get("OUT") or "gpu-out"),
                    help="where the weights, calibration.json and metrics.json go (default $OUT, else ./gpu-out)")
    ap.add_argument("--work", type=Path, default=None, help="training folder with checkpoints (default /tmp/claimcheck-gpu-work)")
    ap.add_argument("--device", default="auto", help="cuda, cuda:N, cpu or auto (cuda when present)")
    ap.add_argument("--epochs", type=float, default=6.0)
    ap.add_argument("--max-minutes", type=float, default=9.0, help="training wall-clock budget (LR reaches zero by then)")
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--lr", type=float, default=1e-4, help="peak LR (full fine-tuning; 6%% warmup, linear decay)")
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--init-from", type=Path, default=None, help="start from a trained verifier folder (full or adapter)")
    ap.add_argument("--split-mib", type=float, default=15.0, help="split weights over this size into parts (0: never)")
    ap.add_argument("--eval-limit", type=int, default=None, help="at most this many pairs per held-out set")
    ap.add_argument("--checkpoint-every", type=int, default=1000)
    ap.add_argument("--tiny", action="store_true",
                    help=f"smoke test: {TINY['train']} training pairs, {TINY['max_steps']} steps, small dev/eval samples")
    ap.add_argument("--join", type=Path, default=None, metavar="SRC",
                    help="no training: reassemble SRC (what a run wrote) into --out as a loadable folder")
    a = ap.parse_args(argv)
    if a.join is not None:
        print(join_out(a.join, a.out))
        return 0
    missing = check_modules()
    if missing:
        print(f"train_gpu: missing Python module(s): {', '.join(missing)}. This run needs torch, transformers, "
              "safetensors and numpy (pip install -e . is not needed: PYTHONPATH=. from the checkout).", file=sys.stderr)
        return 3
    import torch

    device = a.device
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
        if device == "cpu" and not a.tiny:
            _log("no CUDA device: training on CPU (slow; pass --tiny for a smoke test)")
    elif device.startswith("cuda") and not torch.cuda.is_available():
        print("train_gpu: --device cuda but torch sees no CUDA device", file=sys.stderr)
        return 3
    work = a.work or Path("/tmp/claimcheck-gpu-work") / ("tiny" if a.tiny else "full")
    t = time.time()
    m = run(a.bundle, a.out, work=work, device=device, epochs=a.epochs, max_minutes=a.max_minutes,
            batch_size=a.batch_size, lr=a.lr, max_length=a.max_length, seed=a.seed, tiny=a.tiny,
            split_mib=a.split_mib or None, eval_limit=a.eval_limit, init_from=a.init_from,
            checkpoint_every=a.checkpoint_every)
    d = m.get("dev", {})
    held = ", ".join(f"{k} {v['accuracy']:.3f}" for k, v in m.get("heldout", {}).items())
    print(f"train_gpu: {m['status']}, {m['train']['steps']} steps ({m['train']['epochs_done']} epochs) in "
          f"{m['train']['train_seconds']:.0f} s, {m['train']['session_pairs_per_s']:.0f} pairs/s; dev accuracy "
          f"{d.get('accuracy', float('nan')):.3f}" + (f"; {held}" if held else "") +
          f"; {len(m['out_files'])} files in {a.out} ({time.time() - t:.0f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
