"""Who says it: publisher, cited sources and caveats, each with its span."""
from conflictscope.attribute import attribute_sources
from conflictscope.models import Report, Source


def test_attribute_finds_cited_sources_and_caveats_once():
    text = ("Syrian intelligence arrested 30 people, writes Eye of Euphrates. The Eye of the Euphrates correspondent "
            "said the campaign began yesterday, the Syrian Observatory for Human Rights reported. "
            "The Syrian Observer has not verified the content of this story.")
    report = attribute_sources(Report(id="r", text=text, sources=[Source("The Syrian Observer", "publisher")]))
    cited = [s for s in report.sources if s.role == "originating"]
    assert [s.name for s in cited] == ["Eye of Euphrates", "Syrian Observatory for Human Rights"]
    for s in cited:
        assert text[s.start:s.end].endswith(s.name)
    caveats = [s for s in report.sources if s.role == "caveat"]
    assert len(caveats) == 1 and "has not verified" in caveats[0].text


def test_attribute_ignores_people_and_pronouns():
    report = attribute_sources(Report(id="r", text="He said the clashes continue. Saleh said militiamen arrived."))
    assert [s for s in report.sources if s.role == "originating"] == []
