"""How much one run accepts: the article and query sizes every entry point checks, in one place.

The article limit is in characters of text (after markup is stripped), the unit the pipeline's cost
follows; it is checked before any model loads. The README's reliability section gives the time and
memory a check of an article at the limit takes. The markup is stripped by
claimcheck.text.markup.check_raw_article, which holds a raw article to this limit.
"""
from __future__ import annotations

from .env import limit
from .errors import InputError

# whole positive numbers from the environment (claimcheck.core.env validates them at every command)
MAX_ARTICLE_CHARS = limit("CLAIMCHECK_MAX_ARTICLE_CHARS")
MAX_QUERY_CHARS = limit("CLAIMCHECK_MAX_QUERY_CHARS")  # a search query or a claim to verify
MAX_CLAIMS = limit("CLAIMCHECK_MAX_CLAIMS")  # claims in one `claimcheck verify` input


def check_article_size(text: str, name: str) -> None:
    """Refuse an article whose text is longer than MAX_ARTICLE_CHARS."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(f"{name}: too long to check ({len(text):,} characters of text; the limit is "
                         f"{MAX_ARTICLE_CHARS:,}, set CLAIMCHECK_MAX_ARTICLE_CHARS to change it)")


def check_query_size(query: str, name: str = "query") -> None:
    if len(query) > MAX_QUERY_CHARS:
        raise InputError(f"{name}: too long ({len(query):,} characters; the limit is {MAX_QUERY_CHARS:,}, "
                         "set CLAIMCHECK_MAX_QUERY_CHARS to change it)")


def check_claims_count(n: int, name: str) -> None:
    """Refuse a verify input holding more than MAX_CLAIMS claims (before any model loads)."""
    if n > MAX_CLAIMS:
        raise InputError(f"{name}: holds {n:,} claims; the limit is {MAX_CLAIMS:,} (split the file, or set "
                         "CLAIMCHECK_MAX_CLAIMS to change it)")
