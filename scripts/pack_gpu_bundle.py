"""Pack the GPU bundle (base encoder in fp16, the full training recipe, dev and held-out sets) into gpu-bundle/.

    .venv/bin/python scripts/pack_gpu_bundle.py [--out gpu-bundle] [--budget-mib 60]

The same as `claimcheck train pack`; see claimcheck.research.train.bundle for the layout and the size rule.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimcheck.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.argv = ["claimcheck", "train", "pack", *sys.argv[1:]]
    main()
