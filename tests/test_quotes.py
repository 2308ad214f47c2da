"""The statement stage on real-looking sentences, traps included (textacy's test_triples style):
each case gives the sentence and the expected (speaker, cue, content) of every statement, or
none at all for scare quotes, titles and nicknames."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from parley.data.loaders import data_path, load_cues
from parley.errors import DataFileError
from parley.model import Quote, Span
from parley.quotes import get_lexicon, pair_quotation_marks
from parley.quotes.indirect import speaker_of, verb_statements


def cue_text(q: Quote) -> str | None:
    return q.cue.text if isinstance(q.cue, Span) else q.cue


def triples(record) -> list[tuple[str | None, str | None, str]]:
    return [(q.speaker, cue_text(q), q.content.text) for q in record.quotes]


# -- direct quotations ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        # straight marks, speaker after the quotation
        ('"The economy is in a very good place," Jerome Powell said on Tuesday.', [("Jerome Powell", "said", "The economy is in a very good place")]),
        # curly marks, speaker before, colon
        ("Zelensky told reporters: “We will not give up our land.”", [("Volodymyr Zelenskyy", "told", "We will not give up our land")]),
        # guillemets
        ("Peskov said: «The talks were constructive and useful.»", [("Dmitry Peskov", "said", "The talks were constructive and useful")]),
        # inverted cue, appositive after the name
        (
            "“We need more time to study the proposal,” said Kaja Kallas, the EU foreign policy chief.",
            [("Kaja Kallas", "said", "We need more time to study the proposal")],
        ),
        # speaker inside a split quotation: one statement from the first part to the last
        (
            "“We are ready to talk,” Lavrov said, “but not at any price.”",
            [("Sergey Lavrov", "said", "We are ready to talk,” Lavrov said, “but not at any price")],
        ),
        # several sentences in one quotation stay one statement
        (
            "“The Donbas is ours. The question is not being discussed,” Putin said.",
            [("Vladimir Putin", "said", "The Donbas is ours. The question is not being discussed")],
        ),
        # a cue in a sentence between the parts: the second part continues the first
        ("“Are you winning?” she asked the crowd. “Tell me everything.”", [("she", "asked", "Are you winning?” she asked the crowd. “Tell me everything")]),
        # a dash and a name after the quotation
        ("Readers wrote to us.\n“It was a historic night for all of us.” ― Maria Lopez", [("Maria Lopez", "―", "It was a historic night for all of us")]),
        # a cue that only ever introduces quotations
        ("The protesters chanted “What curfew?” as they marched.", [("protesters", "chanted", "What curfew?")]),
    ],
)
def test_direct(analyse, text, expected):
    got = [(q.speaker, cue_text(q), q.content.text) for q in analyse(text).quotes if q.type == "direct"]
    assert got == expected


def test_split_quotation_keeps_its_parts(analyse):
    (q,) = analyse("“We are ready to talk,” Lavrov said, “but not at any price.”").quotes
    assert [p.text for p in q.parts] == ["We are ready to talk", "but not at any price"]


def test_quotation_over_two_paragraphs(analyse):
    """A paragraph that opens a quotation without closing it continues into the next one."""
    text = "The mayor spoke at the school.\n“We will rebuild every town and every village.\n“Every school will reopen,” Ihor Terekhov said."
    (q,) = analyse(text).quotes
    assert q.type == "direct" and q.speaker == "Ihor Terekhov"
    assert q.content.text.startswith("We will rebuild") and q.content.text.endswith("Every school will reopen")


def test_unattributed_paragraph_takes_the_speaker_before_it(analyse):
    text = (
        "Vladimir Putin met business leaders. According to Kommersant correspondent Andrey Kolesnikov, the president made it clear "
        'that the issue was closed.\n"The Donbas is ours. The question of its status is not being discussed."'
    )
    first, second = analyse(text).quotes
    assert (first.speaker, cue_text(first), first.source) == ("Vladimir Putin", "made it clear", "Andrey Kolesnikov")
    assert (second.type, second.speaker, second.cue, second.source) == ("direct", "Vladimir Putin", None, "Andrey Kolesnikov")


def test_mixed_quotation(analyse):
    (q,) = analyse("Sullivan says there has been “no illegal disclosure by anyone” at the agency.").quotes
    assert (q.type, q.speaker, cue_text(q)) == ("mixed", "Sullivan", "says")
    assert q.content.text == "there has been “no illegal disclosure by anyone” at the agency"


@pytest.mark.parametrize(
    "text",
    [
        'The so-called "peace plan" was never published.',  # scare quotes
        'She starred in "Gone With the Wind" in 1939.',  # a title
        'His book "The Art of the Deal" sold well.',  # a title
        'Ivanov, nicknamed "the Bulldozer," left the party in May.',  # a nickname
        "He is 6'2\" tall and plays basketball.",  # an inch mark
        "Donald Trump’s “Make America Great Again” hat was on display.",  # a slogan in title case
        "The minister spoke about the budget on Monday.",  # a topic, not a statement
    ],
)
def test_not_statements(analyse, text):
    assert analyse(text).quotes == []


def test_a_term_in_quotation_marks_is_no_direct_quotation(analyse):
    """'Analysts fear a "lost decade"': a fear is a belief the analysts hold (the attribution
    model reports beliefs, as PolNeAR marks them), but the quoted term is no quotation of theirs."""
    quotes = analyse('Analysts fear a "lost decade" for the region.').quotes
    assert [q.type for q in quotes] in ([], ["mixed"])
    assert all(q.speaker == "Analysts" and q.cue_kind == "belief" for q in quotes)


# -- reported speech ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Putin stressed that Russia does not question the historical affiliation of Kramatorsk.",
            ("Vladimir Putin", "stressed", "Russia does not question the historical affiliation of Kramatorsk"),
        ),
        ("The Kremlin said the meeting was useful.", ("Kremlin", "said", "the meeting was useful")),
        ("Sanctions will not work, Lavrov said.", ("Sergey Lavrov", "said", "Sanctions will not work")),
        ("According to Reuters, the ministry plans to cut spending next year.", ("Reuters", "According to", "the ministry plans to cut spending next year")),
        ("Merkel's statement that Europe must defend itself surprised no one.", ("Angela Merkel", "statement", "Europe must defend itself")),
        ("It was announced by the ministry that the border would reopen.", ("ministry", "announced", "the border would reopen")),
        ("Macron vowed to keep French troops in the region.", ("Emmanuel Macron", "vowed", "to keep French troops in the region")),
        ("Trump called for an immediate ceasefire.", ("Donald Trump", "called for", "an immediate ceasefire")),
        ("The Russian leader noted that several points had been agreed.", ("Vladimir Putin", "noted", "several points had been agreed")),
        # the parser makes "legalizing" an xcomp of "said"; the clause is still read
        ("He said legalizing it could put thousands of people to work.", ("He", "said", "legalizing it could put thousands of people to work")),
        # "who" is the words, the antecedent the speaker
        ("Voters cheered Ted Cruz, who said he would cut taxes.", ("Ted Cruz", "said", "he would cut taxes")),
        # an antecedent that is no actor names the speaker by its own words, not as "that"
        ("Officials released a report that said the dam was unsafe.", ("report", "said", "the dam was unsafe")),
        # a bare past participle is passive: the one asked is the main subject, the asker its agent or no one
        ("Asked whether he would run again, Senator John Smith declined to answer.", (None, "Asked", "whether he would run again")),
        ("Asked by reporters whether he would run, Senator John Smith said he had not decided.", ("reporters", "Asked", "whether he would run")),
        # the subject of "faced" is the criticism's target, not its author
        ("President Obama faced criticism for telling the British people that they would be better off in the Union.",
         (None, "criticism", "telling the British people that they would be better off in the Union")),
        # the subject of the main verb speaks for its participle
        ("The Kremlin rejected the plan, saying it ignored Russia's security concerns.", ("Kremlin", "saying", "it ignored Russia's security concerns")),
    ],
)
def test_indirect(analyse, text, expected):
    assert expected in triples(analyse(text))


def test_a_participle_after_a_comma_is_a_statement_of_its_own(analyse):
    # the parser hangs "saying" inside the first content, under "drag"; the content stops at the
    # comma, and the participle speaks for the subject of the main verb, not of the content.
    # What he rejected is the idea (as PolNeAR marks it): he did not say the developer would be a drag
    text = (
        "Campaign manager Corey Lewandowski rejected the idea that the developer would be a drag on the"
        " ticket, saying the huge crowds at rallies prove that Trump would energize the party."
    )
    assert triples(analyse(text)) == [
        ("Corey Lewandowski", "rejected", "the idea that the developer would be a drag on the ticket"),
        ("Corey Lewandowski", "saying", "the huge crowds at rallies prove that Trump would energize the party"),
    ]


def test_a_paragraph_break_ends_the_sentence_before_a_cue(analyse):
    # the small parser runs the sentence over the break, and "said" became the quotation's cue
    text = (
        '"If Donald Trump is the nominee, we could see a lot of people staying home."\n\n'
        "Mike Shields, president of the Congressional Leadership Fund, a super PAC allied with House leadership,"
        " said nearly every conversation he has had with donors lately centers on the need for a firewall."
    )
    expected = ("Mike Shields", "said", "nearly every conversation he has had with donors lately centers on the need for a firewall")
    assert expected in triples(analyse(text))


def test_parenthetical_cue(analyse):
    (q,) = analyse("The economy, the finance minister said, is growing faster than expected.").quotes
    assert cue_text(q) == "said" and q.speaker_mention is not None and q.speaker_mention.text == "the finance minister"
    assert q.content.text.startswith("The economy") and q.content.text.endswith("faster than expected")


def test_pronoun_speaker_follows_the_chain_of_statements(analyse):
    """'He' after a statement by Putin is Putin, not the last man named (Zelensky)."""
    text = (
        "The Russian leader concluded that responsibility now lies with Ukrainian President Volodymyr Zelensky. "
        "He also recalled that Trump had publicly praised the plan."
    )
    record = analyse(text)
    recalled = next(q for q in record.quotes if cue_text(q) == "recalled")
    assert recalled.speaker == "Vladimir Putin"


def test_negation_and_phrase(analyse):
    (q,) = analyse("Putin spoke to reporters in Moscow. He did not rule out a partial exchange of territory.").quotes
    assert (q.speaker, cue_text(q), q.content.text) == ("Vladimir Putin", "rule out", "a partial exchange of territory")
    assert q.negated is True and q.cue_kind == "denial"


# -- source, nesting, date ------------------------------------------------------------------


def test_he_after_a_quotation_is_not_someone_it_names(analyse):
    text = (
        "While Obama had a wide array of artists writing songs about him, that has not been happening for Clinton,"
        " which concerns Henry Crespo, president of the Florida Democratic Black Caucus.\n"
        "“No one is writing songs for Hillary. Obama had will.i.am. Hillary has nobody like that,” he said."
    )
    (q,) = analyse(text, "2016-09-28").quotes
    assert (q.speaker, q.speaker_mention.text if q.speaker_mention else None) == ("Henry Crespo", "he")


@pytest.mark.parametrize(
    "text,expected",
    [
        # the subject after the verb, which the parser hung elsewhere; and no statement made of it
        ('"Meh," wrote a Trump supporter who runs the Twitter account @WomenForTrump.', [("Trump supporter", "wrote", "Meh")]),
        (
            '"I\'m not going to say it is a mistake," said retired neurosurgeon Ben Carson, asked about his claims.',
            [("Ben Carson", "said", "I'm not going to say it is a mistake")],
        ),
        # the parser made the quotation's verb the root: the participle is still the subject's
        (
            'Weaver didn\'t seem particularly impressed with the comments, telling reporters, "A lot of people said the governor should step down."',
            [("Weaver", "telling", "A lot of people said the governor should step down")],
        ),
    ],
)
def test_speakers_the_parser_misplaces(analyse, text, expected):
    assert triples(analyse(text, "2016-02-01")) == expected


def test_reported_speech_without_a_found_speaker_is_no_statement(analyse):
    # the parser hangs the participle where no subject is found: no one is known to have said it
    quotes = analyse("Under the plan, supporting the bill would cost the state nothing.").quotes
    assert all(q.speaker is not None for q in quotes)
    # an agentless passive stays an unattributed statement
    (q,) = analyse("Trump is expected to win the primary in Indiana.", "2016-05-01").quotes
    assert (q.speaker, cue_text(q)) == (None, "expected")


def test_source_from_according_to(analyse):
    (q,) = analyse("According to Kommersant correspondent Andrey Kolesnikov, Putin said the plan was dead.").quotes
    assert (q.speaker, q.source, q.content.text) == ("Vladimir Putin", "Andrey Kolesnikov", "the plan was dead")


@pytest.mark.parametrize(
    "text,source",
    [
        ('"The plan is dead," Peskov said, Reuters reported.', "Reuters"),
        ("Sanctions will not work, Lavrov said on Monday, the Interfax agency reported.", "Interfax"),
    ],
)
def test_source_from_a_trailing_report(analyse, text, source):
    (q,) = analyse(text).quotes
    assert q.source == source


def test_source_from_a_trailing_according_to(analyse):
    # the phrase closes the statement: it relays it, and is no part of what was said
    (q,) = analyse("Putin told reporters that the talks went well, according to Interfax.").quotes
    assert (q.speaker, cue_text(q), q.content.text, q.source) == ("Vladimir Putin", "told", "the talks went well", "Interfax")


def test_a_report_relays_only_the_statement_heading_what_it_reports(analyse):
    # "urging" is a side clause of what BFM TV reported, not a statement BFM TV relays
    text = "Local authorities were treating the incident as a terrorist attack and urging people to stay home, BFM TV reported."
    assert triples(analyse(text)) == [
        ("BFM TV", "reported", "Local authorities were treating the incident as a terrorist attack and urging people to stay home")
    ]


def test_according_to_after_a_side_clause_reports_the_main_clause(analyse):
    text = (
        'While most were elevated to the "confidential" level, according to a State Department official,'
        ' two in the most recent batch were upgraded to the "Secret" level.'
    )
    (q,) = analyse(text).quotes
    assert (cue_text(q), q.content.text) == ("according to", 'two in the most recent batch were upgraded to the "Secret" level')


def test_nested_statement(analyse):
    text = "Putin spoke on Friday. He also recalled that in late November, Trump publicly stated that Russia had made concessions."
    outer, inner = analyse(text).quotes
    assert (outer.speaker, cue_text(outer), outer.reported_by, outer.said_on) == ("Vladimir Putin", "recalled", None, None)
    assert (inner.speaker, cue_text(inner), inner.reported_by, inner.said_on) == ("Donald Trump", "stated", "Vladimir Putin", "2025-11")
    assert inner.content.text == "Russia had made concessions"


def test_speech_in_a_side_clause_is_not_nested(analyse):
    """'Sims says he was riding the fence until Haley said ...': Haley's words are not what Sims reports."""
    quotes = analyse("Sims says he was riding the fence until Haley said she was backing Rubio.", "2016-02-20").quotes
    assert [cue_text(q) for q in quotes] == ["says"]


@pytest.mark.parametrize(
    "text,said_on",
    [
        ("Earlier, on December 19, Putin said the talks would continue.", ["2025-12-19"]),
        # a date that opens the paragraph frames the speaker's later statements in it
        ("Earlier, on December 19, Putin reiterated his offer. He recalled that Russia had accepted the proposals.", ["2025-12-19"]),
        # a date inside the content is not when it was said
        ("Putin said that in August he had met Trump in Anchorage.", [None]),
        # never the publication date by default
        ("Putin said the talks would continue.", [None]),
    ],
)
def test_said_on(analyse, text, said_on):
    assert [q.said_on for q in analyse(text).quotes] == said_on


# -- quotation marks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,inner",
    [
        ('He said, "We will win." Then: “A,” she said, “B.”', ["We will win.", "A,", "B."]),
        ("”Wrong way round,” he wrote.", ["Wrong way round,"]),  # a closing mark typed as an opener
        ("''Typewriter marks,'' he said.", ["Typewriter marks,"]),
        ("«Guillemets» here and „low marks“ there.", ["Guillemets", "low marks"]),
        ("He is 6'2\" tall.", []),
        ("“Unclosed at the end of the paragraph\nNext paragraph.", ["Unclosed at the end of the paragraph"]),
        ("“First paragraph\n“second paragraph.”", ["First paragraph\n“second paragraph."]),
        ("A stray closing mark” is ignored.", []),
        # a quotation runs on into the next paragraph only with a mark of its own style
        ('"A stray straight mark\n“Curly,” she said.', ["A stray straight mark", "Curly,"]),
        ("''Typewriter\n''still going,'' he said.", ["Typewriter\n''still going,"]),
        # a closing mark that opens a paragraph opens a quotation
        ("He paused.\n” … and that is why,” he said.", ["… and that is why,"]),
    ],
)
def test_pair_quotation_marks(text, inner):
    assert [text[r.inner_start : r.inner_end] for r in pair_quotation_marks(text)] == inner


def test_unclosed_quotation_is_flagged():
    (region,) = pair_quotation_marks("“Unclosed here\nPlain text.")
    assert region.closed is False and region.paragraphs == 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .,\"“”«»„'\n-—:", max_size=80))
def test_pairing_never_loses_or_overlaps(text):
    """Pairing never raises, keeps every region inside the text and its marks, never overlaps,
    and never runs a region over a paragraph break unless the next paragraph reopens it."""
    regions = pair_quotation_marks(text)
    last = -1
    for r in regions:
        assert 0 <= r.start <= r.inner_start <= r.inner_end <= r.end <= len(text)
        assert r.start >= last
        last = r.end
        if r.paragraphs == 1:
            assert "\n" not in text[r.inner_start : r.inner_end]


# -- the lexicon ----------------------------------------------------------------------------


def test_missing_language_names_it_and_the_file():
    with pytest.raises(DataFileError, match=r"cues\.yaml.*'fr'"):
        load_cues("fr")


def test_cue_file_schema_errors_name_the_key(tmp_path: Path):
    bad = tmp_path / "cues.yaml"
    bad.write_text(yaml.safe_dump({"version": 1, "languages": {"en": {"verbs": {"say": "shouting"}}}}), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"\[cues\.yaml -> languages -> en -> verbs -> say"):
        load_cues("en", str(bad))


def test_a_user_lexicon_extends_the_cues(tmp_path: Path, nlp):
    data = yaml.safe_load(data_path("cues.yaml").read_text("utf-8"))
    data["languages"]["en"]["verbs"]["opine"] = "assertion"
    path = tmp_path / "more-cues.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    lexicon = get_lexicon(nlp.vocab, "en", str(path))
    assert lexicon.verb(nlp("He opined that it was late.")[1]) is not None
    assert get_lexicon(nlp.vocab).verb(nlp("He opined that it was late.")[1]) is None


# -- rules on hand-built parses (no model needed) -------------------------------------------


def _doc(words, heads, deps, pos, lemmas, tags=None):
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, tags=tags or ["" for _ in words])


def test_clause_rule_on_a_hand_built_parse():
    # "Officials said the bridge was safe ."
    doc = _doc(
        ["Officials", "said", "the", "bridge", "was", "safe", "."],
        [1, 1, 3, 4, 1, 4, 1],
        ["nsubj", "ROOT", "det", "nsubj", "ccomp", "acomp", "punct"],
        ["NOUN", "VERB", "DET", "NOUN", "AUX", "ADJ", "PUNCT"],
        ["official", "say", "the", "bridge", "be", "safe", "."],
    )
    lexicon = get_lexicon(doc.vocab)
    (statement,) = verb_statements(doc, doc[1], lexicon.verb(doc[1]), lexicon)
    assert doc.text[statement.start : statement.end] == "the bridge was safe"
    assert statement.speaker == (0, 1)


def test_passive_without_agent_has_no_speaker():
    # "Trump is expected to win ."  -> "expected" is passive: nobody is named
    doc = _doc(
        ["Trump", "is", "expected", "to", "win", "."],
        [2, 2, 2, 4, 2, 2],
        ["nsubjpass", "auxpass", "ROOT", "aux", "xcomp", "punct"],
        ["PROPN", "AUX", "VERB", "PART", "VERB", "PUNCT"],
        ["Trump", "be", "expect", "to", "win", "."],
    )
    assert speaker_of(doc[2]) == (None, None)
    # ... but the raised subject speaks for a cue under the passive: "Trump is expected to say"
    assert speaker_of(doc[4]) == ((0, 1), 0)


# -- cue placement, titles and mark styles ----------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        # a cue set into its sentence between commas reports both halves
        (
            "The company was profitable, the auditor said, until it lost its biggest client in 2009.",
            ("auditor", "said", "The company was profitable, the auditor said, until it lost its biggest client in 2009"),
        ),
        (
            "Exports rose 4 percent, the ministry said in its March report, and imports fell slightly.",
            ("ministry", "said", "Exports rose 4 percent, the ministry said in its March report, and imports fell slightly"),
        ),
        # ... but not a participle after it: that is a statement of its own
        ("Exports rose 4 percent, the minister said, adding that imports fell slightly.", ("minister", "said", "Exports rose 4 percent")),
        # a semicolon ends what was said; a colon before the cue ends what came before it
        ("Officials said the delay was not deliberate; the documents arrived on Friday.", ("Officials", "said", "the delay was not deliberate")),
        (
            "The ruling set off a new fight in the capital: Democrats said they would appeal the decision.",
            ("Democrats", "said", "they would appeal the decision"),
        ),
    ],
)
def test_cue_placement(analyse, text, expected):
    """(speaker words, cue, content): the words, since the actor dictionary names the speakers."""
    got = [(q.speaker_mention.text.split()[-1] if q.speaker_mention else None, cue_text(q), q.content.text) for q in analyse(text).quotes]
    assert expected in got


@pytest.mark.parametrize(
    "text,expected",
    [
        # the words after '“...,” he said' are the writer's again, not part of the quotation
        (
            '"We will start work on new measures at once," the diplomats said, under a rule that allows sanctions.',
            [("diplomats", "said", "We will start work on new measures at once", "direct")],
        ),
        # a "but" before a second cue verb: the same speaker
        (
            'The sheriff said Tuesday that he thinks the tape should be made public but said "we have to protect the witnesses."',
            [("sheriff", "said", "he thinks the tape should be made public", "indirect"), ("sheriff", "said", "we have to protect the witnesses", "direct")],
        ),
        # a quotation introduced by "according to"
        (
            "According to Hanley, “If it was up to the board, nothing would change. That is the whole problem.”",
            [("Hanley", "According to", "If it was up to the board, nothing would change. That is the whole problem", "direct")],
        ),
        # a sentence whose only finite verb the parser hung on the participle before it
        (
            'Students marching across the campus chanted "No more fees!" and stayed until midnight.',
            [("Students", "chanted", "No more fees!", "direct")],
        ),
        # no one speaks a quotation from inside it: the parser took "We" for the subject
        (
            "“I will make this promise to you: We will find the driver,” Denver police Chief Ray Ortiz said Monday.",
            [("Ray Ortiz", "said", "I will make this promise to you: We will find the driver", "direct")],
        ),
    ],
)
def test_quotation_attribution(analyse, text, expected):
    got = [(q.speaker_mention.text.split()[-1] if q.speaker_mention else None, cue_text(q), q.content.text, q.type) for q in analyse(text).quotes]
    assert got == [(s.split()[-1], c, t, k) for s, c, t, k in expected]


@pytest.mark.parametrize(
    "text",
    [
        # a show's title before the cue of another statement
        "On Sunday’s broadcast of “Meet the Press,” the senator said the bill would pass.",
        'In an interview on NBC\'s "Face the Nation," the governor said the state would recover.',
        'She gave an interview for the paper\'s series on "Women in Science," answering questions about her career.',
    ],
)
def test_titles_before_a_cue_are_not_quotations(analyse, text):
    assert [q.type for q in analyse(text).quotes if q.type == "direct"] == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The Herald has learned that the mayor will resign next week.", [("Herald", "learned", "the mayor will resign next week")]),
        ("She learned to swim in the lake behind the farm.", []),  # no clause: nothing reported
        ("The senator described the deal as a betrayal of workers.", [("senator", "described", "the deal as a betrayal of workers")]),
    ],
)
def test_lexicon_cues(analyse, text, expected):
    got = [(q.speaker_mention.text.split()[-1] if q.speaker_mention else None, cue_text(q), q.content.text) for q in analyse(text).quotes]
    assert got == expected


def test_first_person_cues_inside_quotation_marks_are_the_quoted_voice(analyse):
    quotes = analyse('Critics called him a "liar at a level I don\'t think this city has ever seen."').quotes
    assert not any(q.speaker_mention is not None and q.speaker_mention.text == "I" for q in quotes)
    # outside quotation marks the writer's own "I think" stays
    (q,) = analyse("I think the council made the wrong call on the budget.").quotes
    assert q.speaker_mention is not None and q.speaker_mention.text == "I"


def test_a_quotation_after_a_short_sentence_break_takes_its_cue(analyse):
    """The parser splits '“Ready?” she asked, but ...' after the question mark."""
    quotes = analyse("She turned around.\n\n“You ready?” she said, but the driver had already left the car and was walking away.").quotes
    assert ("she", "said", "You ready?") in [
        (q.speaker_mention.text if q.speaker_mention else None, cue_text(q), q.content.text) for q in quotes if q.type == "direct"
    ]


# -- lines opening with a name and a colon -------------------------------------------------------


def test_a_transcript_label_is_the_speaker(analyse):
    assert triples(analyse("TAPPER: Do you think he will win the state?")) == [("TAPPER", ":", "Do you think he will win the state?")]


def test_a_dateline_is_no_speaker(analyse):
    text = "NEW DELHI: External Affairs Minister S. Jaishankar on Sunday said India's relations with China could not be normal."
    got = triples(analyse(text))
    assert got and all(speaker != "NEW DELHI" for speaker, _, _ in got)
    assert got[0][0] == "S. Jaishankar" and got[0][1] == "said"


# -- who a speaker is (issue 12): role nouns, bodies, documents, descriptions, pronouns --------


def speakers(record) -> dict[str, str | None]:
    """Content -> speaker of each statement."""
    return {q.content.text: q.speaker for q in record.quotes}


@pytest.mark.parametrize(
    "text,published,content,speaker",
    [
        # a role noun is the nearest person the article named with that title
        (
            "Governor Tina Kotek signed the housing bill. The governor said rents had risen too fast.",
            "2024-03-01",
            "rents had risen too fast",
            "Tina Kotek",
        ),
        (
            "County prosecutor Ann Becker met the victim's family. The prosecutor said the case would go to trial.",
            "2024-11-08",
            "the case would go to trial",
            "Ann Becker",
        ),
        # a description of a body is the body that spoke last, not a body named in passing
        (
            "The Indonesian coast guard said a foreign tanker had entered its waters near Batam, where the navy "
            "was holding drills. The agency said the tanker had been detained.",
            "2024-08-01",
            "the tanker had been detained",
            "Indonesian coast guard",
        ),
        (
            "Comcast CMCSA.O said hackers had stolen data on 230,000 customers. The cable company said no passwords were taken.",
            "2025-01-09",
            "no passwords were taken",
            "Comcast",
        ),
        # ... but a body that a main clause has named since is what the description means
        (
            "The Pentagon said the drill was routine. The U.S. Department of Justice opened an inquiry on Friday. "
            "The department said the inquiry would take months.",
            "2024-08-01",
            "the inquiry would take months",
            "United States Department of Justice",
        ),
        # a document speaks for who issued it, a pronoun possessor included
        (
            "Dozens of farmers sued the water authority. Their complaint says the dam cut their harvests in half.",
            "2024-05-02",
            "the dam cut their harvests in half",
            "Dozens of farmers",
        ),
        # an indefinite description is a person described, not the body or place it names
        ("A Pentagon official said the drills would continue.", "2024-08-01", "the drills would continue", "Pentagon official"),
        ("A Kharkiv teacher said the school had no heating.", "2024-03-01", "the school had no heating", "Kharkiv teacher"),
        # "they" after people described is those people, not the company their sentence names
        (
            "Tesla recalled 2 million cars. Several owners told reporters they had not received any notice. They said the company should have warned them.",
            "2024-01-10",
            "the company should have warned them",
            "Several owners",
        ),
        # "she" after a mother's words is the mother, even when the article names only her son
        (
            "Marcus Lee's mother told the jury her son had been bullied for years. He never fought back, she said.",
            "2024-11-08",
            "He never fought back",
            "Marcus Lee's mother",
        ),
    ],
)
def test_speakers_are_actors_or_people(analyse, text, published, content, speaker):
    found = speakers(analyse(text, published))
    assert found.get(content) == speaker, found


def test_he_in_a_mothers_words_is_her_son(analyse):
    text = (
        "Daniel Okafor, 17, died at the scene. His mother, Grace Okafor, said she last spoke to him on Friday night. "
        "He said he would be home by midnight, she recalled."
    )
    record = analyse(text, "2024-10-14")
    nested = next(q for q in record.quotes if q.content.text == "he would be home by midnight")
    assert (nested.speaker, nested.reported_by) == ("Daniel Okafor", "Grace Okafor")
    assert speakers(record)["He said he would be home by midnight"] == "Grace Okafor"


def test_he_in_speech_a_father_reports_is_not_the_father(analyse):
    """Speech nested in a statement is a third person's: the chain of the father's statements
    does not make its "he" the father, although he fits the pronoun."""
    text = "Tyler Kern's father told the court his son had been sober for a year. He said he would appeal the sentence, his father added."
    nested = next(q for q in analyse(text, "2024-11-08").quotes if q.content.text == "he would appeal the sentence")
    assert nested.speaker == "Tyler Kern"


def test_a_scheduled_act_is_no_statement(analyse):
    text = "The statistics institute will announce the figures on Friday. The central bank is due to publish its report in May."
    assert analyse(text, "2025-05-15").quotes == []
