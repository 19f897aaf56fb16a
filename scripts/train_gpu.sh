#!/usr/bin/env bash
# Full fine-tuning of the offline NLI verifier from a GPU bundle, in one command.
#
#   scripts/train_gpu.sh                      # cuda, bundle ./gpu-bundle, results in $OUT (default ./gpu-out), 9 min
#   scripts/train_gpu.sh --max-minutes 5 --epochs 4 --batch-size 512
#   scripts/train_gpu.sh --tiny --device cpu  # CPU smoke test: 300 pairs, 6 steps, same code path
#
# Needs the repository checkout (run from anywhere; it cd's to the root), the bundle that
# scripts/pack_gpu_bundle.py wrote (carry it: it is git-ignored) and python3 with torch, transformers,
# safetensors and numpy. No pip install: claimcheck runs from PYTHONPATH. Other options: see
# `python -m claimcheck.research.train.gpu_run --help`. Reassemble what comes back with
#   PYTHONPATH=. python -m claimcheck.research.train.gpu_run --join <returned folder> --out runs/nli-gpu
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  if [ -x .venv/bin/python ] && .venv/bin/python -c "import torch" 2>/dev/null; then PY=.venv/bin/python; else PY=python3; fi
fi
command -v "$PY" >/dev/null || { echo "train_gpu: no python ($PY)" >&2; exit 3; }
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
export OUT="${OUT:-$PWD/gpu-out}"
"$PY" - <<'PYCHECK' || exit 3
import importlib.util, sys
missing = [m for m in ("numpy", "torch", "transformers", "safetensors") if importlib.util.find_spec(m) is None]
if missing:
    sys.exit(f"train_gpu: missing Python module(s): {', '.join(missing)} (needed: torch, transformers, safetensors, numpy)")
PYCHECK
exec "$PY" -m claimcheck.research.train.gpu_run --out "$OUT" "$@"
