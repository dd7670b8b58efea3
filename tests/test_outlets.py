import pytest

from tacitus.errors import DataFileError
from tacitus.outlets import load_outlets, outlet_country


@pytest.mark.parametrize("outlet, country", [
    ("Yomiuri", "JPN"), ("The Yomiuri Shimbun", "JPN"), ("Xinhua", "CHN"), ("Yonhap", "KOR"), ("Reuters", None),
    (None, None),
])
def test_outlet_country(outlet, country):
    assert outlet_country(outlet) == country


@pytest.mark.parametrize("text, message", [
    ("outlet\tcountry\nX\tJPN\n", "header"),
    ("outlet\taliases\tcountry\nX\t\tJP\n", "alpha-3"),
    ("outlet\taliases\tcountry\nX\t\tJPN\nY\tX\tCHN\n", "already given"),
    ("outlet\taliases\tcountry\nX\tJPN\n", "3 columns"),
])
def test_outlets_bad_file_is_rejected(tmp_path, text, message):
    path = tmp_path / "outlets.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_outlets(path)
