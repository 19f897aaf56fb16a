"""A tokenizer over the `tokenizers` library, with the slice of a transformers tokenizer's call that the
verifier and the embedder use: no torch and no transformers import, so an ONNX model starts in a fraction of
a second. It reads the tokenizer.json that `save_pretrained` writes (special tokens, pair template, lower-casing).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

import numpy as np


class FastTokenizer:
    def __init__(self, folder: str | Path) -> None:
        from tokenizers import Tokenizer

        folder = Path(folder)
        self._plain = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._plain.no_truncation()
        self._plain.no_padding()
        self._json = self._plain.to_str()
        self._batched: dict[int | None, Any] = {}
        self.pad_token = "[PAD]"
        cfg = folder / "tokenizer_config.json"
        if cfg.is_file():
            pad = json.loads(cfg.read_text(encoding="utf-8")).get("pad_token")
            self.pad_token = pad.get("content", self.pad_token) if isinstance(pad, dict) else (pad or self.pad_token)
        pad_id = self._plain.token_to_id(self.pad_token)
        self.pad_id = 0 if pad_id is None else int(pad_id)

    def _batch_tokenizer(self, max_length: int | None):
        """A copy that truncates (longest first) to max_length and pads to the batch's longest row."""
        if max_length not in self._batched:
            from tokenizers import Tokenizer

            tok = Tokenizer.from_str(self._json)
            tok.no_truncation()
            if max_length:
                tok.enable_truncation(max_length, strategy="longest_first")
            tok.enable_padding(pad_id=self.pad_id, pad_token=self.pad_token)
            self._batched[max_length] = tok
        return self._batched[max_length]

    def __call__(self, text: str | Sequence[str], text_pair: str | Sequence[str] | None = None, *,
                 add_special_tokens: bool = True, return_offsets_mapping: bool = False, padding: bool = False,
                 truncation: Any = None, max_length: int | None = None, return_tensors: str | None = None) -> dict:
        batched = not isinstance(text, str)
        texts = list(text) if batched else [text]
        if text_pair is not None:
            pairs = list(text_pair) if batched else [text_pair]
            inputs: list = list(zip(texts, pairs))
        else:
            inputs = texts
        if return_tensors not in (None, "np"):
            raise ValueError(f"FastTokenizer returns numpy arrays only, not {return_tensors!r}")
        tok = self._batch_tokenizer(max_length if truncation else None) if (padding or truncation) else self._plain
        encs = tok.encode_batch(inputs, add_special_tokens=add_special_tokens)
        out: dict[str, Any] = {
            "input_ids": [e.ids for e in encs],
            "token_type_ids": [e.type_ids for e in encs],
            "attention_mask": [e.attention_mask for e in encs],
        }
        if return_offsets_mapping:
            out["offset_mapping"] = [e.offsets for e in encs]
        if return_tensors == "np":
            return {k: np.asarray(v, dtype=np.int64) for k, v in out.items()}
        return out if batched else {k: v[0] for k, v in out.items()}
