"""Text utilities every stage shares; each piece of knowledge lives in one submodule here.

- words: stop words (a core list plus named groups per use) and abbreviations (a base list plus what
  each rule splitter adds);
- sentences: the rule sentence splitters (corpus passages; scraped text and model output), the
  glued-stop rule the spaCy segmenter's normalisation uses, the prompted backend's one-line cut;
- boilerplate: page furniture, removed from article text (segment), marked not check-worthy (claims),
  kept out of summaries (extractive summarizer);
- titles: the corpus and plain-text article title rules, and whether a sentence repeats a title.

The spaCy segmentation of articles stays in claimcheck.text.segment; it reads its abbreviations here.
Where two stages need different behaviour, the difference is named in the submodule, not copied.
"""
