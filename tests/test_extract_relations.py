"""Relations, modes, lists, coordination, passive, nominalisations, negation, hedges."""

from __future__ import annotations

from claimgraph.extract.pipeline import Extractor
from tests.conftest import known, triples


def test_aid_modes_split_into_separate_claims(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Hezbollah is supplying rockets and explosives to the Houthis.")
    got = triples(extractor, ex)
    assert ("Hezbollah", "AID", "weapons", "Houthis", "asserted") in got
    assert ("Hezbollah", "AID", "explosives", "Houthis", "asserted") in got


def test_inverse_frames_turn_the_giver_around(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("The Houthis depend on Iran for missiles.")
    assert ("Iran", "AID", "weapons", "Houthis", "asserted") in triples(extractor, ex)
    ex = extract("Al-Shabaab bought rifles from the Islamic State.")
    got = triples(extractor, ex)
    assert ("Islamic State", "AID", "weapons", "Al-Shabaab", "asserted") in got
    assert ("Al-Shabaab", "AID", "money", "Islamic State", "asserted") in got


def test_coordinated_subjects_each_get_the_claim(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Hezbollah and the Houthis are cooperating.")
    assert {(t[0], t[1], t[3]) for t in triples(extractor, ex)} & {
        ("Hezbollah", "COOPERATE", "Houthis"), ("Houthis", "COOPERATE", "Hezbollah")}


def test_passive_voice_keeps_the_agent(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Hamas commander Jane Roe was arrested by Egyptian authorities in Rafah.")
    assert ("Egyptian government", "COERCE", "arrest", "Jane Roe", "asserted") in \
        triples(extractor, ex)  # "Egyptian authorities": the state's GOV, not the state
    ex = extract("Houthi fighters were trained by Hezbollah.")
    assert ("Hezbollah", "AID", "training", "Houthis", "asserted") in triples(extractor, ex)


def test_nominalisation(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Analysts pointed to Iranian support for Hezbollah.")
    assert any(t[0] == "Iran" and t[1] == "AID" and t[3] == "Hezbollah"
               for t in triples(extractor, ex))


def test_negation_and_denial(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Hezbollah is not supplying weapons to the Houthis.")
    assert ("Hezbollah", "AID", "weapons", "Houthis", "denied") in triples(extractor, ex)
    text = ("Hezbollah is cooperating with the Houthis, officials said. "
            "Hezbollah has denied any ties.")
    got = triples(extractor, extract(text))
    assert ("Hezbollah", "COOPERATE", None, "Houthis", "denied") in got or \
        ("Houthis", "COOPERATE", None, "Hezbollah", "denied") in got


def test_hedges_are_marked(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Hezbollah reportedly met with Hamas leaders in Beirut.")
    st = [s for s in ex.statements if s.type == "CONSULT"]
    assert st and all(s.hedged for s in st)
    assert st[0].origin.kind == "unattributed"
    ex = extract("Hezbollah met with Hamas leaders in Beirut.")
    assert not any(s.hedged for s in ex.statements)


def test_numbered_list_items_take_the_intro_source(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    text = ("The report by Crisis Group listed two concerns:\n"
            "1. Hezbollah is sending fighters to Syria.\n"
            "2. Iran is providing drones to Hezbollah.\n"
            "Separately, the Taliban attacked Pakistani troops.")
    ex = extract(text, outlet="Daily Example")
    drones = [s for s in ex.statements if s.mode == "weapons" and s.subject_id == "irn"]
    assert drones, "list item 2 not read"
    assert drones[0].origin.kind in ("document", "actor")
    assert drones[0].chain[0] == "Daily Example"
    attack = [s for s in ex.statements if s.type == "ASSAULT"]
    assert attack and attack[0].origin.kind == "outlet", "the block must end with the list"


def test_standing_ties_from_titles(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Hezbollah leader Hassan Nasrallah spoke on Sunday. "
                 "Jane Roe, a senior Hamas official, declined to comment.")
    got = triples(extractor, ex)
    assert ("Hassan Nasrallah", "LEADER_OF", None, "Hezbollah", "asserted") in got
    assert ("Jane Roe", "MEMBER_OF", None, "Hamas", "asserted") in got


def test_weapons_delivered_against_an_actor_are_an_attack(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Turkish aircraft delivered 24 munitions against Boko Haram positions.")
    assert ("Turkish military", "ASSAULT", None, "Boko Haram", "asserted") in \
        triples(extractor, ex)
    assert not [s for s in ex.statements if s.type == "AID"]


def test_agreement_between_two_sides(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Egypt praised the agreement between Hamas and Fatah.")
    assert ("Hamas", "AGREE", None, "Fatah", "asserted") in triples(extractor, ex)
    assert not [s for s in ex.statements if s.type == "AGREE" and
                known(extractor)[s.subject_id].name == "Egypt"]


def test_leadership_verbs_need_a_named_body(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Abu Bakr al-Baghdadi led the Islamic State until 2019.")
    assert any(t[1:] == ("LEADER_OF", None, "Islamic State", "asserted") and "Baghdadi" in t[0]
               for t in triples(extractor, ex))
    ex = extract("Egypt led talks with Hamas in Cairo.")
    assert not [s for s in ex.statements if s.type == "LEADER_OF"]


def test_two_subjects_of_a_meeting_are_its_two_sides(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Egypt and Qatar met in Doha on Monday.")
    assert ("Egypt", "CONSULT", None, "Qatar", "asserted") in triples(extractor, ex)
    ex = extract("Egypt and Qatar attacked Boko Haram.")  # side by side, not at each other
    assert [s.type for s in ex.statements
            if {known(extractor)[s.subject_id].name,
                known(extractor)[s.object_id].name} == {"Egypt", "Qatar"}] == ["COOPERATE"]


def test_an_office_phrase_is_not_a_second_person(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("A memo written by Karl Osten, a former Hezbollah commander, to Houthi leader "
                 "Abdul-Malik al-Houthi has surfaced.")
    found = triples(extractor, ex)
    assert ("Karl Osten", "MEMBER_OF", None, "Hezbollah", "asserted") in found
    assert not [t for t in found if t[0] == "Karl Osten" and t[3] == "Houthis"]


def test_the_helped_party_does_what_the_help_is_for(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    got = {(t[0], t[1], t[3]) for t in triples(extractor, extract(
        "Iran helped the Houthis to attack Saudi Arabia."))}
    assert ("Houthis", "ASSAULT", "Saudi Arabia") in got
    assert ("Iran", "ASSAULT", "Saudi Arabia") not in got
    got = {(t[0], t[1], t[3]) for t in triples(extractor, extract(
        "Russia reiterated its support for Syria in the fight against the Islamic State."))}
    assert ("Syria", "ASSAULT", "Islamic State") in got
    assert ("Russia", "ASSAULT", "Islamic State") not in got
    got = {(t[0], t[1], t[3]) for t in triples(extractor, extract(
        "Iran stands by Syria to defeat the Islamic State."))}
    assert ("Syria", "ASSAULT", "Islamic State") in got
    got = {(t[0], t[1], t[3]) for t in triples(extractor, extract(  # the helper acts
        "The coalition supported Iraq, attacking Islamic State positions near Mosul."))}
    assert ("Coalition", "ASSAULT", "Islamic State") in got


def test_fighting_side_by_side_is_cooperation(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Hezbollah, together with the Houthis, attacked Israel.")
    got = {(t[0], t[1], t[3]) for t in triples(extractor, ex)}
    assert {("Hezbollah", "ASSAULT", "Israel"), ("Houthis", "ASSAULT", "Israel")} <= got
    coop = [s for s in ex.statements if s.type == "COOPERATE"]
    assert len(coop) == 1 and not coop[0].directed
    ex = extract("Hezbollah fought alongside Iraqi troops against the Islamic State.")
    got = {(t[0], t[1], t[3]) for t in triples(extractor, ex)}
    assert ("Hezbollah", "ASSAULT", "Iraq") not in got
    assert ("Hezbollah", "ASSAULT", "Islamic State") in got
    ex = extract("Hezbollah attacked Israel. Hamas did not.")  # one subject: no ally
    assert not [s for s in ex.statements if s.type == "COOPERATE"]
    ex = extract("Hezbollah and the Houthis did not attack Israel.")  # denies no alliance
    assert not [s for s in ex.statements if s.type == "COOPERATE"]


def test_the_enemy_is_whom_the_text_has_them_fight(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("The Houthis attacked Saudi Arabia in March. "
                 "In May the Houthis fought the enemy near Jizan.")
    hits = [s for s in ex.statements if s.type == "ASSAULT" and s.trigger == "fought"]
    assert [(name_of(extractor, s.subject_id), name_of(extractor, s.object_id))
            for s in hits] == [("Houthis", "Saudi Arabia")]
    ex = extract("In May the Houthis fought the enemy near Jizan.")  # nobody to stand for it
    assert not [s for s in ex.statements if s.type == "ASSAULT"]


def test_a_verb_modifying_a_noun_is_the_event(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("The Houthis joined Hezbollah, which will fly strike missions against Israel.")
    assert ("Hezbollah", "ASSAULT", None, "Israel", "asserted") in triples(extractor, ex)
    ex = extract("Hezbollah is not engaged in weapons smuggling with Jordan.")  # a plain noun
    assert not [s for s in ex.statements if s.type == "ASSAULT"]


def test_a_title_between_commas_ties_a_person(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Ahmed Darwish, commander, Hezbollah, met with Hamas.")
    got = {(t[0], t[1], t[3]) for t in triples(extractor, ex)}
    assert ("Ahmed Darwish", "LEADER_OF", "Hezbollah") in got
    ex = extract("Ahmed Darwish, spokesman, Hezbollah, met with Hamas.")
    got = {(t[0], t[1], t[3]) for t in triples(extractor, ex)}
    assert ("Ahmed Darwish", "MEMBER_OF", "Hezbollah") in got


def test_membership_and_office_phrasings(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    def ties(text: str) -> set[tuple[str, str, str]]:
        return {(t[0], t[1], t[3]) for t in triples(extractor, extract(text))}

    assert ("Jane Roe", "MEMBER_OF", "Hezbollah") in ties(
        "Jane Roe was a senior member of Hezbollah.")  # a predicate noun
    assert ("Jane Roe", "MEMBER_OF", "Hezbollah") in ties(
        "Hezbollah, represented by Jane Roe, signed the truce.")
    assert ("Jane Roe", "LEADER_OF", "Hezbollah") in ties(  # the conjoined passive's subject
        "Hezbollah was founded in 1982 and was later headed by Jane Roe.")
    assert ("Turkey", "MEMBER_OF", "NATO") in ties("Turkey joined NATO in 1952.")
    got = ties("Qatar joined Egypt in condemning the attack.")  # done together: no member
    assert ("Qatar", "COOPERATE", "Egypt") in got or ("Egypt", "COOPERATE", "Qatar") in got
    got = ties("The Houthis joined Hezbollah.")  # one armed group and another: allies
    assert not {t for t in got if t[1] == "MEMBER_OF"}


def test_conflict_and_requests_in_other_phrasings(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    def ties(text: str) -> set[tuple[str, str, str]]:
        return {(t[0], t[1], t[3]) for t in triples(extractor, extract(text))}

    assert ("American military", "ASSAULT", "Jane Roe") in ties(  # the agent on the event
        "Jane Roe was killed in a raid by US special forces.")
    assert ("Egypt", "REQUEST", "Qatar") in ties("Egypt pressed for Qatar to expel the group.")
    got = ties("Officials praised the agreement between Iraq and the Kurdistan Regional "
               "Government.")  # a state and its own region are two sides when named so
    assert ("Iraq", "AGREE", "Kurdistan Regional Government") in got or \
        ("Kurdistan Regional Government", "AGREE", "Iraq") in got


def test_violence_in_other_phrasings(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    def ties(text: str) -> set[tuple[str, str, str]]:
        return {(t[0], t[1], t[3]) for t in triples(extractor, extract(text))}

    got = ties("He fought in the Iran-Iraq war.")  # two sides, neither the attacker
    assert ("Iran", "ASSAULT", "Iraq") in got
    assert not [s for s in extract("He fought in the Iran-Iraq war.").statements if s.directed]
    assert ("American military", "ASSAULT", "Jane Roe") in ties(  # conjoined passive
        "Jane Roe was targeted and killed in a raid conducted by US forces.")
    assert ("Hezbollah", "ASSAULT", "Jane Roe") in ties(
        "Egypt condemned the killing of Jane Roe by Hezbollah.")
    got = ties("Hezbollah condemned the killing of Jane Roe.")  # not the condemner's act
    assert ("Hezbollah", "ASSAULT", "Jane Roe") not in got
    assert ("Hezbollah", "ASSAULT", None, "Israel", "asserted") in triples(  # rockets: no
        extractor, extract("Hezbollah fired rockets at Israel."))  # small-arms mode
    assert ("Houthis", "ASSAULT", "Yazidis") in ties(  # a community
        "Yazidis suffered at the hands of the Houthis.")


def test_allies_of_an_actor_are_not_that_actor(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    got = {(t[0], t[1], t[3]) for t in triples(
        extractor, extract("Hezbollah attacked U.S. allies in the region."))}
    assert ("Hezbollah", "ASSAULT", "United States") not in got
    got = {(t[0], t[1], t[3]) for t in triples(
        extractor, extract("Hezbollah attacked Coalition partners near Mosul."))}
    assert ("Hezbollah", "ASSAULT", "Coalition") in got  # partners in the Coalition


def test_readings_that_named_the_wrong_party(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    got = triples(extractor, extract("Egypt rejected talks with Hezbollah."))
    assert ("Egypt", "REJECT", None, "Hezbollah", "asserted") in got  # not its own denial
    got = triples(extractor, extract("Iran sent 10,000 soldiers to the border region."))
    assert not [t for t in got if t[1] == "AID"]  # the soldiers are what is sent
    got = triples(extractor, extract("Hezbollah deployed 1,000 fighters to Syria."))
    # neither the fighters deployed nor where to is a target: the event has none
    assert got == {("Hezbollah", "MOBILIZE", "troops", None, "asserted")}
    got = triples(extractor, extract(
        "The European Union imposed sanctions on Iran over the crackdown on protesters."))
    assert ("European Union", "SANCTION", "Iran") in {(t[0], t[1], t[3]) for t in got}
    assert not [t for t in got if t[1] == "COERCE"]  # the crackdown is not the EU's


def test_threats_intentions_and_accusations(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Egypt threatened a ground offensive against Hezbollah.")
    assert {s.type for s in ex.statements} == {"THREATEN"}  # the offensive did not happen
    ex = extract("Hezbollah vowed to attack Israel.")
    assert [(s.type, s.hedged) for s in ex.statements] == [("ASSAULT", True)]
    ex = extract("Egypt accused Qatar of arming Hezbollah, a charge Doha denied.")
    got = {(name_of(extractor, s.subject_id), s.type, name_of(extractor, s.object_id),
            s.polarity, s.origin.label) for s in ex.statements}
    assert ("Egypt", "ACCUSE", "Qatar", "asserted", "t.txt (own reporting)") in got
    assert ("Qatar", "AID", "Hezbollah", "asserted", "Egypt") in got  # Egypt's claim
    got = {(t[0], t[1], t[3]) for t in triples(
        extractor, extract("The Houthis, who are backed by Iran, attacked a ship."))}
    assert ("Iran", "AID", "Houthis") in got  # "who" is the Houthis


def test_more_phrasings_of_help_and_fighting(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    def ties(text: str) -> set[tuple[str, str, str]]:
        return {(t[0], t[1], t[3]) for t in triples(extractor, extract(text))}

    got = ties("Hezbollah and Israel exchanged fire across the border.")
    assert ("Hezbollah", "ASSAULT", "Israel") in got or ("Israel", "ASSAULT", "Hezbollah") in got
    got = ties("Niger's government expelled French troops. It then turned to Russia for "
               "military support.")  # "It": the owner of the last sentence's subject
    assert ("Russia", "AID", "Nigerien government") in got
    assert not [t for t in got if t[0] == "Russia" and "French" in t[2]]
    assert not ties("The country turned to violence.")


def test_a_body_speaks_for_the_actor_named_with_it(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Qatar sent money to Hezbollah, according to a report by a United Nations "
                 "panel of experts.")
    (st,) = [s for s in ex.statements if s.type == "AID"]
    assert st.origin.kind == "document" and st.origin.attrs["author"] == "un"
    ex = extract("A United Nations panel of experts found that Qatar sent money to Hezbollah.")
    (st,) = [s for s in ex.statements if s.type == "AID"]
    assert st.origin.key == "actor:un"  # the same voice: one origin when aggregated
    ex = extract("Qatar sent money to Hezbollah, according to a letter from a Hezbollah "
                 "fighter.")  # a fighter is not Hezbollah
    (st,) = [s for s in ex.statements if s.type == "AID"]
    assert st.origin.attrs["author"] is None


def test_who_speaks_and_what_is_given(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Hezbollah has trained hundreds of Houthi fighters, a Houthi defector said.")
    assert [(s.mode, s.origin.kind) for s in ex.statements] == [("training", "anonymous")]
    ex = extract("Hezbollah has denied training Houthi fighters, after the Wire reported "
                 "that hundreds had been trained.")  # the denial is Hezbollah's, not the Wire's
    assert [(name_of(extractor, s.subject_id), s.polarity, s.origin.label)
            for s in ex.statements] == [("Hezbollah", "denied", "Hezbollah")]


def test_clause_readings_on_unseen_news(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    def ties(text: str) -> set[tuple[str, str, str]]:
        return {(t[0], t[1], t[3]) for t in triples(extractor, extract(text))}

    # a participle's subject is the noun it modifies, when that noun is people
    got = ties("Egyptian jets struck gunmen firing on Hezbollah positions.")
    assert ("Egypt", "ASSAULT", "Hezbollah") not in got
    # perpetrators listed after "by" or "at the hands of" are not thereby allies
    got = ties("Hundreds of Yazidis were killed at the hands of Hezbollah and the Houthis.")
    assert ("Hezbollah", "ASSAULT", "Yazidis") in got  # a community
    assert not {t for t in got if t[1] == "COOPERATE"}
    # a plural nationality names people, not the state ("the Iraqis" stays the state)
    assert ("Hezbollah", "ASSAULT", "Syrians") in ties("Hezbollah killed Syrians in Qusayr.")
    assert ("Iraq", "ASSAULT", "Hezbollah") in ties("The Iraqis attacked Hezbollah.")
    # an agreement between sides that are not both named is nobody's agreement
    got = ties("Egypt welcomed the agreement between Iraqi and Kurdish negotiators.")
    assert not {t for t in got if t[1] == "AGREE"}
    # no guessed object for verbs whose object the parse gives
    assert not ties("The Pentagon will release the results of the strike in Syria.")
    # what is said is not aid; people provided are not the recipient
    assert not ties("Jane Roe provided the following statement on the Hezbollah advance.")
    got = ties("Egypt is providing 125 soldiers to assist in training for the Iraqi Army.")
    assert ("Egypt", "AID", "soldiers") not in got
    # a demonym on a place is no party: liberating an Iraqi city does not attack Iraq
    got = ties("Hezbollah joined the campaign to liberate the Iraqi city of Mosul.")
    assert not {t for t in got if t[2] == "Iraq"}
    assert not ties("Jane Roe took part in the war over Kuwait.")  # what about, not whom
    # ranks that hold "chief" lead nobody
    got = ties("Navy Senior Chief Petty Officer Jane Roe died in Syria.")
    assert not {t for t in got if t[1] == "LEADER_OF"}


def test_claimed_acts_and_unwanted_wars(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    def ties(text: str) -> set[tuple[str, str, str]]:
        return {(t[0], t[1], t[3]) for t in triples(extractor, extract(text))}

    assert ("Hezbollah", "ASSAULT", "Israel Defense Forces") in ties(  # Israel's MIL organ
        "Hezbollah claimed the ambush that killed three Israeli soldiers.")
    assert ("Hezbollah", "ASSAULT", "Israel Defense Forces") in ties(
        "Hezbollah claimed responsibility for the bombing, which killed three Israeli soldiers.")
    assert not ties("Egypt said it did not want a war with Israel.")  # no denied attack
    ex = extract("Hezbollah seeks to attack Israel.")
    assert [(s.type, s.hedged) for s in ex.statements] == [("ASSAULT", True)]
    assert ("Saudi Arabia-led coalition", "ASSAULT", "Houthis") in ties(
        "The Saudi-led coalition bombed Houthi positions.")  # "Saudi - led" in three tokens


def test_give_needs_something_given(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    got = triples(extractor, extract("Qatar gave Hezbollah a warm welcome."))
    assert not [t for t in got if t[1] == "AID"]
    got = triples(extractor, extract("Qatar gave Hezbollah support."))
    assert ("Qatar", "AID", None, "Hezbollah", "asserted") in got
    got = triples(extractor, extract("Qatar gave Hezbollah $10 million."))
    assert ("Qatar", "AID", "money", "Hezbollah", "asserted") in got


def name_of(extractor: Extractor, actor_id: str | None) -> str | None:
    """The actor's name; None for the object of an event with no target named."""
    return known(extractor)[actor_id].name if actor_id is not None else None
