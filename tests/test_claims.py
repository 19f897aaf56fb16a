"""Claim extraction: decomposition, coreference, attribution, check-worthiness, dedup, spans, backends."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from claimcheck.core import registry
from claimcheck.claims import ClaimExtractor, Draft, finalize, get_extractor, known_backends
from claimcheck.claims.prompted import PromptedExtractor, fill, load_template, parse_claims
from claimcheck.core.errors import UserError
from claimcheck.profiles import RoleConfig
from claimcheck.text.markup import normalize
from claimcheck.text.segment import segment_with_doc

from helpers import extract, source, texts

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_9f40cd150d6f9b06.txt"
UNRESOLVED = re.compile(r"\b(he|she|they|his|her|their|him|them)\b|\bthe two leaders\b|\bthe North Korean leader\b", re.I)


# ---------------------------------------------------------------- decomposition


def test_coordinated_clauses_split(rules):
    article, claims = extract(rules, "Kim arrived by train on Tuesday and Putin flew to Moscow.")
    assert texts(claims) == ["Kim arrived by train on Tuesday.", "Putin flew to Moscow."]
    assert source(article, claims[0]) == "Kim arrived by train on Tuesday"
    assert source(article, claims[1]) == "Putin flew to Moscow"


def test_coordinated_verb_phrases_repeat_the_subject(rules):
    _, claims = extract(rules, "Kim Jong-un arrived in Vladivostok and said the talks would be historic.")
    assert texts(claims) == ["Kim Jong-un arrived in Vladivostok.", "Kim Jong-un said the talks would be historic."]
    assert [c.id for c in claims] == ["c1", "c2"]


def test_shared_object_is_not_split(rules):
    _, claims = extract(rules, "Kim Jong-un met and praised Vladimir Putin on Wednesday.")
    assert len(claims) == 1


def test_apposition_becomes_its_own_claim(rules):
    article, claims = extract(rules, "Sergei Shoigu, Russia's defence minister, visited Pyongyang in July.")
    assert texts(claims) == ["Sergei Shoigu visited Pyongyang in July.", "Sergei Shoigu is Russia's defence minister."]
    assert source(article, claims[1]) == "Sergei Shoigu, Russia's defence minister"


def test_place_apposition_is_not_an_identity_claim(rules):
    _, claims = extract(rules, "Kim Jong-un arrived in Vladivostok, Russia, on Tuesday.")
    assert not any(" is Russia" in t for t in texts(claims))


def test_relative_clause_becomes_its_own_claim(rules):
    text = "Kim Jong-un, who arrived at the cosmodrome by train, said relations with Moscow were a top priority."
    article, claims = extract(rules, text)
    assert texts(claims) == [
        "Kim Jong-un said relations with Moscow were a top priority.",
        "Kim Jong-un arrived at the cosmodrome by train.",
    ]
    assert source(article, claims[1]) == "Kim Jong-un, who arrived at the cosmodrome by train"


def test_object_relative_clause_puts_the_noun_back(rules):
    _, claims = extract(rules, "Kim Jong-un praised the relationship, which Putin said he hoped to raise to a higher level.")
    assert "Vladimir Putin" not in " ".join(texts(claims))
    assert "Putin said he hoped to raise the relationship to a higher level." in texts(claims)


def test_restrictive_relative_clause_stays(rules):
    _, claims = extract(rules, "North Korea opposed the resolution that condemned the invasion.")
    assert texts(claims) == ["North Korea opposed the resolution that condemned the invasion."]


# ---------------------------------------------------------------- coreference


def test_pronouns_and_descriptions_resolve(rules):
    text = (
        "North Korean leader Kim Jong-un met President Vladimir Putin on Wednesday. "
        "The two leaders discussed satellites, and the North Korean leader praised Russia. "
        "He later left for Khabarovsk. Putin said Kim was welcome."
    )
    _, claims = extract(rules, text)
    assert texts(claims) == [
        "North Korean leader Kim Jong-un met President Vladimir Putin on Wednesday.",
        "Kim Jong-un and Vladimir Putin discussed satellites.",
        "Kim Jong-un praised Russia.",
        "Kim Jong-un later left for Khabarovsk.",
        "Vladimir Putin said Kim Jong-un was welcome.",
    ]


def test_gender_and_plural_pronouns(rules):
    text = "Angela Merkel visited Paris. She met Emmanuel Macron and they discussed the budget. Her trip lasted two days."
    _, claims = extract(rules, text)
    assert texts(claims) == [
        "Angela Merkel visited Paris.",
        "Angela Merkel met Emmanuel Macron.",
        "Angela Merkel and Emmanuel Macron discussed the budget.",
        "Angela Merkel's trip lasted two days.",
    ]


def test_pronoun_named_in_the_same_claim_stays(rules):
    _, claims = extract(rules, "Kim Jong-un said he hoped to visit Moscow.")
    assert texts(claims) == ["Kim Jong-un said he hoped to visit Moscow."]


def test_cataphora_and_the_country(rules):
    text = (
        "Vladimir Putin met Kim Jong-un at a launch site in Russia. The country has faced sanctions since 2022. "
        "After his meetings with Kim, Putin spoke to reporters."
    )
    _, claims = extract(rules, text)
    assert "Russia has faced sanctions since 2022." in texts(claims)
    assert "After Vladimir Putin's meetings with Kim Jong-un, Vladimir Putin spoke to reporters." in texts(claims)


def test_pronouns_inside_quotes_stay_verbatim_with_a_bracketed_name(rules):
    text = (
        "Kim Jong-un met Vladimir Putin. “The leader of the DPRK shows great interest in rocket engineering, "
        "they are also trying to develop space capabilities,” Putin said."
    )
    _, claims = extract(rules, text)
    assert texts(claims)[1] == (
        "“The leader of the DPRK shows great interest in rocket engineering, "
        "they [the DPRK] are also trying to develop space capabilities,” Vladimir Putin said."
    )


def test_it_continues_the_named_topic_through_a_description(rules):
    text = (
        "The Hubble Space Telescope was launched in 1990. The observatory was carried into orbit by a space shuttle. "
        "It is a joint project of NASA and the European Space Agency."
    )
    _, claims = extract(rules, text)
    assert texts(claims)[2] == "The Hubble Space Telescope is a joint project of NASA and the European Space Agency."


def test_its_prefers_the_previous_subject_over_a_place_in_a_measure(rules):
    text = (
        "The Hubble Space Telescope was launched in 1990. Hubble orbits the planet about 540 kilometres above Earth. "
        "Its main mirror is 2.4 metres wide."
    )
    _, claims = extract(rules, text)
    assert texts(claims)[2] == "The Hubble Space Telescope's main mirror is 2.4 metres wide."


def test_it_in_a_relative_clause_is_not_the_relative_noun(rules):
    text = "The Hubble Space Telescope was launched in 1990. The telescope carries a sensitive camera, which lets it photograph distant galaxies."
    _, claims = extract(rules, text)
    assert "A sensitive camera lets the Hubble Space Telescope photograph distant galaxies." in texts(claims)


def test_it_after_a_reported_subject_takes_the_fullest_name(rules):
    text = (
        "The Cassini spacecraft studied Saturn for 13 years. Scientists said the probe carried a large radar. "
        "It mapped the surface of Titan."
    )
    _, claims = extract(rules, text)
    assert texts(claims)[2] == "The Cassini spacecraft mapped the surface of Titan."


def test_pleonastic_it_and_person_topics_stay_unresolved(rules):
    text = "The bridge opened in 2019. It is clear that traffic fell. Maria Lopez joined the firm. It grew quickly in the following years."
    _, claims = extract(rules, text)
    assert "It is clear that traffic fell." in texts(claims)
    assert "It grew quickly in the following years." in texts(claims)


# ---------------------------------------------------------------- attribution and quotes


def test_attribution_is_kept(rules):
    text = (
        "Putin told reporters that Russia would help North Korea build satellites. "
        "North Korea fired two missiles and Japan protested, according to Japan's defence ministry."
    )
    _, claims = extract(rules, text)
    assert texts(claims)[0] == "Putin told reporters that Russia would help North Korea build satellites."
    assert texts(claims)[1:] == [
        "North Korea fired two missiles, according to Japan's defence ministry.",
        "Japan protested, according to Japan's defence ministry.",
    ]


def test_direct_quotes_are_claims_about_what_was_said(rules):
    text = (
        'Kim Jong-un met Vladimir Putin. "We will always support Russia," Kim told Putin. '
        '"We will be together in the fight against imperialism."'
    )
    _, claims = extract(rules, text)
    assert texts(claims) == [
        "Kim Jong-un met Vladimir Putin.",
        '"We will always support Russia," Kim Jong-un told Vladimir Putin.',
        'Kim Jong-un said: "We will be together in the fight against imperialism."',
    ]


def test_unattributed_quote_is_not_checkworthy(rules):
    _, claims = extract(rules, "The crowd gathered.\n\n“Make the motherland strong again”")
    assert [(c.checkworthy, c.reason) for c in claims][1] == (False, "unattributed quote")


# ---------------------------------------------------------------- check-worthiness


@pytest.mark.parametrize(
    "sentence, reason",
    [
        ("Will the sanctions against Russia work?", "question"),
        ("Read the full report on our website.", "imperative"),
        ("We think this is a disgrace.", "opinion"),
        ("This summit is absolutely wonderful.", "opinion"),
        ("Prices may rise sharply next year.", "speculation"),
        ("The delegation was seen as likely to request spy satellites.", "speculation"),  # no named holder
        ("What a historic day for our nation!", "rhetoric"),
        ("Critics say the new stadium was far too costly.", "opinion"),
        ("Many economists argue the tax is a mistake.", "opinion"),
        ("Some fans believe the club should sack the manager.", "opinion"),
        ("Total Views : 139", "boilerplate"),
        ("Zoom In Zoom Out Read Later Print", "boilerplate"),
        ("Share on Facebook | Twitter | Email", "boilerplate"),
        ("Subscribe to our newsletter for more.", "boilerplate"),
        ("Missile tests", "fragment"),
    ],
)
def test_not_checkworthy(rules, sentence, reason):
    _, claims = extract(rules, "North Korea fired two missiles on Wednesday.\n\n" + sentence)
    assert claims[0].checkworthy
    assert len(claims) == 2
    assert (claims[1].checkworthy, claims[1].reason, claims[1].text) == (False, reason, sentence)


@pytest.mark.parametrize(
    "sentence",
    ["Government auditors say the new stadium was far too costly.", "Critics say the stadium cost £2bn."],
)
def test_named_source_or_factual_complement_stays_checkworthy(rules, sentence):
    _, claims = extract(rules, sentence)
    assert [(c.checkworthy, c.reason) for c in claims] == [(True, "")]


def test_attributed_hedge_is_checkworthy(rules):
    _, claims = extract(rules, "Officials said prices may rise next year.")
    assert [(c.checkworthy, c.reason) for c in claims] == [(True, "")]


# ---------------------------------------------------------------- dedup, ids, spans


def test_duplicates_dropped_keeping_the_earliest(rules):
    text = "Russia invaded Ukraine in 2022. Kim met Putin. Russia invaded Ukraine in 2022. Russia invaded Ukraine in 2022 ."
    _, claims = extract(rules, text)
    assert [(c.id, c.text, c.sentence_index) for c in claims] == [
        ("c1", "Russia invaded Ukraine in 2022.", 0),
        ("c2", "Kim met Putin.", 1),
    ]


def test_near_duplicates_by_token_overlap():
    drafts = [
        Draft("Kim Jong-un met Vladimir Putin at the Vostochny Cosmodrome on Wednesday.", 0, (0, 10)),
        Draft("On Wednesday, Kim Jong-un met Vladimir Putin at the Vostochny Cosmodrome.", 3, (50, 60)),
        Draft("Kim Jong-un met Vladimir Putin.", 4, (70, 80)),
    ]
    claims = finalize(drafts)
    assert [(c.id, c.sentence_index) for c in claims] == [("c1", 0), ("c2", 4)]


def test_every_sentence_yields_a_claim_in_article_order(rules):
    text = (
        "Kim Jong-un, who arrived by train, met Vladimir Putin. It rained. "
        "The talks, which lasted an hour, ended and the leaders left."
    )
    article, claims = extract(rules, text)
    assert {c.sentence_index for c in claims} == set(range(len(article.sentences)))
    assert [c.id for c in claims] == [f"c{i}" for i in range(1, len(claims) + 1)]
    assert [c.sentence_index for c in claims] == sorted(c.sentence_index for c in claims)


# ---------------------------------------------------------------- registry


def test_registry_unknown_backend_lists_known():
    assert {"rules", "prompted"} <= set(known_backends())
    with pytest.raises(UserError, match=r"unknown claims backend 'magic' \(known: .*prompted, rules"):
        get_extractor(RoleConfig("claims", "magic", ""))


def test_registry_accepts_a_new_backend():
    class Echo(ClaimExtractor):
        name = "echo"

        def extract_many(self, articles, docs=None):
            return [finalize(Draft(s.text, s.index, (s.start, s.end)) for s in a.sentences) for a in articles]

    @dataclasses.dataclass(frozen=True)
    class EchoOptions:
        pass

    registry.register("claims", "echo-test", EchoOptions)(lambda cfg, options, device: Echo())
    article, _ = segment_with_doc("Kim met Putin. They talked.", id="t")
    assert [c.text for c in get_extractor(RoleConfig("claims", "echo-test", "")).extract(article)] == [
        "Kim met Putin.", "They talked."
    ]


# ---------------------------------------------------------------- prompted backend


def test_parse_claims_reads_lines_and_drops_ungrounded_ones():
    src = "Kim Jong-un met Vladimir Putin. The two leaders discussed satellites and weapons."
    out = "Claims:\n1. Kim Jong-un and Vladimir Putin discussed satellites.\n- Kim Jong-un and Vladimir Putin discussed weapons\n* Bananas grow on tall purple trees.\n\n"
    assert parse_claims(out, src) == [
        "Kim Jong-un and Vladimir Putin discussed satellites.",
        "Kim Jong-un and Vladimir Putin discussed weapons.",
    ]
    assert parse_claims("Kim Jong-un discussed satellites. Vladimir Putin discussed weapons.", src) == [
        "Kim Jong-un discussed satellites.", "Vladimir Putin discussed weapons."
    ]
    assert parse_claims("", src) == [] and parse_claims("</s> <pad>", src) == []


def test_template_placeholders():
    template = load_template("claims_decompose")
    assert all(k in template for k in ("{sentence}", "{context}", "{title}"))
    prompt = fill(template, sentence="They met {twice}.", context="Kim met Putin.", title="Summit")
    assert "Sentence: They met {twice}." in prompt and "Context: Kim met Putin." in prompt and "Title: Summit" in prompt
    with pytest.raises(UserError, match="prompt template 'nope' not found"):
        load_template("nope")


def test_prompted_with_fake_model_maps_claims_and_falls_back(rules):
    text = "Kim Jong-un met Vladimir Putin on Wednesday. Will it work? The two leaders discussed satellites and weapons."
    article, doc = segment_with_doc(text, id="t")
    prompts_seen = []

    def fake_generate(prompts):
        prompts_seen.extend(prompts)
        return ["" if "Sentence: Kim" in p else "- Kim Jong-un and Vladimir Putin discussed satellites.\n- Kim Jong-un and Vladimir Putin discussed weapons." for p in prompts]

    ex = PromptedExtractor(RoleConfig("claims", "prompted", "fake"), generate=fake_generate)
    claims = ex.extract(article, doc)
    assert len(prompts_seen) == 2  # the question is not sent to the model
    assert "Context: Kim Jong-un met Vladimir Putin on Wednesday. Will it work?" in prompts_seen[1]
    assert [(c.id, c.text, c.sentence_index, c.checkworthy) for c in claims] == [
        ("c1", "Kim Jong-un met Vladimir Putin on Wednesday.", 0, True),  # empty output: rules fallback
        ("c2", "Will it work?", 1, False),
        ("c3", "Kim Jong-un and Vladimir Putin discussed satellites.", 2, True),
        ("c4", "Kim Jong-un and Vladimir Putin discussed weapons.", 2, True),
    ]
    s2 = article.sentences[2]
    assert claims[2].span == (s2.start, s2.end)
    assert ex.stats == {"prompts": 2, "parsed": 1, "fallback": 1}


@pytest.fixture(scope="module")
def tiny_t5_dir(tmp_path_factory):
    """A randomly initialised two-layer T5 and a word-level tokenizer built here (no download)."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast, T5Config, T5ForConditionalGeneration

    words = "kim jong un met vladimir putin on wednesday the two leaders discussed satellites claims sentence".split()
    vocab = {"<pad>": 0, "</s>": 1, "<unk>": 2, **{w: i + 3 for i, w in enumerate(words)}}
    backend = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.Whitespace()
    tok = PreTrainedTokenizerFast(tokenizer_object=backend, pad_token="<pad>", eos_token="</s>", unk_token="<unk>")
    cfg = T5Config(vocab_size=len(vocab), d_model=32, d_ff=64, d_kv=8, num_layers=1, num_decoder_layers=1,
                   num_heads=2, decoder_start_token_id=0, pad_token_id=0, eos_token_id=1)
    torch.manual_seed(0)
    d = tmp_path_factory.mktemp("tiny-t5")
    T5ForConditionalGeneration(cfg).save_pretrained(d)
    tok.save_pretrained(d)
    return d


def test_prompted_with_tiny_t5_runs_end_to_end(tiny_t5_dir):
    from claimcheck.claims.prompted import load_generator

    generate = load_generator(str(tiny_t5_dir), "cpu", {"max_new_tokens": 6})
    outs = generate(["Sentence: Kim met Putin", "the two leaders discussed satellites"])
    assert len(outs) == 2 and all(isinstance(o, str) for o in outs)

    cfg = RoleConfig("claims", "prompted", str(tiny_t5_dir), {"max_new_tokens": 6, "batch_size": 1})
    ex = get_extractor(cfg)
    article, doc = segment_with_doc("Kim Jong-un met Vladimir Putin on Wednesday. The two leaders discussed satellites.", id="t")
    claims = ex.extract(article, doc)
    assert ex.stats["prompts"] == 2 and ex.stats["parsed"] + ex.stats["fallback"] == 2
    assert {c.sentence_index for c in claims} == {0, 1}
    assert all(c.text and c.span[0] < c.span[1] for c in claims)


def test_prompted_missing_model_is_a_clear_error(tmp_path):
    from claimcheck.core.errors import ModelNotAvailable

    ex = get_extractor(RoleConfig("claims", "prompted", str(tmp_path / "absent")))
    article, doc = segment_with_doc("Kim Jong-un met Vladimir Putin on Wednesday.", id="t")
    with pytest.raises(ModelNotAvailable, match="does not exist"):
        ex.extract(article, doc)


# ---------------------------------------------------------------- the seed article


@pytest.mark.skipif(not SEED.exists(), reason=f"seed article not found: {SEED} (../shared is absent)")
def test_seed_article_claims(rules):
    # furniture=True keeps the page furniture normalize() removes, to test that claims mark it too
    text, title = normalize(SEED.read_text(encoding="utf-8"), "txt", furniture=True)
    article, claims = extract(rules, text, title)
    by_sentence = {}
    for c in claims:
        by_sentence.setdefault(c.sentence_index, []).append(c)
    # every factual (check-worthy) sentence yields at least one check-worthy claim
    assert set(by_sentence) == set(range(len(article.sentences)))
    worthy = [c for c in claims if c.checkworthy]
    factual = {c.sentence_index for c in worthy}
    assert len(factual) >= len(article.sentences) - 4
    boiler = [c for c in claims if c.reason == "boilerplate"]
    assert [c.text for c in boiler] == ["Total Views : 139", "Zoom In Zoom Out Read Later Print"]
    for c in worthy:
        outside = re.sub(r"“[^”]*”", "", c.text)  # words inside quotes stay verbatim
        assert not UNRESOLVED.search(outside) or _named_before(outside), c.text
    joined = "\n".join(texts(claims))
    assert "Kim Jong-un and Vladimir Putin met at the Vostochny Cosmodrome" in joined
    assert "Sergei Shoigu" in joined
    assert "The Vostochny Cosmodrome is Russia’s most advanced space rocket launch site" in joined
    assert "Kim Jong-un arrived at the Vostochny Cosmodrome in a limousine." in joined  # atomic (issue 12)
    assert "The Vostochny Cosmodrome is 60km north of Vladivostok." in joined
    assert "Vladimir Putin told reporters that Kim Jong-un and Vladimir Putin would discuss" in joined  # atomic
    assert "Kim Jong-un’s first international trip" in joined
    assert 'Kim Jong-un said: “We will always support' in joined


def _named_before(text: str) -> bool:
    """A pronoun may stay when the one person it can mean is named before it in the same claim."""
    m = UNRESOLVED.search(text)
    before = text[: m.start()]
    names = [n for n in ("Kim Jong-un", "Kim Jong Un", "Vladimir Putin", "Sergei Shoigu") if n in before]
    return m.group(0).lower() in ("his", "he", "him") and len(names) == 1 or (
        m.group(0).lower() in ("their", "they") and "Kim Jong-un and Vladimir Putin" in before
    )


def test_near_duplicates_that_differ_in_a_name_or_number_are_two_facts():
    drafts = [
        Draft("In Liberia, the number of new Ebola cases has fallen so much there are more beds than patients.", 0, (0, 10)),
        Draft("In Sierra Leone, the number of new Ebola cases has fallen so much there are more beds than patients.", 0, (0, 10), rank=1),
        Draft("The number of new Ebola cases has fallen so much that there are more beds than patients.", 1, (11, 20)),
        Draft("The number of new Ebola cases has fallen so much, that there are more beds than patients.", 2, (21, 30)),
    ]
    assert [c.text[:16] for c in finalize(drafts)] == ["In Liberia, the ", "In Sierra Leone,", "The number of ne"]


# ---------------------------------------------------------------- issue 24 item 5: reports, long claims, scraped text


@pytest.mark.parametrize("text", [
    "Kim was seen as likely to request help with spy satellites.",
    "Kim Jong Un was expected to ask Russia for help with satellite technology.",
    "Officials said Putin plans to visit Pyongyang next year.",
])
def test_reported_expectation_with_a_named_holder_is_checkworthy(rules, text):
    _, claims = extract(rules, text)
    assert texts(claims) == [text]


def test_bare_speculation_without_a_holder_stays_unworthy(rules):
    _, claims = extract(rules, "The deal is likely to be signed soon.")
    assert texts(claims) == [] and claims[0].reason == "speculation"


def test_long_sentence_with_two_clauses_gives_atomic_claims(rules):
    text = ("Kim Jong Un arrived at the Vostochny Cosmodrome in the Amur region on Wednesday after a six-day journey "
            "on an armoured train from Pyongyang; Vladimir Putin showed Kim the Angara rocket assembly hall before "
            "talks that lasted four hours.")
    _, claims = extract(rules, text)
    got = texts(claims)
    assert len(text.split()) > 30 and len(got) >= 2
    assert all(len(c.split()) <= 30 for c in got)
    assert any(c.startswith("Kim Jong Un arrived") and "Putin" not in c for c in got)
    assert any(c.startswith("Vladimir Putin showed") and "arrived" not in c for c in got)


def test_colon_joined_clauses_split(rules):
    _, claims = extract(rules, "Reports are mixed on stopping the virus completely: In Liberia and Sierra Leone, "
                               "the number of cases has fallen so much, there are more treatment facilities than demand.")
    got = texts(claims)
    assert got[0] == "Reports are mixed on stopping the virus completely."
    assert all(":" not in c for c in got) and len(got) >= 2


# scraped BBC text (FRANK 26381454): captions, list fragments and cut dashes must not become garbled claims
def test_subject_read_as_an_appositive_gives_no_garbled_claim(rules):
    _, claims = extract(rules, "In Sevastopol, base of the Russian Black Sea Fleet, a majority hold Russian passports.")
    got = texts(claims)
    assert "Base of the Russian Black Sea Fleet is a majority." not in got
    assert all("majority" in c for c in got)


def test_noun_phrase_with_a_relative_clause_is_no_claim(rules):
    _, claims = extract(rules, "The bill's preamble says it is aimed at helping Ukrainians, a reference to World War "
                               "Two fascists who wore brown uniforms.")
    assert not any(c.startswith("Two fascists") for c in texts(claims))
    _, claims = extract(rules, "Two fascists who wore brown uniforms")
    assert texts(claims) == [] and claims[0].reason == "fragment"


def test_no_dangling_dash_before_the_stop(rules):
    _, claims = extract(rules, "Several Russian MPs have also gone to Crimea, including Russian celebrities - former "
                               "cosmonaut Valentina Tereshkova and heavyweight boxer Nikolai Valuev.")
    _, more = extract(rules, "The president watched a naval parade on Friday - and then flew to Moscow.")
    got = texts(claims) + texts(more)
    assert got and not any(re.search(r"[-–—,]\s*\.$", c) for c in got)
    assert "The president watched a naval parade on Friday." in got


@pytest.mark.parametrize("line", ["Image caption Ethnic Russians are the majority in Crimea",
                                  "By John Smith", "Sevastopol", "Base of the Russian Black Sea Fleet"])
def test_captions_bylines_and_list_items_are_not_claims(rules, line):
    _, claims = extract(rules, line)
    assert texts(claims) == []
