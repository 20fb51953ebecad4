"""The attribute ruler's rules found by table: the same matches as spaCy's own Matcher, token for token."""
from __future__ import annotations

import pytest

from conflictscope.attribute_rules import index_attribute_rules

TEXTS = [
    "Gunmen killed three soldiers near the checkpoint on Monday, the army said.",
    "It wasn't clear whether they'd gotten there. Y'all gonna stay? I ain't.",
    "There were protests; nothin' changed. Let's go, c'mon!\n\nPolice arrested him and her.",
    "He gets what he got. Something, anybody, everyone: it is what it is.\n  \n",
    "",
]


@pytest.fixture(scope="module")
def nlp():
    from conflictscope.pipeline import load_nlp

    return load_nlp()


@pytest.mark.parametrize("text", TEXTS)
def test_attribute_rules_match_as_spacy_does(nlp, text: str) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    names = nlp.pipe_names[:nlp.pipe_names.index("attribute_ruler")]
    doc = nlp.make_doc(text)
    for name in names:
        doc = nlp.get_pipe(name)(doc)
    indexed = ruler.match(doc)
    spacy_own = type(ruler).match(ruler, doc)
    assert indexed == spacy_own


def test_attribute_rules_without_a_ruler_change_nothing(nlp) -> None:
    from spacy.lang.en import English

    blank = English()
    index_attribute_rules(blank)
    assert blank.pipe_names == []
