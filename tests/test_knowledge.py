"""Tests of the actor and place knowledge files and their loader (tacitus.knowledge)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import spacy

from tacitus.errors import DataFileError
from tacitus.knowledge import Knowledge, OfficeHolder, load_knowledge


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return load_knowledge()


# -- the packaged files -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("collection", "at_least"),
    [("countries", 195), ("organisations", 50), ("groups", 30), ("agencies", 80), ("holders", 3), ("titles", 100),
     ("places", 450)],
)
def test_knowledge_packaged_files_load(kb: Knowledge, collection: str, at_least: int) -> None:
    assert len(getattr(kb, collection)) >= at_least


def test_knowledge_default_is_cached() -> None:
    assert load_knowledge() is load_knowledge()


def test_knowledge_every_capital_is_in_the_gazetteer(kb: Knowledge) -> None:
    missing = [
        (country.iso3, capital)
        for country in kb.countries
        for capital in country.capitals
        if (place := kb.place(capital)) is None or place.country != country.iso3
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("U.S.", "USA"), ("US", "USA"), ("United States", "USA"), ("America", "USA"), ("the U.S.", "USA"),
        ("Japanese", "JPN"), ("JAPAN", "JPN"), ("Japan's", "JPN"), ("Japan\u2019s", "JPN"),
        ("the Kremlin", "RUS"), ("Kremlin\u2019s", "RUS"), ("Russian Federation", "RUS"),
        ("Pyongyang", "PRK"), ("DPRK", "PRK"), ("North Korean", "PRK"), ("South Korea", "KOR"), ("ROK", "KOR"),
        ("Kiev", "UKR"), ("Kyiv", "UKR"), ("Britain", "GBR"), ("U.K.", "GBR"), ("Britons", "GBR"),
        ("Downing Street", "GBR"), ("the White House", "USA"), ("Élysée", "FRA"), ("Elysee", "FRA"),
        ("Zhongnanhai", "CHN"), ("the Blue House", "KOR"), ("Taiwan", "TWN"), ("Palestinians", "PSE"),
        ("Kosovo", "XKX"), ("Ivory Coast", "CIV"), ("Cote d\u2019Ivoire", "CIV"), ("the Philippines'", "PHL"),
    ],
)
def test_knowledge_country_lookup(kb: Knowledge, text: str, iso3: str) -> None:
    country = kb.country(text)
    assert country is not None and country.iso3 == iso3


@pytest.mark.parametrize("text", ["us", "Us", "who", "Nowhereland", "", "the"])
def test_knowledge_country_lookup_rejects_non_names(kb: Knowledge, text: str) -> None:
    assert kb.country(text) is None


@pytest.mark.parametrize(
    ("text", "how"),
    [("Japan", "name"), ("U.S.", "alias"), ("Japanese", "demonym"), ("Tokyo", "capital"), ("the Kremlin", "seat"),
     ("Singapore", "name"), ("Tokyo Bay", None)],
)
def test_knowledge_how_named(kb: Knowledge, text: str, how: str | None) -> None:
    assert kb.how_named(text) == how


@pytest.mark.parametrize(("iso3", "cameo"), [("JPN", "JPN"), ("ROU", "ROM")])
def test_knowledge_country_by_code_gives_cameo_code(kb: Knowledge, iso3: str, cameo: str) -> None:
    country = kb.country_by_code(iso3)
    assert country is not None and country.cameo == cameo


@pytest.mark.parametrize(
    ("text", "code"),
    [("G7", "IGOG7"), ("Group of Seven", "IGOG7"), ("the G-7", "IGOG7"), ("G7's", "IGOG7"), ("U.N.", "IGOUNO"),
     ("UN Security Council", "IGOUNSC"), ("UNSC", "IGOUNSC"), ("NATO", "IGONATO"), ("European Union", "IGOEU"),
     ("Red Cross", "NGOICRC"), ("Amnesty International", "NGOAI")],
)
def test_knowledge_organisation_lookup(kb: Knowledge, text: str, code: str) -> None:
    org = kb.organisation(text)
    assert org is not None and org.code == code


@pytest.mark.parametrize("text", ["who", "Japan", "Hamas"])
def test_knowledge_organisation_lookup_rejects_other_names(kb: Knowledge, text: str) -> None:
    assert kb.organisation(text) is None


@pytest.mark.parametrize(("code", "member"), [("IGOG7", "JPN"), ("IGOEU", "DEU"), ("IGOASEAN", "VNM")])
def test_knowledge_organisation_members(kb: Knowledge, code: str, member: str) -> None:
    org = kb.organisation(code[3:])
    assert org is not None and member in org.members


@pytest.mark.parametrize(
    ("text", "code", "country"),
    [("Hamas", "PSEREB", "PSE"), ("Hezbollah", "LBNREB", "LBN"), ("ISIL", "IMGREB", None),
     ("Daesh", "IMGREB", None), ("Houthis", "YEMREB", "YEM"), ("Wagner Group", "RUSMIL", "RUS")],
)
def test_knowledge_group_lookup(kb: Knowledge, text: str, code: str, country: str | None) -> None:
    group = kb.group(text)
    assert group is not None and (group.code, group.country) == (code, country)


@pytest.mark.parametrize(
    ("text", "name", "country", "kind"),
    [("Crimea", "Crimea", "UKR", "territory"), ("Kiev", "Kyiv", "UKR", "capital"),
     ("Senkaku Islands", "Senkaku Islands", "JPN", "territory"), ("Dokdo", "Takeshima", "KOR", "territory"),
     ("South China Sea", "South China Sea", None, "sea"), ("Central Asia", "Central Asia", None, "region"),
     ("Henoko", "Henoko", "JPN", "city"), ("Geneva", "Geneva", "CHE", "city")],
)
def test_knowledge_place_lookup(kb: Knowledge, text: str, name: str, country: str | None, kind: str) -> None:
    place = kb.place(text)
    assert place is not None and (place.name, place.country, place.kind) == (name, country, kind)


# -- office holders -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "on", "expected"),
    [("Abe", date(2015, 5, 16), ("JPN", "head_of_government")),
     ("Shinzo Abe", date(2015, 5, 16), ("JPN", "head_of_government")),
     ("Prime Minister Abe", date(2015, 5, 16), ("JPN", "head_of_government")),
     ("Abe's", date(2015, 5, 16), ("JPN", "head_of_government")),
     ("Obama", date(2015, 5, 16), ("USA", "head_of_state")),
     ("Putin", date(2015, 5, 16), ("RUS", "head_of_state")),
     ("Abe", date(2022, 1, 1), None),
     ("Palestinian President Mahmoud Abbas", date(2015, 5, 16), ("PSE", "head_of_state")),
     ("Ivorian President Laurent Gbagbo", date(2005, 1, 1), ("CIV", "head_of_state")),
     ("Gbagbo", date(2011, 4, 12), None),
     ("Maliki", date(2010, 1, 1), ("IRQ", "head_of_government")),
     ("Buhari", date(2016, 1, 1), ("NGA", "head_of_state")),
     ("Abiy", date(2020, 11, 4), ("ETH", "head_of_government")),
     ("Thaci", date(2010, 1, 1), ("XKX", "head_of_government")),
     ("Thaçi", date(2018, 1, 1), ("XKX", "head_of_state")),
     ("Sikorski", date(2024, 6, 1), ("POL", "foreign_minister")),
     ("Orbán", date(2019, 1, 1), ("HUN", "head_of_government")),
     ("Chávez", date(2005, 1, 1), ("VEN", "head_of_state")),
     ("Padrino López", date(2019, 2, 23), ("VEN", "defence_minister")),
     ("Karzai", date(2022, 1, 1), None)],
)
def test_knowledge_office_holders_on_a_day(kb: Knowledge, name: str, on: date, expected: tuple | None) -> None:
    holders = kb.office_holders(name, on)
    assert (holders[0].country, holders[0].office) == expected if expected else holders == []


@pytest.mark.parametrize(("name", "known"), [("Abe", True), ("Vladimir Putin", True), ("Nobody Known", False)])
def test_knowledge_person_known(kb: Knowledge, name: str, known: bool) -> None:
    assert kb.person_known(name) is known


@pytest.mark.parametrize(
    ("on", "covered"),
    [(date(2012, 12, 25), False), (date(2012, 12, 26), True), (date(2020, 9, 16), True), (date(2020, 9, 17), False)],
)
def test_knowledge_in_office_counts_first_and_last_day(on: date, covered: bool) -> None:
    holder = OfficeHolder("Shinzo Abe", ("Abe",), "JPN", "head_of_government", "GOV",
                          date(2012, 12, 26), date(2020, 9, 16))
    assert holder.in_office(on) is covered


# -- titles and group nouns ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "phrase", "office"),
    [("Ukrainian President", "president", "head_of_state"), ("Foreign Minister", "foreign minister",
     "foreign_minister"), ("Vice Foreign Minister", "vice foreign minister", "minister"),
     ("Chief Cabinet Secretary", "chief cabinet secretary", "minister"),
     ("U.N. Secretary-General", "secretary general", "official"), ("Lt. Gen.", "lt gen", "military"),
     ("Secretary of State", "secretary of state", "foreign_minister"), ("prime minister", "prime minister",
     "head_of_government")],
)
def test_knowledge_title_is_longest_phrase_ending_text(kb: Knowledge, text: str, phrase: str, office: str) -> None:
    title = kb.title(text)
    assert title is not None and (title.phrase, title.office) == (phrase, office)


@pytest.mark.parametrize("text", ["Shinzo Abe", "Japan", "presidential"])
def test_knowledge_title_none_without_title(kb: Knowledge, text: str) -> None:
    assert kb.title(text) is None


@pytest.mark.parametrize(
    ("text", "qualifier", "phrase", "name"),
    [("Ukrainian President Petro Poroshenko", "Ukrainian", "president", "Petro Poroshenko"),
     ("Foreign Minister Fumio Kishida", None, "foreign minister", "Fumio Kishida"),
     ("Chief Cabinet Secretary Suga", None, "chief cabinet secretary", "Suga"),
     ("Okinawa Governor Takeshi Onaga", "Okinawa", "governor", "Takeshi Onaga"),
     ("U.S. Secretary of State John Kerry", "U.S.", "secretary of state", "John Kerry"),
     ("President of Armenia", "Armenia", "president", ""),
     ("former vice president Riek Machar", None, "former vice president", "Riek Machar"),
     ("Kenyan onetime premier Raila Odinga", "Kenyan", "onetime premier", "Raila Odinga"),
     ("former President Barack Obama", None, "former president", "Barack Obama"),
     ("former External Affairs Minister Jane Roe", None, "former external affairs minister", "Jane Roe"),
     ("Shinzo Abe", None, None, "Shinzo Abe")],
)
def test_knowledge_split_title(kb: Knowledge, text: str, qualifier: str | None, phrase: str | None,
                               name: str) -> None:
    found_qualifier, title, found_name = kb.split_title(text)
    assert (found_qualifier, title.phrase if title else None, found_name) == (qualifier, phrase, name)


def test_knowledge_a_former_title_is_an_elites(kb: Knowledge) -> None:
    _, title, _ = kb.split_title("former vice president Riek Machar")
    assert (title.sector, title.office) == ("ELI", "other")


@pytest.mark.parametrize(
    ("noun", "sector"),
    [("troops", "MIL"), ("troop", "MIL"), ("warplanes", "MIL"), ("coast guard", "MIL"), ("riot police", "COP"),
     ("government", "GOV"), ("administration", "GOV"), ("parliament", "LEG"), ("protesters", "CVL"),
     ("rebels", "REB"), ("refugees", "REF"), ("journalists", "MED"), ("Opposition", "OPP"), ("table", None)],
)
def test_knowledge_group_sector(kb: Knowledge, noun: str, sector: str | None) -> None:
    assert kb.group_sector(noun) == sector


# -- entity-ruler patterns ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ruler_nlp(kb: Knowledge) -> spacy.language.Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(kb.ruler_patterns())
    return nlp


def test_knowledge_ruler_patterns_are_unique_and_complete(kb: Knowledge) -> None:
    patterns = kb.ruler_patterns()
    assert all(set(p) == {"label", "pattern", "id"} and p["pattern"] for p in patterns)
    assert len({p["pattern"] for p in patterns}) == len(patterns)


@pytest.mark.parametrize(
    ("text", "label", "ident"),
    [("Japan", "GPE", "country:JPN"), ("U.S.", "GPE", "country:USA"), ("Kremlin", "ORG", "country:RUS"),
     ("Japanese", "NORP", "country:JPN"), ("G7", "ORG", "igo:IGOG7"), ("Hamas", "ORG", "group:Hamas"),
     ("Crimea", "LOC", "place:Crimea"), ("Moscow", "GPE", "place:Moscow"), ("Senkaku Islands", "LOC",
     "place:Senkaku Islands")],
)
def test_knowledge_ruler_patterns_tag_a_sentence(ruler_nlp: spacy.language.Language, text: str, label: str,
                                                  ident: str) -> None:
    doc = ruler_nlp("Abe told Obama in Moscow that Japan and the U.S. back the G7, the Kremlin said; "
                    "Japanese officials raised Crimea, Hamas and the Senkaku Islands.")
    assert (text, label, ident) in {(e.text, e.label_, e.ent_id_) for e in doc.ents}


def test_knowledge_ruler_patterns_skip_the_pronoun_us(ruler_nlp: spacy.language.Language) -> None:
    doc = ruler_nlp("Let us see who wins.")
    assert list(doc.ents) == []


# -- validation ---------------------------------------------------------------------------------------------------
_VALID = {
    "actors/countries.tsv": "# a comment\niso3\tcameo\tname\taliases\tdemonyms\tcapitals\tseats\tlat\tlon\n"
                            "JPN\tJPN\tJapan\tNippon\tJapanese\tTokyo\tKantei\t36.2\t138.25\n"
                            "RUS\tRUS\tRussia\tRussian Federation\tRussian|Russians\tMoscow\tKremlin\t61.5\t105.3\n",
    "actors/igos.tsv": "code\tname\taliases\tkind\tmembers\nIGOG7\tGroup of Seven\tG7|G-7\tIGO\tJPN\n",
    "actors/groups.tsv": "code\tname\taliases\tcountry\tsector\nRUSMIL\tWagner Group\tWagner\tRUS\tMIL\n",
    "actors/agencies.tsv": "code\tname\taliases\tcountry\tsector\nRUSLEG\tState Duma\tDuma\tRUS\tLEG\n",
    "actors/regions.yaml": "nouns:\n  country: any\n  kingdom: [JPN]\ndescriptors:\n  any: [tiny]\n"
                           "  east asian: [JPN, RUS]\n",
    "actors/titles.yaml": "groups:\n  troops: MIL\ntitles:\n  president: {sector: GOV, office: head_of_state}\n",
    "actors/office_holders.tsv": "name\taliases\tcountry\toffice\tsector\tstart\tend\n"
                                 "Shinzo Abe\tAbe\tJPN\thead_of_government\tGOV\t2012-12-26\t2020-09-16\n",
    "places/gazetteer.tsv": "name\taliases\tcountry\tkind\tlat\tlon\nTokyo\t\tJPN\tcapital\t35.68\t139.69\n",
    "places/cities.yaml": "min_population: 15000\nuntagged_min_population: 100000\nmin_alias_length: 4\n"
                          "common_words: [Reading]\n",
}


def _write_data(root: Path, file: str | None = None, extra: str = "") -> Path:
    """A small valid data directory, with `extra` appended to `file`."""
    for name, text in _VALID.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + (extra if name == file else ""), encoding="utf-8")
    return root


def test_knowledge_small_valid_directory_loads(tmp_path: Path) -> None:
    kb = load_knowledge(_write_data(tmp_path))
    assert kb.country("Japanese").iso3 == "JPN" and kb.organisation("G-7").members == ("JPN",)


def test_knowledge_directory_argument_is_not_cached(tmp_path: Path) -> None:
    root = _write_data(tmp_path)
    assert load_knowledge(root) is not load_knowledge(root)


def test_knowledge_office_holders_most_senior_first(tmp_path: Path) -> None:
    extra = "Shinzo Abe\tAbe\tJPN\tforeign_minister\tGOV\t2019-01-01\t2019-12-31\n"
    kb = load_knowledge(_write_data(tmp_path, "actors/office_holders.tsv", extra))
    assert [h.office for h in kb.office_holders("Abe", date(2019, 6, 1))] == ["head_of_government",
                                                                            "foreign_minister"]


@pytest.mark.parametrize(
    ("file", "extra", "message"),
    [
        ("actors/countries.tsv", "JP\tJPN\tJapan2\t\t\t\t\t0\t0\n", "bad country code"),
        ("actors/countries.tsv", "CHN\tCHN\tChina\t\t\t\t\t0\n", "columns"),
        ("actors/countries.tsv", "JPN\tJPN\tNihon\t\t\t\t\t0\t0\n", "duplicate country"),
        ("actors/countries.tsv", "CHN\tCHN\tChina\t\t\t\t\t95\t0\n", "lat"),
        ("actors/countries.tsv", "CHN\tCHN\tChina\t\t\t\t\t30\t181\n", "lon"),
        ("actors/countries.tsv", "CHN\tCHN\tChina\tNippon\t\t\t\t30\t100\n", "names both JPN and CHN"),
        ("actors/igos.tsv", "IGOEU\tEuropean Union\tEU\tIGO\tDEU\n", "unknown country code"),
        ("actors/igos.tsv", "IGOG7\tGroup of 7\t\tIGO\t\n", "duplicate organisation"),
        ("actors/igos.tsv", "IGOXX\tSomething\t\tCLUB\t\n", "kind"),
        ("actors/groups.tsv", "RUSREB\tSome Group\t\tRUS\tFOO\n", "unknown sector"),
        ("actors/groups.tsv", "XXXREB\tOther Group\t\tXXX\tREB\n", "unknown country code"),
        ("actors/agencies.tsv", "JPNMIL\tDefence Ministry\t\tJPN\tGOV\n", "must be the country's code"),
        ("actors/agencies.tsv", "JPNGOV\tCabinet Office\t\t\tGOV\n", "empty"),
        ("actors/agencies.tsv", "XXXGOV\tCabinet Office\t\tXXX\tGOV\n", "unknown country code"),
        ("actors/agencies.tsv", "RUSGOV\tKremlin administration\tKremlin\tRUS\tGOV\n", "already names"),
        ("actors/agencies.tsv", "RUSMIL\tWagner PMC\tWagner\tRUS\tMIL\n", "already names"),
        ("actors/agencies.tsv", "RUSLEG\tState Duma\t\tRUS\tLEG\n", "duplicate agency"),
        ("actors/office_holders.tsv", "Taro Aso\tAso\tJPN\tking\tGOV\t2008-09-24\t2009-09-16\n", "office"),
        ("actors/office_holders.tsv", "Taro Aso\tAso\tJPN\thead_of_government\tGOV\t2008-13-24\t\n", "date"),
        ("actors/office_holders.tsv", "Taro Aso\tAso\tJPN\thead_of_government\tGOV\t2009-09-16\t2008-09-24\n",
         "before start"),
        ("actors/office_holders.tsv", "Taro Aso\tAso\tXYZ\thead_of_government\tGOV\t2008-09-24\t\n",
         "unknown country code"),
        ("actors/office_holders.tsv", "Shinzo Abe\tAbe\tJPN\thead_of_government\tGOV\t2012-12-26\t\n",
         "duplicate term"),
        ("places/gazetteer.tsv", "Osaka\t\tJPN\tplanet\t34.7\t135.5\n", "kind"),
        ("places/gazetteer.tsv", "Osaka\t\tJPN\tcity\t34.7\t200\n", "lon"),
        ("places/gazetteer.tsv", "Tokyo\t\tJPN\tcity\t34.7\t135.5\n", "duplicate place"),
        ("actors/titles.yaml", "  king: {sector: GOV, office: boss}\n", "office"),
        ("actors/titles.yaml", "  king: {sector: XXX, office: head_of_state}\n", "unknown sector"),
        ("actors/titles.yaml", "  king: {sector: GOV}\n", "sector and office"),
        ("actors/titles.yaml", "  President: {sector: GOV, office: head_of_state}\n", "duplicate"),
    ],
)
def test_knowledge_validation_names_file_and_line(tmp_path: Path, file: str, extra: str, message: str) -> None:
    root = _write_data(tmp_path, file, extra)
    with pytest.raises(DataFileError, match=message) as caught:
        load_knowledge(root)
    assert caught.value.path == str(root / file)
    assert caught.value.line == len((root / file).read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [("groups:\n  troops: XXX\ntitles: {}\n", 2, "unknown sector"),
     ("groups:\n  troops: MIL\n  troops: COP\ntitles: {}\n", 3, "duplicate"),
     ("groups: {}\ntitles: {}\nranks: {}\n", None, "unknown section"),
     ("groups: [\n", 2, "not valid YAML"),
     ("groups: {}\ntitles: {}\nformer: ex\n", 3, "former: expected a list")],
)
def test_knowledge_validation_of_titles_file(tmp_path: Path, text: str, line: int | None, message: str) -> None:
    root = _write_data(tmp_path)
    (root / "actors/titles.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as caught:
        load_knowledge(root)
    assert caught.value.line == line


def test_knowledge_validation_rejects_a_wrong_header(tmp_path: Path) -> None:
    root = _write_data(tmp_path)
    (root / "actors/igos.tsv").write_text("code\tname\tkind\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="header") as caught:
        load_knowledge(root)
    assert caught.value.line == 1


def test_knowledge_validation_rejects_a_missing_file(tmp_path: Path) -> None:
    root = _write_data(tmp_path)
    (root / "places/gazetteer.tsv").unlink()
    with pytest.raises(DataFileError, match="not found"):
        load_knowledge(root)


# -- state bodies named by their own name (actors/agencies.tsv) ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "code"),
    [("the State Department", "USAGOV"), ("U.S. State Department", "USAGOV"), ("USTR", "USAGOV"),
     ("the Pentagon", "USAMIL"), ("Tatmadaw", "MMRMIL"), ("the Knesset", "ISRLEG"), ("the Duma", "RUSLEG"),
     ("Bundeswehr", "DEUMIL"), ("Zhongnanhai", None), ("FSB", "RUSSPY"), ("the Verkhovna Rada", "UKRLEG"),
     ("Mossad", "ISRSPY"), ("KCNA", "PRKMED"), ("the Home Office", "GBRGOV"), ("Matignon", "FRAGOV")],
)
def test_knowledge_agencies_resolve_to_their_state_and_sector(kb: Knowledge, text: str, code: str | None) -> None:
    agency = kb.agency(text)
    assert (agency.code if agency else None) == code


@pytest.mark.parametrize(("text", "iso3"), [("the Kremlin", "RUS"), ("Downing Street", "GBR"),
                                            ("the Quai d'Orsay", "FRA"), ("the Elysee", "FRA"),
                                            ("the Blue House", "KOR"), ("Zhongnanhai", "CHN")])
def test_knowledge_seats_of_government_stay_in_the_countries_file(kb: Knowledge, text: str, iso3: str) -> None:
    assert kb.country(text).iso3 == iso3 and kb.how_named(text) == "seat" and kb.agency(text) is None


def test_knowledge_agencies_are_entity_ruler_organisations(kb: Knowledge) -> None:
    patterns = {p["pattern"]: p for p in kb.ruler_patterns()}
    assert patterns["Pentagon"] == {"label": "ORG", "pattern": "Pentagon", "id": "agency:Pentagon"}


def test_knowledge_agency_codes_are_country_and_sector(kb: Knowledge) -> None:
    bad = [a.name for a in kb.agencies if a.code != kb.country_by_code(a.country).actor_code(a.sector)]
    assert bad == []


# -- armed groups and parties that conflict data names (actors/groups.tsv) ----------------------------------------
@pytest.mark.parametrize(
    ("text", "code"),
    [("al-Shabaab", "SOMREB"), ("Boko Haram", "NGAREB"), ("ISWAP", "NGAREB"), ("JNIM", "MLIREB"),
     ("RSF", "SDNREB"), ("M23", "CODREB"), ("ADF", "CODREB"), ("Ansar Allah", "YEMREB"), ("Hezbollah", "LBNREB"),
     ("Hamas", "PSEREB"), ("PKK", "TURREB"), ("TTP", "PAKREB"), ("Wagner", "RUSMIL"), ("FARC dissidents", "COLREB"),
     ("ELN", "COLREB"), ("Arakan Army", "MMRREB"), ("KIA", "MMRREB"), ("ZANU-PF", "ZWEGOV"), ("ANC", "ZAFGOV"),
     ("MDC", "ZWEOPP"), ("Kataib Hezbollah", "IRQREB"), ("Tren de Aragua", "VENCRM"), ("Fano", "ETHREB")],
)
def test_knowledge_groups_of_conflict_data(kb: Knowledge, text: str, code: str) -> None:
    assert kb.group(text).code == code


@pytest.mark.parametrize("text", ["Borno", "North Kivu", "Cabo Delgado", "Anbar"])
def test_knowledge_gazetteer_has_conflict_provinces(kb: Knowledge, text: str) -> None:
    assert kb.place(text).kind == "province"
