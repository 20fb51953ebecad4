"""Who says it: publisher, cited sources and caveats, each with its span."""
from conflictscope.attribute import attribute_sources
from conflictscope.models import Report, Source


def test_attribute_finds_cited_sources_and_caveats_once():
    text = ("Security forces detained 12 men in a dawn raid, writes Qalaat Herald. The Qalaat Herald's "
            "correspondent added that the raid began at night, the Tigris Monitor for Human Rights reported. "
            "The Desert Courier has not verified the content of this story.")
    report = attribute_sources(Report(id="r", text=text, sources=[Source("The Desert Courier", "publisher")]))
    cited = [s for s in report.sources if s.role == "originating"]
    assert [s.name for s in cited] == ["Qalaat Herald", "Tigris Monitor for Human Rights"]
    for s in cited:
        assert text[s.start:s.end].endswith(s.name)
    caveats = [s for s in report.sources if s.role == "caveat"]
    assert len(caveats) == 1 and "has not verified" in caveats[0].text


def test_attribute_ignores_people_and_pronouns():
    report = attribute_sources(Report(id="r", text="He said the clashes continue. Karimov said militiamen arrived."))
    assert [s for s in report.sources if s.role == "originating"] == []
