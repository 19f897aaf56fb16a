"""Load a sequence classifier (NLI cross-encoder): a full HF checkpoint, or a LoRA adapter + head on a base.

An adapter folder (what `claimcheck train verifier` writes) holds adapter_config.json, the adapter
weights (LoRA + fully trained pooler/classifier), config.json with id2label/label2id, and usually the
tokenizer. Its base is `base_path`, else the reference in adapter_config.json ("pkg:..." or a path).
Label order always comes from model.config.id2label.
"""
from __future__ import annotations

import json
from pathlib import Path

from claimcheck.core.errors import ModelNotAvailable
from claimcheck.runtime.roles import resolve_model

_TOKENIZER_FILES = ("tokenizer.json", "vocab.txt", "tokenizer_config.json")


def _has_tokenizer(d: Path) -> bool:
    return any((d / f).is_file() for f in _TOKENIZER_FILES)


def _adapter_base(model_dir: Path, base_path: str | None) -> str:
    if base_path:
        return resolve_model(base_path)
    try:
        cfg = json.loads((model_dir / "adapter_config.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ModelNotAvailable(f"adapter {model_dir}: unreadable adapter_config.json ({e})") from None
    ref = cfg.get("base_model_name_or_path")
    if not ref:
        raise ModelNotAvailable(f"adapter {model_dir} names no base model; pass base_path")
    return resolve_model(str(ref))


def load_sequence_classifier(model_path: str, base_path: str | None = None, device: str = "cpu"):
    """Return (tokenizer, model) in eval mode on `device`; a LoRA adapter is merged into its base."""
    import transformers
    from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer

    d = Path(model_path).expanduser()
    if not d.is_dir():
        raise ModelNotAvailable(f"verifier model folder {d} does not exist")
    if not (d / "config.json").is_file():
        raise ModelNotAvailable(f"verifier model folder {d} has no config.json")
    is_adapter = (d / "adapter_config.json").is_file()
    prev = transformers.logging.get_verbosity()
    transformers.logging.set_verbosity_error()  # the "newly initialised classifier" notice is expected here
    try:
        if is_adapter:
            from peft import PeftModel

            base = _adapter_base(d, base_path)
            config = AutoConfig.from_pretrained(str(d))
            model = AutoModelForSequenceClassification.from_pretrained(base, config=config)
            model = PeftModel.from_pretrained(model, str(d)).merge_and_unload()
            tok_dir = str(d) if _has_tokenizer(d) else base
        else:
            model = AutoModelForSequenceClassification.from_pretrained(str(d))
            tok_dir = str(d) if _has_tokenizer(d) else (base_path and _resolve(base_path)) or str(d)
        tokenizer = AutoTokenizer.from_pretrained(tok_dir)
    except ModelNotAvailable:
        raise
    except (OSError, ValueError, KeyError, RuntimeError) as e:
        msg = " ".join(str(e).split())[:300]
        raise ModelNotAvailable(f"cannot load verifier from {d}: {type(e).__name__}: {msg}") from None
    finally:
        transformers.logging.set_verbosity(prev)
    id2label = getattr(model.config, "id2label", None) or {}
    if len(id2label) != model.config.num_labels:
        raise ModelNotAvailable(f"verifier {d}: config.id2label does not match num_labels")
    model.to(device)
    model.eval()
    if device == "cpu":
        from claimcheck.runtime.compute import torch_threads

        torch_threads()
    return tokenizer, model


def _resolve(ref: str) -> str:
    return resolve_model(ref)
