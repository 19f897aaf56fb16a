"""Packaging hook (the rest is in pyproject.toml): a built wheel carries the top-level folders the design
names (models/ profiles and project weights, prompts/, seeds/) inside the package, as claimcheck/_data/,
where claimcheck.profiles finds them. An editable install reads them from the checkout instead."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_DIRS = ("models", "prompts", "seeds")


class BuildPyWithData(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        here = Path(__file__).resolve().parent
        dest = Path(self.build_lib) / "claimcheck" / "_data"
        for name in DATA_DIRS:
            if (dest / name).exists():
                shutil.rmtree(dest / name)
            shutil.copytree(here / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildPyWithData})
