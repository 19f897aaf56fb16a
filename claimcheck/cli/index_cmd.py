"""Placeholder: replaced by the owner of this module."""


def register(app) -> None:
    return None
