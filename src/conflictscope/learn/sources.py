"""Training sentences from coded data: ACLED export CSVs, reference codings with their reports, and
the decisions reviewers recorded in a store.

Every source becomes `Example`s: one sentence, its label (an ACLED sub-event type, or `NONE` for a
sentence that tells no event), the document it came from (cross-validation keeps a document's
sentences together) and where it was read. Sentences are cut by spaCy's rule-based sentencizer
(no parse), so reading tens of thousands of notes takes seconds.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from .. import codebook as cb
from ..errors import ModelError
from ..models import Example
from .model import NONE

ACLED_COLUMNS = ("notes", "sub_event_type")
SIZE_NOTE = re.compile(r"\[[^\]]{0,80}\]")        # ACLED's "[size=no report]" and similar bracketed remarks
MIN_LETTERS = 12                                  # shorter pieces ("Fatalities unknown.") teach nothing
BUNDLED_NONE = Path(__file__).resolve().parents[1] / "data" / "lexicon" / "development_prototypes.jsonl"
REVIEWED = {"accepted": "accepted", "edited": "edited"}


@lru_cache(maxsize=1)
def _sentencizer():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def sentences(text: str) -> list[tuple[int, int, str]]:
    """The sentences of a text as (start, end, text), bracketed remarks removed from the text."""
    out = []
    text = SIZE_NOTE.sub(lambda m: " " * len(m.group()), text)   # offsets kept
    for sent in _sentencizer()(text).sents:
        clean = " ".join(sent.text.split())
        if sum(ch.isalpha() for ch in clean) >= MIN_LETTERS:
            out.append((sent.start_char, sent.end_char, clean))
    return out


def _checked_label(sub_event_type: str) -> str | None:
    """The sub-event type when the codebook knows it, else None (the row is skipped, the caller counts it)."""
    name = (sub_event_type or "").strip()
    return name if cb.load().type_of(name) else None


def from_acled_csv(path: str | Path) -> Iterator[Example]:
    """Each note of an ACLED export, every sentence labelled with the row's sub-event type."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ModelError(f"{path}: cannot be read ({exc}).") from exc
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in ACLED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ModelError(f"{path}: not an ACLED export: no column {', '.join(missing)} (found: "
                             f"{', '.join((reader.fieldnames or [])[:12])}). A training CSV needs ACLED's "
                             "`notes` and `sub_event_type` columns.")
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        for n, row in enumerate(reader, 2):
            label = _checked_label(row.get("sub_event_type", ""))
            if label is None:
                continue
            doc = row.get("event_id_cnty") or f"{path.name}:{n}"
            for _, _, text in sentences(row.get("notes") or ""):
                yield Example(text, label, doc, f"acled-csv:{path.name}")


def from_gold(path: str | Path, reports: str | Path | None = None) -> Iterator[Example]:
    """The reports of a conflict-gold/1 file: sentences inside an event's evidence take its sub-event
    type, the others are `NONE` (a report that is one event's note entirely gives no `NONE`)."""
    from ..evaluate import load_gold
    from ..ingest import read_paths
    from ..models import Report

    path = Path(path)
    gold = load_gold(path)
    folder = Path(reports) if reports else path.parent / "reports"
    if not folder.is_dir():
        raise ModelError(f"{path}: its reports are expected in {folder}, which is not a folder. "
                         "You can fix this by passing --reports FOLDER.")
    docs = {d["doc"]: d for d in gold["documents"]}
    wanted = [str(folder / name) for name in sorted(docs) if (folder / name).is_file()]
    for item in read_paths(wanted):
        if not isinstance(item, Report):
            continue
        yield from _labelled(item.text, docs[item.source_file], f"gold:{path.name}")


def _labelled(text: str, doc: dict[str, Any], origin: str) -> Iterator[Example]:
    flat = " ".join(text.split())   # gold evidence quotes the text with its runs of white space collapsed
    spans = []
    for ev in doc.get("events", []):
        label = _checked_label(ev.get("sub_event_type", ""))
        evidence = " ".join(str(ev.get("evidence") or "").split())
        if label is None or not evidence:
            continue
        at = flat.find(evidence[:200])
        if at >= 0:
            spans.append((at, at + len(evidence), label))
    for _, _, sent in sentences(flat):
        at = flat.find(sent[:60])
        label = next((lab for s, e, lab in spans if at >= 0 and s <= at + len(sent) // 2 <= e), None)
        if label is None and not spans:
            continue   # a document without located evidence says nothing about its sentences
        yield Example(sent, label or NONE, doc["doc"], origin)


def from_store(db: str) -> Iterator[Example]:
    """Reviewers' decisions: accepted and edited events teach their (edited) sub-event type from
    their evidence sentences, rejected ones teach `NONE`."""
    from ..store import Store

    with Store.open(db, read_only=True) as store:
        for e in store.events(include_rejected=True):
            if e.status in REVIEWED:
                label = _checked_label(e.sub_event_type)
            elif e.status == "rejected":
                label = NONE
            else:
                continue
            if label is None:
                continue
            for _, _, text in sentences(e.evidence_text or ""):
                yield Example(text, label, e.report_id, f"store:{e.status}")


def bundled_none() -> Iterator[Example]:
    """The package's own sentences that tell no event (analysis, threats, denials, background; written
    by the project), so a model trained on event notes alone still knows what is not an event."""
    for n, line in enumerate(BUNDLED_NONE.read_text(encoding="utf-8").splitlines()):
        row = json.loads(line)
        if row.get("sub_event_type") == NONE:
            yield Example(row["text"], NONE, f"bundled:{n}", "bundled:none")


def read_sources(paths: Iterable[str], store: str | None = None, reports: str | None = None) -> list[Example]:
    """Examples from every source given: `.csv` files are ACLED exports, `.json` files reference codings."""
    out: list[Example] = []
    for p in paths:
        suffix = Path(p).suffix.lower()
        if not Path(p).is_file():
            raise ModelError(f"{p}: no such file. A training source is an ACLED export (.csv) or a "
                             "reference coding file (.json) with its reports.")
        if suffix == ".csv":
            out.extend(from_acled_csv(p))
        elif suffix == ".json":
            out.extend(from_gold(p, reports))
        else:
            raise ModelError(f"{p}: unknown kind of training source ({suffix or 'no extension'}); "
                             "give an ACLED export (.csv) or a reference coding file (.json).")
    if store:
        out.extend(from_store(store))
    return out


__all__ = ["Example", "sentences", "from_acled_csv", "from_gold", "from_store", "bundled_none", "read_sources"]
