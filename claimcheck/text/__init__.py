"""Text every stage shares: an article's markup turned into text and split into sentences, and the text
utilities the stages read; each piece of knowledge lives in one submodule here.

- markup: txt, md, html and json articles as plain text and a title (`normalize`, `detect_format`), and
  the size check a raw article passes before any model loads;
- segment: the spaCy sentence segmentation of articles (exact character offsets);
- language: is a text English (the stop-word rate the report warns on);
- words: stop words (a core list plus named groups per use) and abbreviations (a base list plus what
  each rule splitter adds);
- sentences: the rule sentence splitters (corpus passages; scraped text and model output), the
  glued-stop rule the spaCy segmenter's normalisation uses, the prompted backend's one-line cut;
- boilerplate: page furniture, removed from article text (markup), marked not check-worthy (claims),
  kept out of summaries (extractive summarizer);
- titles: the corpus and plain-text article title rules, and whether a sentence repeats a title.

Where two stages need different behaviour, the difference is named in the submodule, not copied.
"""
