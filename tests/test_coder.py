"""Behaviour of the coder on hand-written sentences: one behaviour per case (loads the real model)."""

import pytest

import tacitus

pytestmark = pytest.mark.slow


def _events(text, published="2015-05-16"):
    article = tacitus.code_text(text, published=published)
    return [(e.source.country or e.source.code, e.target and (e.target.country or e.target.code), e.root, e.status)
            for e in article.events]


@pytest.mark.parametrize("text, expected", [
    ("Putin will visit Japan before the end of the year.", ("RUS", "JPN", "04", "planned")),
    ("Putin visited Japan on Tuesday.", ("RUS", "JPN", "04", "occurred")),
    ("Abe intends to visit Ukraine next month.", ("JPN", "UKR", "04", "planned")),
    ("The United States urged Iran to halt uranium enrichment.", ("USA", "IRN", "02", "occurred")),
    ("China refused to meet the Dalai Lama's envoys, and Beijing did not send a delegation to Tokyo.",
     ("CHN", "JPN", "04", "negated")),
    ("Russia could attack Ukraine if talks fail, Western officials fear.", ("RUS", "UKR", "19", "hypothetical")),
])
def test_coder_status(text, expected):
    assert expected in _events(text)


def test_coder_planned_visit_is_never_occurred():
    for event in tacitus.code_text("Putin would visit Japan if relations improved.", "2015-05-16").events:
        assert event.status != "occurred"


def test_coder_passive_voice_turns_roles_round():
    assert ("GBR", "RUS", "16", "occurred") in _events("Russian diplomats were expelled by Britain on Monday.")


def test_coder_passive_without_agent_gives_no_event():
    assert _events("Two Russian diplomats were expelled on Monday.") == []


def test_coder_nominal_event_with_possessor_and_target():
    assert ("RUS", "UKR", "19", "occurred") in _events("Many states condemned Russia's annexation of Crimea.")


def test_coder_condemnation_of_an_act_targets_its_agent():
    assert ("FRA", "TUR", "11", "occurred") in _events("France condemned Turkey's military offensive in Syria.")


def test_coder_compound_actor_gives_one_event_per_pair():
    events = _events("The United States and the European Union imposed sanctions on Russia.")
    assert ("USA", "RUS", "16", "occurred") in events
    assert ("IGOEU", "RUS", "16", "occurred") in events


def test_coder_reciprocal_talks():
    events = _events("Japan and Russia held talks in Moscow on Monday.")
    assert ("JPN", "RUS", "04", "occurred") in events and ("RUS", "JPN", "04", "occurred") in events


def test_coder_reported_speech_codes_the_reported_event():
    events = _events("Ukrainian officials said Russian forces shelled the city of Kharkiv overnight.")
    assert any(s == "RUS" and t == "UKR" and r == "19" for s, t, r, _ in events)


def test_coder_office_holder_on_publication_date():
    article = tacitus.code_text("Abe met Obama at the White House.", published="2015-04-28")
    event = next(e for e in article.events if e.root == "04")
    assert (event.source.code, event.target.code) == ("JPNGOV", "USAGOV")


def test_coder_former_office_holder_is_not_government():
    article = tacitus.code_text("Abe met Biden in Tokyo.", published="2022-05-23")
    sources = [e.source for e in article.events if e.source.name == "Shinzo Abe"]
    assert sources and all(a.sector != "GOV" for a in sources)


def test_coder_title_with_nationality_resolves_unknown_person():
    events = _events("Ukrainian President Ivan Testenko met German Chancellor Olaf Scholz in Berlin.", "2023-03-01")
    assert ("UKR", "DEU", "04", "occurred") in events


def test_coder_pronoun_takes_the_subject():
    events = _events("Abe arrived in Washington on Sunday. He met Obama on Tuesday.", "2015-04-30")
    assert ("JPN", "USA", "04", "occurred") in events


def test_coder_speaker_line_we():
    text = "Gist of the summit\n\nObama: We support Japan's efforts.\n\nAbe: We will visit Ukraine in June."
    events = _events(text, "2015-04-30")
    assert ("USA", "JPN", "05", "occurred") in events
    assert ("JPN", "UKR", "04", "planned") in events


def test_coder_date_window_and_day():
    article = tacitus.code_text("Japan and Russia will hold vice-ministerial talks in Moscow on May 18.", "2015-05-16")
    event = next(e for e in article.events if e.root == "04")
    assert (event.date.start, event.date.end, event.status) == ("2015-05-18", "2015-05-18", "planned")
    assert event.location is not None and event.location.country == "RUS" and event.location.lat is not None


@pytest.mark.parametrize("text", [
    "Japan beat Germany 2-1 in their World Cup opener, with Doan scoring the equaliser.",
    "Brazil attacked relentlessly in the second half but France held on to win the final.",
    "Toyota said its operating profit rose 20 percent, and the company will buy back shares.",
    "Apple sued Samsung over patents in a California court.",
    "German carmaker Volkswagen will invest 10 billion euros in China.",
    "Russian oil giant Rosneft signed a supply deal with India's Reliance.",
    "Mexico and the United States will meet in the Gold Cup final on Sunday.",
    "The two countries have a long history of trade and cultural exchange.",
    "It rained heavily in Tokyo on Sunday.",
])
def test_coder_no_event(text):
    assert _events(text) == []


def test_coder_event_carries_evidence():
    article = tacitus.code_text("Seoul urged Pyongyang to return to talks.", "2019-01-10")
    event = article.events[0]
    start, end = event.span
    assert article.document.text[start:end] == event.sentence
    t0, t1 = event.trigger_span
    assert article.document.text[t0:t1] == event.trigger
    assert event.rule.startswith("verb:") and 0 < event.confidence <= 1
    assert event.event_id == tacitus.code_text("Seoul urged Pyongyang to return to talks.", "2019-01-10").events[0].event_id


def test_coder_entering_territorial_waters_targets_their_state():
    assert ("CHN", "JPN", "15", "occurred") in _events(
        "Chinese coast guard ships entered Japanese territorial waters near the Senkaku Islands.", "2016-08-08")


def test_coder_date_of_a_subordinate_clause_is_not_the_event_date():
    article = tacitus.code_text("Japan and Russia agreed on Monday to hold talks next month.", "2015-05-16")
    talks = [e for e in article.events if e.root == "04"]
    assert talks and all((e.date.start, e.date.end, e.status) == ("2015-06-01", "2015-06-30", "planned")
                         for e in talks)


def test_coder_carried_event_takes_the_date_of_its_verb():
    article = tacitus.code_text("The meeting between Japan and Russia was held in Moscow on Monday.", "2015-05-16")
    assert {(e.date.start, e.location.name if e.location else None) for e in article.events} == {
        ("2015-05-11", "Moscow")}


def test_coder_attack_without_target_takes_the_state_of_the_place():
    assert ("SDN", "SSD", "19", "occurred") in _events("Sudanese rebels shelled the city of Juba on Sunday.",
                                                       "2015-05-16")
    assert _events("Rebels shelled positions overnight.") == []


def test_coder_missile_launch_is_a_show_of_force_and_over_a_state_targets_it():
    assert ("PRK", None, "15", "occurred") in _events("North Korea launched a ballistic missile on Sunday.")
    assert ("PRK", "JPN", "15", "occurred") in _events("North Korea fired a ballistic missile over Japan.")


def test_coder_commitment_to_an_unknown_act_is_an_intent_to_cooperate():
    events = _events("Indonesia and Australia pledged to improve ties after a diplomatic row.", "2014-08-28")
    assert ("IDN", "AUS", "03", "occurred") in events and ("AUS", "IDN", "03", "occurred") in events


@pytest.mark.parametrize("text, published, expected", [
    ("The World Bank approved a $1 billion loan to Pakistan.", "2022-06-20", ("IGOWB", "PAK", "07", "occurred")),
    ("Japan will provide Ukraine with $5.5 billion in financial assistance.", "2023-02-20",
     ("JPN", "UKR", "07", "planned")),
    ("The EU adopted a new package of sanctions against Russia.", "2022-06-03", ("IGOEU", "RUS", "16", "occurred")),
    ("Leaders of the G7 agreed to tighten sanctions on Russia.", "2023-05-19", ("IGOG7", "RUS", "16", "planned")),
])
def test_coder_aid_and_sanctions_carried_by_other_verbs(text, published, expected):
    assert expected in _events(text, published)


def test_coder_indefinite_event_in_a_conditional_is_hypothetical():
    assert ("CHN", "TWN", "19", "hypothetical") in _events(
        "A Chinese blockade of Taiwan would trigger a global economic crisis, analysts warned.", "2023-01-10")


def test_coder_place_described_by_nationality():
    article = tacitus.code_text("Eritrean troops massacred hundreds of civilians in the Ethiopian city of Axum.",
                                "2021-02-26")
    assert any(e.target and e.target.country == "ETH" for e in article.events)


def test_coder_subject_of_a_copula_with_an_infinitive():
    assert ("USA", "CHN", "04", "planned") in _events("Blinken is due to visit Beijing on Sunday.", "2023-06-16")


def test_coder_without_a_publication_date_keeps_the_text_dates_and_leaves_the_rest_unknown():
    article = tacitus.code_text("Japan protested to China on May 3, 2015. Russia expelled two British diplomats.")
    dates = {(e.source.country, e.target and e.target.country): e.date for e in article.events}
    assert (article.document.published, article.document.published_source) == (None, "none")
    assert (dates[("JPN", "CHN")].start, dates[("JPN", "CHN")].precision) == ("2015-05-03", "day")
    assert dates[("RUS", "GBR")] == tacitus.When(None, None, "unknown", None)
