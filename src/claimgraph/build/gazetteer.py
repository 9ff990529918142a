"""Building the shipped gazetteer: the curated file (data/gazetteer.yaml) plus the Phoenix
dictionaries, with their known faults fixed (data/phoenix_fixes.yaml).

- States (a bare ISO code): names and the variants that resemble them; demonyms (one
  word, a demonym ending, resembling the name). Cities listed as country aliases are
  dropped, since a city is a place, not the state.
- State organs (an ISO code with a sector, and an organisation word: "Afghan National
  Army" AFGMIL): organisations with the state as parent and the sector.
- People in office since 2000 (a dated ISO+sector code): persons with country and
  sector.
- Non-state armed groups: organisations with the dictionary's country and sector.
- IGOs and NGOs of the international file (companies and people left out).
- Agent nouns ("soldier" MIL, "minister" GOV): the sector of a description.
Curated entries win: a Phoenix record that names a curated actor adds its names to it.
Run: ``claimgraph gazetteer build ../shared/data/phoenix-dictionaries``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from claimgraph.build.phoenix import Record, read_actors, read_agents, words
from claimgraph.errors import DataFileError
from claimgraph.extract.index import slug
from claimgraph.gazetteer import norm
from claimgraph.places import countries

FILES = {"countries": "Phoenix.Countries.actors.txt",
         "international": "Phoenix.International.actors.txt",
         "nonstate": "Phoenix.MilNonState.actors.txt", "agents": "Phoenix.agents.txt"}
SECTORS = {"GOV", "MIL", "REB", "SPY", "COP", "JUD", "LEG", "OPP", "PTY", "ELI", "MED",
           "NGO", "IGO", "BUS", "CVL", "REL", "EDU", "LAB", "HLH", "CRM", "INS", "UAF"}
ORG_WORDS = {"army", "military", "intelligence", "administration", "regime",
             "legislature", "judiciary", "secretariat", "forces", "force",
             "ministry", "police", "party", "council", "front",
             "brigade", "brigades", "movement", "guard", "guards", "agency", "service",
             "committee", "organization", "organisation", "union", "court", "parliament",
             "assembly", "navy", "corps", "command", "government", "militia", "battalion",
             "battalions", "league", "alliance", "office", "department", "directorate",
             "bureau", "commission", "authority", "group", "network", "army's", "fund",
             "bank", "institute", "foundation", "association", "society", "congress",
             "federation", "coalition", "senate", "cabinet", "gendarmerie", "regiment"}
GROUP_WORDS = {"state", "harakat", "jabhat", "jaish", "jaysh", "hizb", "ansar", "kataib",
               "saraya", "liwa", "tanzim", "kataeb", "resistencia", "movimiento", "cellule",
               "gang", "nobles", "of", "de", "del", "nacional", "national", "jamaat",
               "jama'at", "majlis", "islamiyya", "islami", "islamiyah", "islamiya", "islamiah",
               "jemaah", "jamaah", "lashkar", "laskar", "mujahiden", "mujahedin", "qa'ida",
               "qai'dah", "qaidah", "qa'idah",
               "mujahideen", "mujahidin", "muqawama", "taliban", "qaeda", "qaida", "allah",
               "party", "god", "resistance", "jihad", "islamic", "brigades", "martyrs"}
ARTICLES = {"al", "el", "la", "le", "il", "the", "an", "ad", "as", "ash"}
DEMONYM_ENDINGS = ("i", "an", "ian", "ean", "ese", "ish", "ic", "ite", "er")
PERSON_SECTORS = {"GOV", "MIL", "SPY", "COP", "JUD", "LEG", "OPP", "PTY", "ELI", "REB"}


@dataclass
class Built:
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    taken: dict[str, str] = field(default_factory=dict)  # norm(name) -> actor id
    agents: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    persons: set[str] = field(default_factory=set)  # names the model reads as a person

    def is_person(self, name: str) -> bool:
        return name in self.persons

    def claim(self, actor_id: str, names: Iterable[str]) -> list[str]:
        """Names this actor may take (those no other actor holds)."""
        out = []
        for name in names:
            key = norm(name)
            if len(key) < 2:
                continue
            if self.taken.setdefault(key, actor_id) == actor_id:
                out.append(name)
        return out

    def add(self, entry: dict[str, Any], kind: str) -> None:
        names = self.claim(entry["id"], [entry["name"], *entry.get("aliases", [])])
        held = self.actors.get(entry["id"])
        if held is not None:  # "UN_" is the curated "un": its names join, nothing is replaced
            new = [n for n in names if n != held["name"] and n not in held.get("aliases", [])]
            if new:
                held["aliases"] = [*held.get("aliases", []), *new]
            return
        if not names or norm(names[0]) != norm(entry["name"]):
            return  # its name is another actor's: not a new actor
        entry["aliases"] = sorted(set(names[1:]) - {entry["name"]})
        entry = {k: v for k, v in entry.items() if v not in (None, [], "")}
        self.actors[entry["id"]] = entry
        self.counts[kind] = self.counts.get(kind, 0) + 1


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, norm(a), norm(b)).ratio()


def _persons(names: list[str]) -> set[str]:
    """The names that the configured spaCy model tags as a person in a plain sentence."""
    from claimgraph.config import Settings
    from claimgraph.nlp.model import load_model

    nlp = load_model(Settings().model)
    out = set()
    for name, doc in zip(names, nlp.pipe(f"{n} said on Monday." for n in names), strict=True):
        if any(e.label_ == "PERSON" and e.start == 0 and e.end_char >= len(name) - 1
               for e in doc.ents):
            out.add(name)
    return out


def _fixed(records: list[Record], fixes: dict[str, Any], source: str) -> list[Record]:
    by_phrase = {r.phrase.strip(): r for r in records}
    for phrase, fix in (fixes.get("drop") or {}).items():
        if phrase not in by_phrase:
            continue
        record = by_phrase[phrase]
        drop = {s.strip() for s in fix["synonyms"]}
        missing = drop - {s.strip() for s in record.synonyms}
        if missing:
            raise DataFileError(f"fix for {phrase} names synonyms it lacks: {sorted(missing)}",
                                source=source)
        record.synonyms = [s for s in record.synonyms if s.strip() not in drop]
    return records


def _names(record: Record, acronyms: bool = True) -> list[str]:
    return [words(record.phrase, acronyms), *(words(s, acronyms) for s in record.synonyms)]


def build(phoenix: Path, curated_text: str | None = None,
          fixes_text: str | None = None) -> dict[str, Any]:
    """The gazetteer as a mapping (the shipped JSON file's content)."""
    data = resources.files("claimgraph.data")
    curated = yaml.safe_load(curated_text or data.joinpath("gazetteer.yaml").read_text("utf-8"))
    fixes = yaml.safe_load(fixes_text or data.joinpath("phoenix_fixes.yaml").read_text("utf-8"))
    for key, name in FILES.items():
        if not (phoenix / name).is_file():
            raise DataFileError(f"the Phoenix {key} file {name} is missing", source=str(phoenix))
    out = Built()
    for entry in curated["actors"]:
        out.actors[entry["id"]] = dict(entry)
        out.claim(entry["id"], [entry["name"], *(entry.get("aliases") or [])])
    records = {key: _fixed(read_actors(phoenix / FILES[key]), fixes, str(phoenix / FILES[key]))
               for key in ("countries", "nonstate", "international")}
    out.persons = _persons([words(s) for key in records for r in records[key]
                            if key == "nonstate" or r.phrase.strip() in (fixes.get("as") or {})
                            for s in r.synonyms] +
                           [_primary(r.phrase) for r in records["nonstate"]])
    mapped = fixes.get("as") or {}
    for recs in records.values():
        for r in recs:
            if r.phrase.strip() in mapped:
                target = mapped[r.phrase.strip()]
                if target not in out.actors:
                    raise DataFileError(f"fix maps {r.phrase} to unknown actor {target}",
                                        source="phoenix_fixes.yaml")
                aliases = out.actors[target].setdefault("aliases", [])
                names = _people_of(out.actors[target], _names(r), out)
                aliases += [n for n in out.claim(target, names) if n not in aliases]
    unknown = (set(mapped) | set(fixes.get("drop") or {}) |
               set((fixes.get("people_of_codes") or {}).values())) - {
        r.phrase.strip() for recs in records.values() for r in recs}
    if unknown:
        raise DataFileError(f"fixes name records the dictionaries lack: {sorted(unknown)}",
                            source="phoenix_fixes.yaml")
    isos = _states(records["countries"], out, mapped)
    _capitals(out)
    _organs_and_people(records["countries"], out, isos, mapped)
    _nonstate(records["nonstate"], out, isos, mapped, fixes.get("people_of_codes") or {})
    _international(records["international"], out, mapped)
    out.agents = read_agents(phoenix / FILES["agents"])
    out.agents.update({str(k).lower(): str(v) for k, v in (curated.get("agents") or {}).items()})
    return {
        "version": 1,
        "built_from": {"curated": "claimgraph/data/gazetteer.yaml",
                       "phoenix": sorted(FILES.values()),
                       "fixes": "claimgraph/data/phoenix_fixes.yaml",
                       "counts": dict(sorted(out.counts.items()))},
        "actors": [_clean(a) for _, a in sorted(out.actors.items())],
        "places": curated.get("places") or [],
        "nationalities": curated.get("nationalities") or {},
        "non_actors": curated.get("non_actors") or [],
        "seats": curated.get("seats") or {},
        "agents": dict(sorted(out.agents.items())),
    }


def _capitals(out: Built) -> None:
    """Every state's capital, from the place list (GeoNames' countries) where neither
    the curated file nor Phoenix gives one: for metonymy ("Abu Dhabi sent aid")."""
    by_iso3 = {c.iso3: c for c in countries().values()}
    for entry in out.actors.values():
        if entry.get("type") == "state" and not entry.get("capital"):
            country = by_iso3.get(str(entry.get("country")))
            if country is not None and country.capital:
                entry["capital"] = country.capital


def _clean(entry: dict[str, Any]) -> dict[str, Any]:
    if "aliases" in entry:
        entry["aliases"] = sorted(set(entry["aliases"]))
    return entry


def _states(records: list[Record], out: Built, mapped: dict[str, str]) -> dict[str, str]:
    """ISO code -> actor id for every state; curated states take the Phoenix variants."""
    curated = {a["country"]: a["id"] for a in out.actors.values()
               if a.get("type") == "state" and a.get("country")}
    isos: dict[str, str] = {}
    for r in records:
        iso = next((c.code for c in r.codes if re.fullmatch(r"[A-Z]{3}", c.code)), None)
        if iso is None or iso in isos or r.phrase.strip() in mapped:
            continue
        # a country's name is a word, never an acronym ("GHANA", "PERU" are Ghana, Peru)
        name = words(r.phrase, acronyms=False)
        names = _names(r, acronyms=False)
        demonyms = [n for n in names[1:] if _demonym(n, name)]
        variants = [n for n in names[1:] if n not in demonyms and (
            _similar(n, name) >= 0.6 or norm(name) in norm(n))]
        actor_id = curated.get(iso)
        if actor_id is not None:
            entry = out.actors[actor_id]
            entry["aliases"] = sorted({*(entry.get("aliases") or []),
                                       *out.claim(actor_id, variants)})
            if "demonyms" not in entry:  # a curated list, even an empty one, is kept
                entry["demonyms"] = demonyms
        else:
            actor_id = f"{iso.lower()}"
            if actor_id in out.actors:
                actor_id = f"state-{iso.lower()}"
            out.add({"id": actor_id, "name": name, "type": "state", "sector": "GOV",
                     "country": iso, "aliases": variants, "demonyms": demonyms,
                     "source_ref": f"phoenix:{r.line}"}, "states")
            if actor_id not in out.actors:
                continue
        isos[iso] = actor_id
    return isos


def _demonym(word: str, name: str) -> bool:
    """'Afghan' of Afghanistan, 'Danish' of Denmark; not 'Ramadi' of Iraq."""
    return " " not in word and word.lower().rstrip("s").endswith(DEMONYM_ENDINGS) and \
        word[:1].lower() == name[:1].lower() and _similar(word, name) >= 0.3


def _looks_like_person(name: str, group: str, ner_person: bool) -> bool:
    """A group's synonym that is one of its people ('Hassan Nasrallah' of Hezbollah):
    the model reads it as a person, it has two to five words, none of them a word for
    an organisation nor an article, it is not an acronym, and it has none of the group's
    own name."""
    toks = name.lower().replace("-", " ").split()
    own = set(norm(group).replace("-", " ").split()) - {"al", "the", "of"}
    return ner_person and 2 <= len(toks) <= 5 and toks[0] not in ARTICLES and \
        _personal(name, toks) and not own & set(toks)


def _personal(name: str, toks: list[str]) -> bool:
    """No word for a body among a name's words, and not an acronym."""
    return not any(t in ORG_WORDS | GROUP_WORDS for t in toks) and not name.isupper()


TITLES = {"sheikh", "sheik", "sayyed", "sayyid", "seyyed", "abu", "al", "el", "mullah",
          "imam", "emir", "dr", "gen", "col"}


def _core(name: str) -> frozenset[str]:
    """A name's words without titles and articles, for telling spellings of one person."""
    return frozenset(name.lower().replace("-", " ").split()) - TITLES


def _people_of(group: dict[str, Any], names: list[str], out: Built) -> list[str]:
    """Add the people among a group's synonyms as persons of their own (Phoenix codes a
    leader as the group), one person per surname with the other spellings and titles
    as aliases; the rest are the group's names."""
    found = [n for n in names if _looks_like_person(n, group["name"], out.is_person(n))]
    rest = [n for n in names if n not in found]
    people: list[list[str]] = []
    for n in found + [r for r in rest if _core(r) and any(
            _core(r) <= _core(f) for f in found)]:  # "Nasrallah", "Sheikh Nasrallah"
        same = next((p for p in people if any(_core(n) <= _core(x) or _core(x) <= _core(n)
                                              for x in p)), None)
        if same is None:
            people.append([n])
        elif n not in same:
            same.append(n)
    rest = [n for n in rest if not any(n in p for p in people)]
    for spellings in people:
        name = max(spellings, key=lambda n: (len(n.split()) == 2, -len(n), n))
        out.add({"id": slug(f"{group['id']} {name}"), "name": name, "type": "person",
                 "sector": group.get("sector"), "country": group.get("country"),
                 "aliases": [n for n in spellings if n != name],
                 "member_of": [group["id"]]}, "people_of_groups")
    return rest


def _code_parts(code: str, isos: dict[str, str]) -> tuple[str | None, str | None]:
    country = code[:3] if code[:3] in isos else None
    rest = code[3:] if country else code
    sector = next((rest[i:i + 3] for i in range(0, len(rest) - 2, 3)
                   if rest[i:i + 3] in SECTORS), None)
    return country, sector


def _is_org(name: str) -> bool:
    return any(w.lower() in ORG_WORDS for w in name.split())


def _organs_and_people(records: list[Record], out: Built, isos: dict[str, str],
                       mapped: dict[str, str]) -> None:
    for r in records:
        cur = r.current
        if cur is None or r.phrase.strip() in mapped or re.fullmatch(r"[A-Z]{3}", cur.code):
            continue
        country, sector = _code_parts(cur.code, isos)
        if country is None or sector is None:
            continue
        name = words(r.phrase)
        if _is_org(name):
            out.add({"id": slug(f"{country} {name}"), "name": name, "type": "organization",
                     "sector": sector, "country": country, "parents": [isos[country]],
                     "aliases": [n for n in _names(r)[1:] if _is_org(n) or " " not in n],
                     "source_ref": f"phoenix:{r.line}"}, "state_organs")
            continue
        name = words(r.phrase, acronyms=False)
        recent = cur.end is None or cur.end >= "20000101"
        if not recent or sector not in PERSON_SECTORS or len(name.split()) < 2 or \
                len(name) < 8 or any(ch.isdigit() for ch in name):
            continue
        out.add({"id": slug(f"{country} {name}"), "name": name, "type": "person",
                 "sector": sector, "country": country,
                 "aliases": [a for a in (words(n, acronyms=False) for n in r.synonyms)
                             if len(a.split()) >= 2],
                 "source_ref": f"phoenix:{r.line}"}, "people")


def _nonstate(records: list[Record], out: Built, isos: dict[str, str],
              mapped: dict[str, str], people_codes: dict[str, str]) -> None:
    """Armed groups. The KEDS codes (IMG...) file people as if they were groups
    ("AYMAN_AL_ZAWAHIRI [IMGMUSALQ]", "HAMBALI__ [IMGSEAMUSJMA]"): a person-like record
    under such a code is a person, a member of the group that ``people_codes`` names for
    the code, or left out where no group is named (a person is not an armed group)."""
    people: list[tuple[Record, str]] = []
    for r in records:
        if r.phrase.strip() in mapped:
            continue
        cur = r.current
        country, sector = _code_parts(cur.code, isos) if cur else (None, None)
        name = _primary(r.phrase)
        if cur and (cur.code.startswith("IMG") or cur.code in people_codes) and \
                _person_primary(name, out):
            people.append((r, cur.code))
            continue
        names = [name, *(words(s) for s in r.synonyms)]
        bracketed = re.findall(r"\(([A-Z]{2,6})\)", r.phrase)
        entry: dict[str, Any] = {"id": slug(name), "name": name, "type": "organization",
                 "sector": sector or "REB", "country": country, "aliases": [],
                 "source_ref": f"phoenix:{r.line}"}
        synonyms = _people_of(entry, [_unbracketed(n) for n in names[1:]], out)
        entry["aliases"] = synonyms + bracketed
        out.add(entry, "armed_groups")
    for r, code in people:
        phrase = people_codes.get(code)
        group_id = out.taken.get(norm(_primary(phrase))) if phrase else None
        if phrase is None or group_id is None:
            out.counts["people_left_out"] = out.counts.get("people_left_out", 0) + 1
            continue
        group = out.actors[group_id]
        name = words(r.phrase, acronyms=False).strip()
        out.add({"id": slug(f"{group_id} {name}"), "name": name, "type": "person",
                 "sector": group.get("sector"), "country": group.get("country"),
                 "aliases": [words(s, acronyms=False) for s in r.synonyms],
                 "member_of": [group_id], "source_ref": f"phoenix:{r.line}"},
                "people_of_groups")


def _unbracketed(name: str) -> str:
    """A name without a bracketed acronym at its end ("Japanese Red Army (JRA)")."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()


def _primary(phrase: str) -> str:
    """A record's own name, without a bracketed acronym at its end."""
    return _unbracketed(words(phrase))


def _person_primary(name: str, out: Built) -> bool:
    """A record's own name that is a person's: the model reads it as one, and it has no
    word for a body and is not an acronym or a name a body already holds."""
    toks = name.lower().replace("-", " ").split()
    return out.is_person(name) and 1 <= len(toks) <= 5 and _personal(name, toks) and \
        norm(name) not in out.taken


def _international(records: list[Record], out: Built, mapped: dict[str, str]) -> None:
    for r in records:
        cur = r.current
        if cur is None or r.phrase.strip() in mapped or cur.code[:3] not in ("IGO", "NGO"):
            continue
        name = words(r.phrase)
        if not (_is_org(name) or (" " not in name and name.isupper())):
            continue  # people and odd entries
        kind = "igo" if cur.code.startswith("IGO") else "organization"
        out.add({"id": slug(name), "name": name, "type": kind,
                 "sector": cur.code[:3], "aliases": [n for n in _names(r)[1:]],
                 "source_ref": f"phoenix:{r.line}"}, "igos_ngos")


def write(built: dict[str, Any], path: Path) -> None:
    """JSON, one actor a line (readable diffs when the build changes)."""
    head = {k: v for k, v in built.items() if k not in ("actors", "agents")}
    lines = ["{", *(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in
                    head.items())]
    lines.append('"agents": ' + json.dumps(built["agents"], ensure_ascii=False) + ",")
    lines.append('"actors": [')
    lines.append(",\n".join(json.dumps(a, ensure_ascii=False) for a in built["actors"]))
    lines.append("]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
