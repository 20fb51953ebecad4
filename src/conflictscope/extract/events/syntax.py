"""Questions the coder asks of the dependency parse: which token, which clause, which role."""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from ...models import Mention

_TEXT = "conflictscope.text"   # where `doc_text` keeps the text on the Doc
_SENTS = "conflictscope.sentences"   # where `sentences` keeps the sentences
_STARTS = "conflictscope.sentence_starts"   # where `sentence_index` keeps their first characters


def doc_text(doc: Doc) -> str:
    """The parsed text, built once per `Doc` (spaCy joins every token again on each `doc.text`)."""
    if _TEXT not in doc.user_data:
        doc.user_data[_TEXT] = doc.text
    return doc.user_data[_TEXT]


def sentences(doc: Doc) -> tuple[Span, ...]:
    """The parsed sentences, found once per `Doc` (spaCy walks every token again on each `doc.sents`)."""
    if _SENTS not in doc.user_data:
        doc.user_data[_SENTS] = tuple(doc.sents)
    return doc.user_data[_SENTS]


def sentence_index(doc: Doc, char: int) -> int:
    """The position in `sentences(doc)` of the sentence a character offset falls in (or follows)."""
    if _STARTS not in doc.user_data:
        doc.user_data[_STARTS] = [s.start_char for s in sentences(doc)]
    return bisect.bisect_right(doc.user_data[_STARTS], char) - 1


def neighbour(sent: Span, step: int) -> Span | None:
    """The sentence `step` places after this one (before it where negative), or None past either end."""
    sents = sentences(sent.doc)
    i = sentence_index(sent.doc, sent.start_char) + step
    return sents[i] if 0 <= i < len(sents) else None


def token_at(sent: Span, char: int) -> Token | None:
    """The token of the sentence at a character offset (or the one the offset follows)."""
    for tok in sent:
        if tok.idx <= char < tok.idx + len(tok.text) + 1:
            return tok
    return None


def clause_verb(tok: Token) -> Token:
    """The verb of the clause a token belongs to."""
    cur = tok
    for _ in range(12):
        if cur.pos_ == "AUX" and cur.dep_ in ("aux", "auxpass") and cur.head.i != cur.i:
            return cur.head   # "was recaptured by ...": the clause is the participle's
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ == "ROOT":
            return cur
        cur = cur.head
    return cur


def mention_root(sent: Span, m: Mention) -> Token | None:
    """The syntactic head of a mention's words."""
    span = sent.doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def separate_clause(sent: Span, a: re.Match[str], b: re.Match[str]) -> bool:
    """Two triggers tell separate events when they belong to different verbs of the sentence."""
    ta = token_at(sent, sent.start_char + a.start())
    tb = token_at(sent, sent.start_char + b.start())
    if ta is None or tb is None:
        return False
    va, vb = clause_verb(ta), clause_verb(tb)
    return va.i != vb.i and not (vb.dep_ in ("xcomp", "advcl", "conj") and 0 < vb.i - va.i < 4
                                 and any(t.i == vb.i for t in va.subtree))


def in_subject(sent: Span, p: Mention) -> bool:
    """Whether a mention sits inside the subject of its clause ("the NDF in Deir Ezzor combed ...")."""
    root = mention_root(sent, p)
    if root is None:
        return False
    cur = root
    for _ in range(8):
        if cur.dep_ in ("nsubj", "nsubjpass") and cur.i != root.i:
            return True
        if cur.head.i == cur.i or cur.pos_ in ("VERB", "AUX"):
            return False
        cur = cur.head
    return False


def in_other_clause(sent: Span, char: int, trig_tok: Token) -> bool:
    """A date attached to another verb than the trigger's ("an elder who was shot on Sunday", "said on Monday")."""
    tok = token_at(sent, char)
    if tok is None:
        return False
    return clause_verb(tok).i != clause_verb(trig_tok).i


def in_relative_clause(sent: Span, char: int, trig_tok: Token) -> bool:
    """A date inside a relative clause that does not hold the trigger ("the curfew it had imposed in April")."""
    tok = token_at(sent, char)
    if tok is None:
        return False
    trigger_line = {t.i for t in trig_tok.ancestors} | {trig_tok.i}
    return any(t.dep_ == "relcl" and t.i not in trigger_line for t in [tok, *tok.ancestors])
