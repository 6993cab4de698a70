"""The State, actor and instrument lexicons: schema, counts, codes, and lookups from the sample texts."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from resograph.extract import lexicon as L
from resograph.sample import sample_dir

GOLD = Path(__file__).parent / "gold"


@pytest.fixture(autouse=True)
def _bundled_lexicons_only():
    L.reset_extra()
    yield
    L.reset_extra()


def _sample(name_prefix: str) -> str:
    (path,) = sample_dir().glob(f"{name_prefix}_*.txt")
    return path.read_text("utf-8")


def _gold_records():
    """(sample file stem, record) for every gold file, `evidence_002_...` and `preamble_...` included."""
    stems = [p.stem for p in sample_dir().glob("*.txt")]
    for path in sorted(GOLD.glob("*.jsonl")):
        (stem,) = [s for s in stems if path.stem.endswith(s)]
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                yield stem, json.loads(line)


# ------------------------------------------------------------------ States

def test_states_counts_and_statuses():
    by_status = {}
    for s in L.states():
        by_status.setdefault(s.status, []).append(s.label)
    assert len(by_status["member"]) == 193
    assert sorted(by_status["observer"]) == ["Holy See", "State of Palestine"]
    assert "Union of Soviet Socialist Republics" in by_status["former"]


def test_state_codes_are_well_formed_and_unique():
    iso3 = [s.iso3 for s in L.states() if s.iso3]
    m49 = [s.m49 for s in L.states() if s.m49]
    assert len(iso3) == len(set(iso3))
    assert len(m49) == len(set(m49))
    for s in L.states():
        if s.status != "former":
            assert re.fullmatch(r"[A-Z]{3}", s.iso3) and re.fullmatch(r"\d{3}", s.m49), s


@pytest.mark.parametrize(
    "label,iso3,m49",
    [
        ("Philippines", "PHL", "608"),
        ("Indonesia", "IDN", "360"),
        ("United States of America", "USA", "840"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR", "826"),
        ("France", "FRA", "250"),
        ("Germany", "DEU", "276"),
        ("China", "CHN", "156"),
        ("Russian Federation", "RUS", "643"),
        ("India", "IND", "356"),
        ("Brazil", "BRA", "076"),
        ("Türkiye", "TUR", "792"),
        ("Republic of Moldova", "MDA", "498"),
        ("Cabo Verde", "CPV", "132"),
        ("Eswatini", "SWZ", "748"),
        ("North Macedonia", "MKD", "807"),
        ("Bolivia (Plurinational State of)", "BOL", "068"),
        ("Côte d'Ivoire", "CIV", "384"),
        ("Democratic People's Republic of Korea", "PRK", "408"),
        ("Republic of Korea", "KOR", "410"),
        ("Viet Nam", "VNM", "704"),
        ("Sudan", "SDN", "729"),
        ("South Sudan", "SSD", "728"),
        ("State of Palestine", "PSE", "275"),
        ("Holy See", "VAT", "336"),
        ("Switzerland", "CHE", "756"),
    ],
)
def test_state_codes_spot_checks(label, iso3, m49):
    s = L.state_by_name(label)
    assert (s.label, s.iso3, s.m49) == (label, iso3, m49)
    assert L.state_by_code(iso3) is s and L.state_by_code(m49) is s


@pytest.mark.parametrize(
    "form,label",
    [
        ("the Philippines", "Philippines"),
        ("Turkey", "Türkiye"),
        ("Turkiye", "Türkiye"),
        ("the Republic of Moldova", "Republic of Moldova"),
        ("Cape Verde", "Cabo Verde"),
        ("Swaziland", "Eswatini"),
        ("the former Yugoslav Republic of Macedonia", "North Macedonia"),
        ("Iran", "Iran (Islamic Republic of)"),
        ("Venezuela", "Venezuela (Bolivarian Republic of)"),
        ("Vietnam", "Viet Nam"),
        ("Cote d\u2019Ivoire", "Côte d'Ivoire"),
        ("the  Sudan", "Sudan"),
        ("Zaire", "Democratic Republic of the Congo"),
        ("United Arab Republic", "Egypt"),
        ("the Netherlands", "Netherlands (Kingdom of the)"),
        ("Yugoslavia", "Socialist Federal Republic of Yugoslavia"),
        ("Federal Republic of Yugoslavia", "Serbia and Montenegro"),
    ],
)
def test_state_aliases(form, label):
    assert L.state_by_name(form).label == label


@pytest.mark.parametrize(
    "form,label",
    [
        ("the Government of Iraq", "Iraq"),
        ("the State of Kuwait", "Kuwait"),
        ("the Republic of Iraq", "Iraq"),
        ("Government of the Sudan", "Sudan"),
        ("the Federal Republic of Nigeria", "Nigeria"),
        ("Republic of Korea", "Republic of Korea"),
        ("State of Palestine", "State of Palestine"),
        ("Democratic Republic of Congo", "Democratic Republic of the Congo"),
    ],
)
def test_state_behind_a_government_or_long_name(form, label):
    assert L.state_by_name(form).label == label


def test_unknown_state_is_none():
    assert L.state_by_name("Atlantis") is None
    assert L.state_by_name("Republic of Atlantis") is None
    assert L.state_by_code("XXX") is None


def test_every_state_in_the_reports_parenthesised_lists_is_known():
    """A parenthesised list with two or more States in it is a list of reporting States: all must resolve."""
    text = _sample("002")
    lists = []
    for group in re.findall(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)", text):
        parts = [p.strip() for p in re.split(r",\s*|\s+and\s+", " ".join(group.split())) if p.strip()]
        if sum(1 for p in parts if L.state_by_name(p)) >= 2:
            lists.append(parts)
    assert len(lists) >= 20
    unresolved = {p for parts in lists for p in parts if not L.state_by_name(p)}
    assert unresolved == set()
    named = {L.state_by_name(p).label for parts in lists for p in parts}
    for expected in ["Algeria", "Cabo Verde", "Republic of Moldova", "Türkiye", "Philippines", "Serbia", "Qatar"]:
        assert expected in named


# ------------------------------------------------------------------ actors

def test_actor_schema():
    labels = [a.label for a in L.actors()]
    assert len(labels) == len(set(labels))
    for a in L.actors():
        assert a.type in L.ACTOR_TYPES and a.type != "member_state", a
        assert a.acronym is None or (a.acronym.strip() and " " not in a.acronym), a


def test_actor_and_state_names_do_not_collide():
    state_keys = {L._key(f) for s in L.states() for f in L.state_forms(s)}
    actor_keys = {L._key(f) for a in L.actors() for f in L.actor_forms(a)}
    assert state_keys & actor_keys == set()


@pytest.mark.parametrize(
    "form,label,type_",
    [
        ("States parties", "States Parties", "group_of_states"),
        ("all Governments", "Governments", "group_of_states"),
        ("the United Nations system", "United Nations system", "un_entity"),
        ("the Secretary-General", "Secretary-General", "un_principal_organ"),
        ("UNHCR", "Office of the United Nations High Commissioner for Refugees", "un_entity"),
        ("UN-Women", "United Nations Entity for Gender Equality and the Empowerment of Women", "un_entity"),
        ("the Committee on the Elimination of Discrimination against Women",
         "Committee on the Elimination of Discrimination against Women", "treaty_body"),
        ("non-governmental organizations", "non-governmental organizations", "civil_society"),
        ("NGOs", "non-governmental organizations", "civil_society"),
        ("the private sector", "private sector", "private_sector"),
        ("League of Arab States", "League of Arab States", "intergovernmental_organization"),
        ("special rapporteurs", "special rapporteurs", "special_procedure"),
        ("all parties", "parties", "other_actor"),
        ("parties to armed conflict", "parties to the conflict", "other_actor"),
        ("States Members of the United Nations", "Member States", "group_of_states"),
        ("the Secretary-General's Special Representative", "Special Representative of the Secretary-General",
         "un_entity"),
        ("the Organization of African Unity", "Organization of African Unity", "intergovernmental_organization"),
        ("the administering Power", "administering Powers", "other_actor"),
    ],
)
def test_actor_lookups(form, label, type_):
    a = L.actor_by_alias(form)
    assert (a.label, a.type) == (label, type_)


def test_acronyms_keep_their_case():
    assert L.actor_by_alias("WHO").label == "World Health Organization"
    assert L.actor_by_alias("who") is None
    assert L.actor_by_alias("World Health Organization").acronym == "WHO"


def test_every_gold_actor_is_in_a_lexicon():
    missing = {
        label
        for _, rec in _gold_records()
        for label in rec["actors"]
        if not (L.actor_by_alias(label) or L.state_by_name(label))
    }
    assert missing == set()


# ------------------------------------------------------------------ instruments

def test_instrument_schema():
    ids = [i.id for i in L.instruments()]
    assert len(ids) == len(set(ids))
    for i in L.instruments():
        assert i.type in L.INSTRUMENT_TYPES, i
        assert i.year is None or 1800 <= i.year <= 2100
        if i.id.startswith("ILO ") and i.id[4] in "CRP" and i.id[5:].isdigit():
            assert re.fullmatch(r"ILO [CRP]\d{3}", i.id)
            assert i.type == {"C": "convention", "R": "recommendation", "P": "protocol"}[i.id[4]]


def test_ilo_labels_carry_their_own_number_and_year():
    for i in L.instruments():
        m = re.fullmatch(r"ILO ([CR])(\d{3})", i.id)
        if m:
            assert i.label.endswith(f", {i.year} (No. {int(m.group(2))})"), i.label
            assert i.label.split(",")[0].endswith("Convention" if m.group(1) == "C" else "Recommendation") or \
                "(Revised)" in i.label or "(Supplementary" in i.label, i.label


def test_no_surface_form_names_two_entries():
    """Checked here independently of the loader's own check."""
    for entries, forms_of in [(L.states(), L.state_forms), (L.actors(), L.actor_forms),
                              (L.instruments(), L.instrument_forms)]:
        owner = {}
        for entry in entries:
            for form in forms_of(entry):
                key = L.normalise(form, keep_case=L.is_acronym(form))
                assert owner.setdefault(key, entry) is entry, (form, owner[key], entry)
    unts = [(i.unts.volume, i.unts.number) for i in L.instruments() if i.unts]
    assert len(unts) == len(set(unts)) and len(unts) >= 60
    symbols = [L.symbol_key(s) for i in L.instruments() for s in i.symbols]
    assert len(symbols) == len(set(symbols))


def test_ilo_instruments_required_by_the_spec_are_present():
    ids = {i.id for i in L.instruments()}
    for code in ["C029", "C087", "C097", "C098", "C100", "C105", "C111", "C138", "C143", "C155", "C169",
                 "C181", "C182", "C187", "C189", "C190", "P029", "R086", "R151", "R200", "R201", "R203",
                 "R204", "R206", "C081", "C122", "C129", "C144"]:
        assert f"ILO {code}" in ids


@pytest.mark.parametrize(
    "form,id_",
    [
        ("the Migration for Employment Convention (Revised), 1949 (No. 97)", "ILO C097"),
        ("Domestic Workers Convention, 2011", "ILO C189"),
        ("ILO Convention No. 189", "ILO C189"),
        ("the associated recommendation (No. 206)", None),
        ("recommendation (No. 206)", "ILO R206"),
        ("Protocol of 2014 to the Forced Labour Convention, 1930", "ILO P029"),
        ("the Convention on the Elimination of All Forms of Discrimination against Women", "CEDAW"),
        ("the International Convention on the Protection of the Rights of All Migrant Workers and Members "
         "of Their Families", "ICRMW"),
        ("the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children,"
         "\nsupplementing the United Nations Convention against Transnational Organized Crime", "Trafficking Protocol"),
        ("the 1954 Convention relating to the Status of Stateless Persons", "1954 Statelessness Convention"),
        ("the global compact for safe, orderly and regular migration", "Global Compact for Migration"),
        ("the United Nations Global Plan of Action to Combat Trafficking in Persons",
         "Global Plan of Action to Combat Trafficking in Persons"),
        ("the 2030 Agenda for Sustainable Development", "2030 Agenda"),
        ("Charter of the United Nations", "UN Charter"),
        ("the Fourth Geneva Convention", "Geneva Convention IV"),
        ("CEDAW", "CEDAW"),
        ("cedaw", None),
        ("the Sustainable Development Goals", "2030 Agenda"),
        ("Geneva Convention relative to the Protection of Civilian Persons in Time of War, of 12 August 1949",
         "Geneva Convention IV"),
        ("the Treaty on the Non-Proliferation of Nuclear Weapons", "NPT"),
        ("the Additional Protocols thereto of 1977", "Additional Protocols to the Geneva Conventions"),
        ("International Convention for the Suppression of the Financing of Terrorism", "Terrorist Financing Convention"),
    ],
)
def test_instrument_lookups(form, id_):
    found = L.instrument_by_alias(form)
    assert (found.id if found else None) == id_


@pytest.mark.parametrize(
    "volume,number,id_",
    [
        (1249, 20378, "CEDAW"),
        (1577, 27531, "CRC"),
        (2220, 39481, "ICRMW"),
        (2225, 39574, "UNTOC"),
        (2237, 39574, "Trafficking Protocol"),
        (2241, 39574, "Smuggling Protocol"),
        (596, 8638, "VCCR"),
        (360, 5158, "1954 Statelessness Convention"),
        (989, 14458, "1961 Statelessness Convention"),
        (120, 1616, "ILO C097"),
        (1120, 17426, "ILO C143"),
        (2115, 36794, "ILO C181"),
        (2955, 51379, "ILO C189"),
    ],
)
def test_instrument_by_unts(volume, number, id_):
    assert L.instrument_by_unts(volume, number).id == id_
    assert L.instrument_by_unts(volume, number).unts.citation() == f"vol. {volume}, No. {number}"


def test_every_treaty_series_citation_in_the_samples_resolves():
    citations = set()
    for path in sample_dir().glob("*.txt"):
        for line in path.read_text("utf-8").splitlines():
            if re.search(r"Treaty Series|Ibid", line):
                citations.update(L.unts_citations(line))
    assert len(citations) == 13
    unresolved = {c for c in citations if L.instrument_by_unts(c.volume, c.number) is None}
    assert unresolved == set()


@pytest.mark.parametrize(
    "footnote,ids",
    [
        ("³⁸ Resolution 73/195, annex.", ["Global Compact for Migration"]),
        ("¹³ Resolution [S-23/2](#), annex, and resolution [S-23/3](#), annex.", ["Beijing+5 outcome"]),
        ("² A/CONF.157/24 (Part I), chap. III.", ["Vienna Declaration and Programme of Action"]),
        ("Ibid., vol. 2241, No. 39574.", ["Smuggling Protocol"]),
        ("³ Report of the International Conference on Population and Development, Cairo, 5–13 September 1994 "
         "(United Nations publication, Sales No. E.95.XIII.18), chap. I, resolution 1, annex.",
         ["Programme of Action of the International Conference on Population and Development"]),
        ("¹⁶ Resolution 68/4.", ["A/RES/68/4"]),
        ("²¹ A/72/215.", []),
        ("See resolutions 70/1 and 71/256, annex.", ["2030 Agenda", "New Urban Agenda"]),
        ("Resolution 217 A (III).", ["UDHR"]),
        ("See General Assembly resolutions 1514 (XV) and 2625 (XXV), annex.",
         ["Declaration on the Granting of Independence to Colonial Countries and Peoples", "Friendly Relations Declaration"]),
        ("Security Council resolution 1325 (2000).", []),
        ("United Nations, Treaty Series, vol. 75, Nos. 970–973.", []),
        ("Ibid., vol. 1125, Nos. 17512 and 17513.", []),
    ],
)
def test_cited_instruments(footnote, ids):
    assert [i.id for i in L.cited_instruments(footnote)] == ids


def test_every_gold_instrument_is_named_or_cited_in_its_document():
    """Each gold instrument id is reachable from the document's own text through the lexicon."""
    docs = {}
    for path in sample_dir().glob("*.txt"):
        text = path.read_text("utf-8")
        docs[path.stem] = (L.normalise(text), {i.id for i in L.cited_instruments(text)})
    missing = []
    for stem, rec in _gold_records():
        norm_text, cited = docs[stem]
        for id_ in rec["instruments"]:
            entry = next((i for i in L.instruments() if i.id == id_), None)
            named = entry and any(
                L.normalise(f) in norm_text for f in L.instrument_forms(entry) if not L.is_acronym(f)
            )
            if not (named or id_ in cited):
                missing.append((stem, rec["paragraph"], id_))
    assert missing == []


# ------------------------------------------------------------------ normalise and load_extra

def test_is_acronym():
    assert [f for f in ["WHO", "NGOs", "G77", "CEDAW-OP", "C189", "UK"] if not L.is_acronym(f)] == []
    assert [f for f in ["Guinea-Bissau", "UN Women", "Türkiye", "who", "2030 Agenda"] if L.is_acronym(f)] == []


def test_normalise():
    assert L.normalise("  The\nUnited   Nations *system*, ") == "united nations system"
    assert L.normalise("Côte d’Ivoire") == "cote d'ivoire"
    assert L.normalise("Sendai Framework for Disaster Risk Reduction 2015–2030") == (
        "sendai framework for disaster risk reduction 2015-2030")
    assert L.normalise("UN-Women", keep_case=True) == "UN-Women"
    assert L.normalise("Domestic Workers Convention , 2011 ( No. 189 )") == "domestic workers convention, 2011 (no. 189)"


def test_load_extra_adds_and_replaces_entries(tmp_path):
    extra = tmp_path / "my_actors.jsonl"
    extra.write_text(
        '{"label": "migrant associations", "type": "civil_society", "aliases": ["migrant associations", '
        '"associations of migrants"], "acronym": null}\n'
        '{"label": "employers", "type": "private_sector", "aliases": ["employer", "hiring employers"], '
        '"acronym": null}\n',
        "utf-8",
    )
    assert L.actor_by_alias("associations of migrants") is None
    assert L.load_extra(extra) == "actors"
    assert L.actor_by_alias("associations of migrants").label == "migrant associations"
    assert L.actor_by_alias("hiring employers").label == "employers"
    assert len([a for a in L.actors() if a.label == "employers"]) == 1
    L.reset_extra()
    assert L.actor_by_alias("associations of migrants") is None


def test_load_extra_states_and_instruments(tmp_path):
    states = tmp_path / "territories.tsv"
    states.write_text("label\tiso3\tm49\taliases\tstatus\nSouthern Rhodesia\t\t\tRhodesia\tformer\n", "utf-8")
    instruments = tmp_path / "more.jsonl"
    instruments.write_text(
        json.dumps({"id": "ILO C131", "type": "convention", "label": "Minimum Wage Fixing Convention, 1970 (No. 131)",
                    "aliases": [], "unts": None, "year": 1970}) + "\n",
        "utf-8",
    )
    assert L.load_extra(states) == "states"
    assert L.load_extra(instruments) == "instruments"
    assert L.state_by_name("Rhodesia").status == "former"
    assert L.instrument_by_alias("Minimum Wage Fixing Convention").id == "ILO C131"
    assert L.instrument_by_alias("ILO Convention No. 131").id == "ILO C131"


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("bad.jsonl", '{"label": "x", "type": "wizard", "aliases": [], "acronym": null}\n',
         r"bad\.jsonl:1: type 'wizard' is not one of"),
        ("bad.jsonl", '{"label": "x", "type": "civil_society", "aliases": []}\n',
         r"bad\.jsonl:1: missing field\(s\) acronym"),
        ("bad.jsonl", '\n{"label": "x", "type": "civil_society",\n',
         r"bad\.jsonl:2: not valid JSON"),
        ("bad.tsv", "label\tiso3\tm49\taliases\tstatus\nNowhere\tNW\t12\t\tmember\n",
         r"bad\.tsv:2: iso3 'NW' is not three capital letters"),
        ("bad.tsv", "name\tcode\n", r"bad\.tsv:1: header must be"),
        ("bad.jsonl", json.dumps({"id": "X", "type": "convention", "label": "X", "aliases": [],
                                  "unts": {"volume": "12"}, "year": None}) + "\n",
         r"bad\.jsonl:1: unts must be null"),
        ("clash.jsonl", '{"label": "figures", "type": "other_actor", "aliases": ["States parties"], "acronym": null}\n',
         r"'States Parties' and 'figures' share the name 'States parties'"),
    ],
)
def test_load_extra_rejects_bad_files_and_keeps_the_lexicons(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, "utf-8")
    before = (L.states(), L.actors(), L.instruments())
    with pytest.raises(L.LexiconError, match=message):
        L.load_extra(path)
    assert (L.states(), L.actors(), L.instruments()) == before
    assert L.actor_by_alias("States parties").label == "States Parties"


def test_lexicon_files_named_in_the_environment_are_read(tmp_path):
    extra = tmp_path / "mine.jsonl"
    extra.write_text('{"label": "migrant associations", "type": "civil_society", "aliases": [], "acronym": "MA"}\n',
                     "utf-8")
    code = ("from resograph.extract import lexicon as L; a = L.actor_by_alias('Migrant associations'); "
            "print(a.label, a.type, L.actor_by_alias('MA').label, L.state_by_name('Türkiye').iso3)")
    env = {**os.environ, "RESOGRAPH_LEXICONS": os.pathsep.join([str(extra), ""])}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "migrant associations civil_society migrant associations TUR"


def test_a_bad_file_in_the_environment_is_named_and_skipped(tmp_path, monkeypatch, caplog):
    bad = tmp_path / "broken.tsv"
    bad.write_text("label\tiso3\tm49\taliases\tstatus\nNowhere\tNWH\t9999\t\tmember\n", "utf-8")
    good = tmp_path / "good.tsv"
    good.write_text("label\tiso3\tm49\taliases\tstatus\nSouthern Rhodesia\t\t\tRhodesia\tformer\n", "utf-8")
    missing = tmp_path / "missing.jsonl"
    monkeypatch.setenv("RESOGRAPH_LEXICONS", os.pathsep.join(map(str, [bad, missing, good])))
    L.reload()
    assert L.state_by_name("Nowhere") is None
    assert L.state_by_name("Rhodesia").label == "Southern Rhodesia"
    assert L.state_by_name("Türkiye").m49 == "792"
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "broken.tsv:2: m49 '9999' is not three digits (skipped: lexicon file named in $RESOGRAPH_LEXICONS)" in messages[0]
    assert "missing.jsonl: cannot read lexicon file" in messages[1]
    monkeypatch.delenv("RESOGRAPH_LEXICONS")
    L.reload()
    assert L.state_by_name("Rhodesia") is None


def test_older_spellings_find_the_same_entry():
    assert L.actor_by_alias("Organisation for Security and Co-operation in Europe").acronym == "OSCE"
    assert L.actor_by_alias("Organization of Islamic Co-operation").acronym == "OIC"
    assert L.instrument_by_alias("Declaration on Principles of International Law concerning Friendly Relations and "
                                 "Co-operation among States in accordance with the Charter of the United Nations"
                                 ).id == "Friendly Relations Declaration"


def test_load_extra_missing_file(tmp_path):
    with pytest.raises(L.LexiconError, match=r"nope\.jsonl: cannot read lexicon file"):
        L.load_extra(tmp_path / "nope.jsonl")
