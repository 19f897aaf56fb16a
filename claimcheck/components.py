"""The models and settings a Pipeline runs with, as one explicit object.

`Components(profile, device)` loads each part from the profile the first time it is asked for, once.
Several pipelines (one per corpus: the server, eval, triage) share one Components, so the models load
once per process. Ready-made parts are passed by name (a fake verifier in a test, a tuned claim rule in
the threshold sweep); `replace(...)` gives a Components that shares everything loaded so far but those.

    comps = Components(load_profile("offline"), "cpu")
    pipe = Pipeline(comps.profile, comps.device, corpus="a.jsonl", components=comps)
    other = pipe.with_corpus("b.jsonl")          # the same models
"""
from __future__ import annotations

from typing import Any

from .core import registry
from .profiles import Profile

NAMES = ("nlp", "embedder", "extractor", "summarizer", "verifier", "aggregate_config", "rationale_config")


class Components:
    def __init__(self, profile: Profile, device: str = "cpu", **given: Any) -> None:
        unknown = sorted(set(given) - set(NAMES))
        if unknown:
            raise TypeError(f"unknown component(s) {', '.join(unknown)} (known: {', '.join(NAMES)})")
        validate(profile)
        self.profile = profile
        self.device = device
        self._parts: dict[str, Any] = {k: v for k, v in given.items() if v is not None}

    def __repr__(self) -> str:
        return f"Components(profile={self.profile.name!r}, device={self.device!r}, loaded={sorted(self._parts)})"

    def get(self, name: str) -> Any:
        """The part called `name`, loaded from the profile on first use."""
        if name not in NAMES:
            raise KeyError(f"unknown component {name!r} (known: {', '.join(NAMES)})")
        if name not in self._parts:
            self._parts[name] = getattr(self, f"_load_{name}")()
        return self._parts[name]

    def loaded(self) -> dict[str, Any]:
        """The parts loaded (or given) so far, by name."""
        return dict(self._parts)

    def load_all(self) -> "Components":
        for name in NAMES:
            self.get(name)
        return self

    def replace(self, **given: Any) -> "Components":
        """A Components sharing every part loaded so far, with `given` parts swapped in."""
        return Components(self.profile, self.device, **{**self._parts, **given})

    nlp = property(lambda self: self.get("nlp"))
    embedder = property(lambda self: self.get("embedder"))
    extractor = property(lambda self: self.get("extractor"))
    summarizer = property(lambda self: self.get("summarizer"))
    verifier = property(lambda self: self.get("verifier"))
    aggregate_config = property(lambda self: self.get("aggregate_config"))
    rationale_config = property(lambda self: self.get("rationale_config"))

    # ---------------------------------------------------------------- loaders
    def _load_nlp(self):
        from .runtime.nlp import get_nlp, role_spacy

        return get_nlp(role_spacy(self.profile.role("claims")))

    def _load_embedder(self):
        from .runtime.embed import load_role_embedder

        return load_role_embedder(self.profile.role("embedder"), self.device)

    def _load_extractor(self):
        from .claims import get_extractor

        return get_extractor(self.profile.role("claims"), self.device)

    def _load_summarizer(self):
        from .summarize import get_summarizer

        return get_summarizer(self.profile.role("summarizer"), self.device, embedder=self.embedder)

    def _load_verifier(self):
        from .verify import get_verifier

        return get_verifier(self.profile.role("verifier"), self.device, embedder=self.embedder)

    def _load_aggregate_config(self):
        from .verify import judge_config

        return judge_config(self.profile.roles.get("verifier"), self.profile.section("judge"),
                            f"profile {self.profile.path}: [judge]")

    def _load_rationale_config(self):
        from .verify.rationale import RationaleConfig

        return registry.parse_options(RationaleConfig, self.profile.section("rationale"),
                                      f"profile {self.profile.path}: [rationale]")


def validate(profile: Profile) -> None:
    """Check every table of `profile` against the registry, names and types, before any weights load: one line
    (close match, known keys; or the key, the type it needs and the value given) for the first problem."""
    register_all()
    for role, cfg in profile.roles.items():
        backend = registry.backend(role, cfg.backend)
        registry.parse_options(backend.options, cfg.options, f"profile {profile.path}: [{role}]")
    for name, cls in registry.sections().items():
        registry.parse_options(cls, profile.section(name), f"profile {profile.path}: [{name}]")


def register_all() -> None:
    """Import the modules that register the roles' backends and the tables' options (none imports anything heavy)."""
    from . import claims, summarize, verify  # noqa: F401
    from .runtime import embed  # noqa: F401
    from .index import config  # noqa: F401
    from .verify import rationale  # noqa: F401
