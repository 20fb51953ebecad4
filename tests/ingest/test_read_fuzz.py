"""Every reader, fed generated input: each input is read or refused with a message naming the file.

Never an internal error (the catch-all that turns a reader's bug into a problem), never a hang.
At least 10,000 examples per reader, split over two processes so that HTML (trafilatura, about
10 ms an example) stays within the slow tier's time; the counts are printed.
"""
from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from conflictscope.ingest.read import Given, _guarded, _read_bytes
from conflictscope.models import Problem, Report

EXAMPLES = 10_000          # per reader, in total
WORKERS = 2
BATCH = 10                 # inputs per hypothesis example
SECONDS_PER_INPUT = 10     # far above any honest input: a hang, not a slow machine
EXTENSIONS = {"txt": "txt", "md": "md", "html": "html", "json": "json", "jsonl": "jsonl", "rss": "xml"}

# --- generated inputs -----------------------------------------------------------------------------
# Each input is drawn as one string over a private-use alphabet, each letter standing for a token
# of the format (a word, a tag, a piece of JSON): one cheap draw for hypothesis, so the time goes
# to the readers, and the inputs still shrink token by token.

WORDS = ["Gunmen", "killed", "three", "civilians", "in", "Kano", "on", "Monday", "police", "said", ".",
         "Reuters", "BEIRUT", "2024-03-04", "4 March 2024", "—", "AFP", "&amp;", "<", ">", "\"", "'",
         "\x1b[2J", "\x00", "\u202e", "\ud800", "\ufeff", "Published:", "By", "Photo:", "Share", "A" * 300]
SEPARATORS = [" ", "\n", "\n\n", "\r\n", "\t", "\f", "\x0b", "\u2028", ", "]
MARKDOWN = ["# ", "## ", "* ", "1. ", "> ", "```\n", "![", "](", ")", "[", "**", "_", "---\n", "|"]
HTML = ["<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<style>", "</style>", "<figure>",
        "</figure>", "<figcaption>", "</figcaption>", '<img src="x.jpg" alt="', '">', "<a href=\"", "</a>",
        "<title>", "</title>", '<meta property="og:title" content="', '<meta name="date" content="',
        "<br>", "<li>", "<table><tr><td>", "</td></tr></table>", "<article>", "</article>", "<h1>", "</h1>",
        "<noscript>", "<template>", "<head>", "</head>", "<body>", "</body>", "<html>", "</html>",
        "<!--", "-->", "<![CDATA[", "]]>", "&#0;", "&#x1b;", "&nbsp;", "<?xml version='1.0'?>", "<!DOCTYPE html>"]
JSON = ["{", "}", "[", "]", ",", ":", '"text"', '"title"', '"source"', '"published"', '"url"', '"format"',
        '"html"', '"author"', "null", "true", "1e999", "-0", '"', '\\u001b', '\\ud800', "\\", '"x"',
        '{"text": "Gunmen killed three civilians in Kano on Monday."}', "[[[[[[[[", "]]]]]]]]", '"2024-03-04"']
FEED = ["<rss>", "</rss>", "<channel>", "</channel>", "<item>", "</item>", "<title>", "</title>",
        "<description>", "</description>", "<link>", "</link>", "<guid>", "</guid>", "<pubDate>", "</pubDate>",
        '<feed xmlns="http://www.w3.org/2005/Atom">', "</feed>", "<entry>", "</entry>", '<link href="',
        '"/>', "<content>", "</content>", "<published>", "</published>", "<summary>", "</summary>",
        "<![CDATA[", "]]>", "&lt;p&gt;", "&amp;", "&e;", '<!DOCTYPE r [<!ENTITY e "x">]>', "<rdf:RDF>",
        "<?xml version='1.0' encoding='utf-8'?>", "<content:encoded>", "Mon, 04 Mar 2024 10:00:00 GMT"]


def tokens(vocabulary: list[str], max_size: int = 60) -> st.SearchStrategy[str]:
    """Strings of tokens from `vocabulary`, drawn as one string."""
    alphabet = "".join(chr(0xE000 + i) for i in range(len(vocabulary)))
    return st.text(alphabet=alphabet, max_size=max_size).map(
        lambda s: "".join(vocabulary[ord(c) - 0xE000] for c in s))


prose = tokens(WORDS + SEPARATORS)
free_text = st.text(max_size=120)
encoded = st.tuples(prose | free_text, st.sampled_from(
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1"])).map(
    lambda tc: tc[0].encode(tc[1], "replace"))


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")   # a lone surrogate makes invalid UTF-8, as in the wild


def _spliced(args: tuple[bytes, int, bytes]) -> bytes:
    data, at, junk = args
    at = at % (len(data) + 1)
    return data[:at] + junk + data[at:]


def _mutated(base: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    """Inputs of a format, cut short or with bytes spliced in, text in other encodings, random bytes."""
    raw = base.map(_utf8)
    return (raw | raw.map(lambda b: b[: len(b) // 2])
            | st.tuples(raw, st.integers(0, 10_000), st.binary(min_size=1, max_size=8)).map(_spliced)
            | st.binary(max_size=300) | encoded)


def _report_json(args: tuple[str, str, str, str, bool]) -> str:
    text, title, source, published, as_html = args
    obj: dict[str, Any] = {"text": text, "title": title, "source": source, "published": published}
    if as_html:
        obj["format"] = "html"
    return json.dumps(obj, ensure_ascii=False)


short = tokens(WORDS + SEPARATORS, 8) | st.text(max_size=12)
report_json = st.tuples(prose, short, short, short, st.booleans()).map(_report_json)

INPUTS: dict[str, st.SearchStrategy[bytes]] = {
    "txt": _mutated(prose | free_text),
    "md": _mutated(tokens(WORDS + SEPARATORS + MARKDOWN)),
    "html": _mutated(tokens(WORDS + SEPARATORS + HTML, 80)),
    "json": _mutated(report_json | tokens(JSON + WORDS) | report_json.map(lambda j: f"[{j}, {j}]")),
    "jsonl": _mutated(st.lists(report_json | tokens(JSON + WORDS, 20), max_size=3).map("\n".join)),
    "rss": _mutated(tokens(FEED + WORDS + SEPARATORS + HTML[:12], 80)),
}

# --- the check --------------------------------------------------------------------------------


def _timed_out(_signum: int, _frame: Any) -> None:
    raise TimeoutError(f"a reader ran for more than {SECONDS_PER_INPUT} s on one input")


def check_read(fmt: str, data: bytes) -> None:
    """Read `data` as a file of format `fmt`; each result a report or a problem naming the file."""
    name = f"fuzz-report.{EXTENSIONS[fmt]}"
    path = f"/fuzz/{name}"
    signal.setitimer(signal.ITIMER_REAL, SECONDS_PER_INPUT)
    try:
        results = list(_guarded(path, lambda: _read_bytes(data, name, path, fmt, None, Given("flag"))))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    assert results, "a file gave neither a report nor a problem"
    for result in results:
        if isinstance(result, Problem):
            assert "internal error" not in result.message, result.message
            assert name in result.message and result.report.startswith(path), result
            continue
        assert isinstance(result, Report) and result.text.strip() and result.source_file.startswith(name)
        for problem in result.problems:
            assert "internal error" not in problem.message and name in problem.message, problem


def fuzz(fmt: str, seed_value: int, inputs: int) -> int:
    """Run at least `inputs` generated inputs through one reader (in a worker process); how many ran.

    Each hypothesis example is a batch of inputs, which spreads hypothesis's own cost per example
    (about 3 ms, more than most readers take) over the batch.
    """
    signal.signal(signal.SIGALRM, _timed_out)
    ran = [0]

    @seed(seed_value)
    @settings(max_examples=-(-inputs // BATCH), deadline=None, database=None,
              suppress_health_check=list(HealthCheck), print_blob=True)
    @given(st.lists(INPUTS[fmt], min_size=BATCH, max_size=BATCH))
    def run(batch: list[bytes]) -> None:
        for data in batch:
            ran[0] += 1
            check_read(fmt, data)

    run()
    return ran[0]


def _in_workers(job: Callable[..., int], fmt: str) -> int:
    share = -(-EXAMPLES // WORKERS)
    with ProcessPoolExecutor(WORKERS) as pool:
        return sum(pool.map(job, [fmt] * WORKERS, range(1, WORKERS + 1), [share] * WORKERS))


@pytest.mark.slow   # 10,000 generated inputs per reader, about 2 minutes on two cores in all
@pytest.mark.parametrize("fmt", list(INPUTS))
def test_read_fuzz_every_reader_reads_or_refuses_by_name(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    ran = _in_workers(fuzz, fmt)
    with capsys.disabled():
        print(f"\n{fmt} reader: {ran:,} generated inputs, each read or refused by name ({os.cpu_count()} cores)")
    assert ran >= EXAMPLES


@pytest.mark.parametrize(("fmt", "data"), [
    ("json", b'{"text": "' + b"[" * 5000 + b'"}'),
    ("json", b"[" * 100_000),
    ("rss", b"<rss>" + b"<a>" * 5000 + b"</rss>"),
    ("html", b"<div>" * 5000 + b"Gunmen killed three people in Kano." + b"</div>" * 5000),
    ("html", b"<figure><img src='a.jpg'><figcaption>a\x1b[2J caption</figcaption></figure><p>Soldiers clashed.</p>"),
    ("json", b"[]"),
    ("rss", b"<rss><channel><title>Empty</title></channel></rss>"),
    ("html", b"\x0b<!--"),
    ("html", b"Gunmen<script></script>&#x1b;<br>&#0;"),
    ("txt", "\ud800 lone surrogate".encode("utf-8", "surrogatepass")),
    ("txt", "Gunmen killed three.".encode("utf-16-le")),
])
def test_read_fuzz_known_hard_inputs(fmt: str, data: bytes) -> None:
    signal.signal(signal.SIGALRM, _timed_out)
    check_read(fmt, data)
