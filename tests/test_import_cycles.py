"""The package has no import cycles (the team's checker, ../shared/tools/import_cycles.py, exits 1 on any)."""
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TOOL = REPO.parent / "shared" / "tools" / "import_cycles.py"


@pytest.mark.skipif(not TOOL.is_file(), reason="../shared/tools is absent (a user's clone); CI has it")
def test_the_package_has_no_import_cycles():
    run = subprocess.run([sys.executable, str(TOOL), "claimcheck"], cwd=REPO, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().startswith("0 import cycle"), run.stdout
