"""The coreference component on hand-built Docs: the actor component's mentions are set by hand."""

from hand_docs import ABE_THEN_HE, ASKED_THEN_CONVEYED, country, make_doc, mention

from tacitus.components.coref import Coreference
from tacitus.model import Actor

COREF = Coreference("tacitus_coref")
ABE = Actor("Abe", "Shinzo Abe", "JPN", "GOV", "JPNGOV")
PUTIN = Actor("Putin", "Vladimir Putin", "RUS", "GOV", "RUSGOV")


def _resolved(doc):
    return [(m.head, tuple(a.code for a in m.actors), m.kind) for m in doc._.tacitus_coref]


def test_coref_he_is_the_earlier_person_who_was_a_subject():
    doc = make_doc(ABE_THEN_HE, tacitus_speakers=[])
    doc._.tacitus_mentions = [mention(doc, 0, ABE, kind="person"), mention(doc, 2, PUTIN, kind="person"),
                              mention(doc, 6, country("RUS"))]
    assert _resolved(COREF(doc)) == [(0, ("JPNGOV",), "person"), (2, ("RUSGOV",), "person"),
                                     (4, ("JPNGOV",), "pronoun"), (6, ("RUS",), "entity")]


def test_coref_it_and_its_are_the_earlier_state_subject():
    doc = make_doc(ASKED_THEN_CONVEYED, tacitus_speakers=[])
    doc._.tacitus_mentions = [mention(doc, 1, country("USA"), start=0), mention(doc, 3, country("JPN"))]
    assert _resolved(COREF(doc))[2:] == [(8, ("USA",), "pronoun"), (11, ("USA",), "pronoun")]


def test_coref_keeps_the_actor_components_own_mentions():
    doc = make_doc(ABE_THEN_HE, tacitus_speakers=[])
    doc._.tacitus_mentions = []
    assert COREF(doc)._.tacitus_coref == []
    assert doc._.tacitus_mentions == []


WE_CONDEMN = [("We", 1, "nsubj", "PRON", "PRP", "we", "O"),
              ("condemn", 1, "ROOT", "VERB", "VBP", "condemn", "O"),
              ("Russia", 1, "dobj", "PROPN", "NNP", "Russia", "B-GPE"),
              (".", 1, "punct", "PUNCT", ".", ".", "O")]


def test_coref_we_on_a_governments_own_site_is_that_government():
    doc = make_doc(WE_CONDEMN, tacitus_speakers=[], tacitus_voice="USA")
    doc._.tacitus_mentions = [mention(doc, 2, country("RUS"))]
    assert _resolved(COREF(doc)) == [(0, ("USAGOV",), "speaker"), (2, ("RUS",), "entity")]
    assert doc._.tacitus_coref[0].actors[0].country_source == "story"


def test_coref_we_on_any_other_page_is_nobody():
    doc = make_doc(WE_CONDEMN, tacitus_speakers=[])
    doc._.tacitus_mentions = [mention(doc, 2, country("RUS"))]
    assert _resolved(COREF(doc)) == [(2, ("RUS",), "entity")]
