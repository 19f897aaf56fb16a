"""NLI cross-encoder verifier: scores (premise, hypothesis) pairs as entailment / contradiction / neutral.

Label order comes from the model's config.id2label. Premises longer than the model's window are
split into overlapping windows at token boundaries; each window is scored and the most decisive
window (highest max(entailment, contradiction)) speaks for the passage, so nothing is silently cut.
"""
from __future__ import annotations

import contextlib
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Sequence

import numpy as np

from ..core.errors import ModelNotAvailable
from ..core.registry import option
from ..runtime.roles import resolve_model
from ..core.types import PairScore

_LABEL_ALIASES = {
    "entailment": "entailment", "entails": "entailment", "supports": "entailment", "supported": "entailment",
    "contradiction": "contradiction", "contradicts": "contradiction", "refutes": "contradiction", "contradicted": "contradiction",
    "neutral": "neutral", "not_enough_info": "neutral", "not enough info": "neutral", "nei": "neutral",
}


def label_indices(id2label: dict) -> dict[str, int]:
    """Map entailment/contradiction/neutral to output columns using config.id2label."""
    out: dict[str, int] = {}
    for idx, name in id2label.items():
        key = _LABEL_ALIASES.get(str(name).strip().lower())
        if key:
            out[key] = int(idx)
    missing = {"entailment", "contradiction", "neutral"} - set(out)
    if missing:
        raise ModelNotAvailable(
            f"the verifier's id2label {dict(id2label)} does not name {', '.join(sorted(missing))}: it is not a 3-way NLI model"
        )
    return out


@dataclass
class NLIVerifier:
    """Batch scorer over an AutoModelForSequenceClassification NLI model."""

    name: str
    tokenizer: Any
    model: Any
    device: str = "cpu"
    max_length: int = 256
    batch_size: int = 32
    temperature: float = 1.0
    window_stride: float = 0.5  # overlap between premise windows, as a share of the window

    def __post_init__(self) -> None:
        self.columns = label_indices(self.model.config.id2label)

    # -- windowing ---------------------------------------------------------
    def _windows(self, premise: str, hypothesis: str) -> list[str]:
        tok = self.tokenizer
        hyp_len = len(tok(hypothesis, add_special_tokens=False)["input_ids"])
        budget = self.max_length - hyp_len - 4  # [CLS] .. [SEP] .. [SEP] (+1 spare)
        enc = tok(premise, add_special_tokens=False, return_offsets_mapping=True)
        offsets = enc["offset_mapping"]
        if len(offsets) <= budget:
            return [premise]
        if budget < 16:  # the hypothesis alone fills the window: keep a minimal premise window
            budget = 16
        step = max(1, int(budget * (1 - self.window_stride)))
        windows = []
        for start in range(0, len(offsets), step):
            chunk = offsets[start : start + budget]
            windows.append(premise[chunk[0][0] : chunk[-1][1]])
            if start + budget >= len(offsets):
                break
        return windows

    # -- scoring -------------------------------------------------------------
    def _logits(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        """Logits per pair, in batches of similar length (sorted by characters), so little padding is run."""
        onnx = getattr(self.model, "is_onnx", False)
        order = sorted(range(len(premises)), key=lambda i: len(premises[i]) + len(hypotheses[i]))
        out = np.zeros((len(premises), self.model.config.num_labels), dtype=np.float32)
        if onnx:
            context = contextlib.nullcontext()
        else:
            import torch

            context = torch.inference_mode()
        with context:
            for b in range(0, len(order), self.batch_size):
                idx = order[b : b + self.batch_size]
                enc = self.tokenizer(
                    [premises[i] for i in idx],
                    [hypotheses[i] for i in idx],
                    padding=True,
                    truncation="longest_first",  # a safety net: windows fit unless the hypothesis alone fills the window
                    max_length=self.max_length,
                    return_tensors="np" if onnx else "pt",
                )
                if onnx:
                    out[idx] = self.model.logits(enc)
                else:
                    out[idx] = self.model(**enc.to(self.device)).logits.float().cpu().numpy()
        return out

    def score_pairs(self, premises: Sequence[str], hypotheses: Sequence[str]) -> list[PairScore]:
        """Probabilities per pair, windowing long premises; order follows the input."""
        flat_p, flat_h, owner = [], [], []
        for i, (p, h) in enumerate(zip(premises, hypotheses)):
            for w in self._windows(p, h):
                flat_p.append(w)
                flat_h.append(h)
                owner.append(i)
        if not flat_p:
            return []
        logits = self._logits(flat_p, flat_h) / max(self.temperature, 1e-6)
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        ci, ce, cn = self.columns["contradiction"], self.columns["entailment"], self.columns["neutral"]
        best: dict[int, np.ndarray] = {}
        for row, i in zip(probs, owner):
            if i not in best or max(row[ce], row[ci]) > max(best[i][ce], best[i][ci]):
                best[i] = row
        return [PairScore(float(best[i][ce]), float(best[i][ci]), float(best[i][cn])) for i in range(len(premises))]


def calibrated_temperature(model_path: str) -> float:
    """The temperature `claimcheck train verifier` fitted on its dev split and wrote beside the weights
    (calibration.json); 1.0 for a model without one (hub checkpoints)."""
    import json

    f = Path(model_path) / "calibration.json"
    if not f.is_file():
        return 1.0
    try:
        return float(json.loads(f.read_text(encoding="utf-8"))["temperature"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ModelNotAvailable(f"{f} is unreadable or names no temperature ({e})") from None


@dataclass(frozen=True)
class NLIOptions:
    """[verifier] options of the nli backend: what loading and running the model needs."""

    base: str = option("", "the base model an adapter (adapter_config.json) was trained on")
    runtime: Literal["torch", "onnx"] = option("torch", "onnx: a cached fp32 ONNX Runtime export on CPU, no torch")
    max_length: int = option(NLIVerifier.max_length, "tokens per (premise, hypothesis) window")
    batch_size: int = option(NLIVerifier.batch_size, "pairs per model call")
    temperature: float | None = option(None, "softmax temperature; unset: calibration.json beside the weights, else 1")
    window_stride: float = option(NLIVerifier.window_stride, "overlap between premise windows, as a share of one")


# the NLIVerifier fields a profile sets
_MODEL_OPTIONS = tuple(f.name for f in dataclasses.fields(NLIOptions) if f.name in NLIVerifier.__dataclass_fields__)


def load_nli_verifier(model_ref: str, *, base_ref: str | None = None, device: str = "cpu", runtime: str = "torch",
                      **options) -> NLIVerifier:
    """The verifier under torch, or (runtime "onnx", on CPU) its cached fp32 ONNX export, which loads without
    torch; the same labels (config.id2label), batches and calibration temperature either way."""
    from ..runtime.onnx_runtime import uses_onnx

    path = resolve_model(model_ref)
    base = resolve_model(base_ref) if base_ref else None
    if uses_onnx(runtime, device):
        from ..runtime.onnx_runtime import load_onnx_classifier

        is_adapter = (Path(path) / "adapter_config.json").is_file()
        if is_adapter and base is None:
            from ..runtime.classifier import _adapter_base

            base = _adapter_base(Path(path), None)
        tokenizer, model = load_onnx_classifier(path, base if is_adapter else None)
    else:
        from ..runtime.classifier import load_sequence_classifier

        tokenizer, model = load_sequence_classifier(path, base, device=device)
    if "temperature" not in options:  # the temperature fitted with the weights (calibration.json), else 1
        options = {**options, "temperature": calibrated_temperature(path)}
    return NLIVerifier(name=model_ref, tokenizer=tokenizer, model=model, device=device,
                       **{k: v for k, v in options.items() if k in _MODEL_OPTIONS})
