"""Text utilities every stage shares: word lists (stop words, abbreviations), the rule sentence
splitters, page-furniture (boilerplate) rules and title rules. Each piece of knowledge lives in one
submodule here; where two stages need different behaviour, the difference is named there.
"""
