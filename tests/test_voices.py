"""The government domains (data/pages/government_domains.tsv): whose voice a page on a web address is."""

import pytest

from tacitus.errors import DataFileError
from tacitus.voices import government_of, load_government_domains


def test_voices_file_loads_and_covers_the_us_government():
    table = load_government_domains()
    assert table["gov"] == "USA" and table["mil"] == "USA" and table["gov.uk"] == "GBR"


@pytest.mark.parametrize("url, expected", [
    ("https://2009-2017.state.gov/r/pa/prs/ps/2015/02/237691.htm", "USA"),
    ("http://www.centcom.mil/MEDIA/PRESS-RELEASES/", "USA"),
    ("https://af.usembassy.gov/statement/", "USA"),
    ("https://www.gov.uk/government/news/x", "GBR"),   # the longest suffix: gov.uk, not a U.S. "gov"
    ("https://www.mofa.go.jp/press/release/", "JPN"),
    ("https://webarchive.library.unt.edu/web/20130214062141/http://egypt.usembassy.gov/tr112211.html", "USA"),
    ("https://www.voanews.com/a/x.html", None),
    ("https://www.voanews.com/a/x.html?from=http://state.gov", None),  # a query names no archived page
    ("https://gov/x", None),
    ("http://[::1", None),
    (None, None),
])
def test_voices_government_of_a_url(url, expected):
    assert government_of(url) == expected


@pytest.mark.parametrize("text, message", [
    ("", "empty file"),
    ("domain\tcountry\ngov\tUSA\n", "header must be"),
    ("suffix\tcountry\ngov\n", "expected 2 columns"),
    ("suffix\tcountry\nGov\tUSA\n", "lower-case domain labels"),
    ("suffix\tcountry\ngov\tusa\n", "ISO 3166 alpha-3"),
    ("suffix\tcountry\ngov\tUSA\ngov\tGBR\n", "listed twice"),
])
def test_voices_bad_file_is_rejected(tmp_path, text, message):
    path = tmp_path / "government_domains.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_government_domains(path)
