"""Parsing a long text in chunks: spaCy refuses texts over `nlp.max_length` (error E088) and its
memory grows with the text, so a long report is cut at paragraph, line or sentence boundaries,
each piece parsed, and the pieces joined into one `Doc` whose text and character offsets are
those of the whole report (evidence spans stay right). The pipeline's lemmatizer is made to
remember its work (`remember_lemmas`).
"""
from __future__ import annotations

from typing import Callable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Token

CHUNK_CHARS = 20_000   # a piece parses in about a second and a few tens of MB
LEMMAS_REMEMBERED = 200_000   # then forgotten all at once: memory stays bounded over any corpus
# where a piece may end, best first: after a paragraph, a line, a sentence, a space
_BOUNDARIES = ("\n\n", "\n", ". ", " ")


def text_chunks(text: str, size: int) -> Iterator[tuple[int, str]]:
    """The pieces of `text` (each with its start offset) that join back into it exactly, none
    longer than `size` unless a single word is (then it is cut at `size`)."""
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = 0
        for boundary in _BOUNDARIES:
            at = window.rfind(boundary, size // 2)
            if at > 0:
                cut = at + len(boundary)
                break
        cut = cut or size
        while start + cut < len(text) and text[start + cut].isspace():   # whitespace stays with the piece before
            cut += 1
        yield start, text[start:start + cut]
        start += cut
    yield start, text[start:]


def parse_text(nlp: Language, text: str, check: Callable[[], None] = lambda: None,
               size: int | None = None) -> Doc:
    """The parse of `text`, piece by piece when it is longer than `size` (default `CHUNK_CHARS`);
    `check` runs after each piece (the time budget)."""
    size = size or CHUNK_CHARS
    if len(text) <= size:
        return nlp(text)
    docs = []
    for doc in nlp.pipe((piece for _, piece in text_chunks(text, size)), batch_size=1):
        docs.append(doc)
        check()
    return Doc.from_docs(docs, ensure_whitespace=False)


def remember_lemmas(nlp: Language, name: str = "lemmatizer") -> None:
    """Let the rule lemmatizer remember every lemma it works out. spaCy's caches only the words it
    changes, so a word already in its base form (most of them) is looked at again each time; the
    lemmas depend on the word, its part of speech and its morphology alone, the key used here."""
    if name not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe(name)
    if getattr(lemmatizer, "mode", "") != "rule":
        return
    work_out = lemmatizer.lemmatize
    known: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize(token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        if key not in known:
            if len(known) >= LEMMAS_REMEMBERED:
                known.clear()
            known[key] = work_out(token)
        return known[key]

    lemmatizer.lemmatize = lemmatize
