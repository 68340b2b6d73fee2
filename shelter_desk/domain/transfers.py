"""Where recovery is likeliest (landelijke toegankelijkheid, Wmo 2015): the transparent proposal.

For each municipality in play the desk records the regiobinding factors (`Factor`); each present factor
adds its weight to that municipality's centrumgemeente (region). A contra-indication (threat, a
harmful network, a restraining order) rules that region out whatever else speaks for it. Equal
scores are flagged, never resolved silently; a municipality without a known centrumgemeente is
reported, never guessed. The coordinator decides and writes the reasoning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from shelter_desk.domain.errors import DeskError

INVESTIGATION_WEEKS = 6  # Wmo 2015 art. 2.3.2


class Factor(StrEnum):
    PREFERENCE = "voorkeur"
    SOCIAL_NETWORK = "sociaal_netwerk"
    CARE_NETWORK = "zorgnetwerk"
    REGISTRATION = "inschrijving"
    DAY_ACTIVITY = "werk_school"
    DEBTS_INCOME = "schulden_inkomen"

    @property
    def label(self) -> str:
        return {
            "voorkeur": "Eigen voorkeur",
            "sociaal_netwerk": "Positief sociaal netwerk (familie, vrienden)",
            "zorgnetwerk": "Bestaand zorg- en ondersteuningsnetwerk",
            "inschrijving": "Inschrijving en verblijf (jaren)",
            "werk_school": "Werk, school of dagbesteding",
            "schulden_inkomen": "Schulden- en inkomensregelingen",
        }[self]


# Weights: the person's own preference and the networks weigh most (the person goes where a trajectory
# has the best chance of success); registration history alone is never decisive.
WEIGHTS = {
    Factor.PREFERENCE: 3,
    Factor.SOCIAL_NETWORK: 2,
    Factor.CARE_NETWORK: 2,
    Factor.REGISTRATION: 1,
    Factor.DAY_ACTIVITY: 1,
    Factor.DEBTS_INCOME: 1,
}


@dataclass(frozen=True)
class MunicipalityFacts:
    municipality_code: str
    municipality: str
    centre_code: str | None  # None: the mapping does not know this municipality's centrumgemeente
    centre: str
    factors: frozenset[Factor]
    registration_years: int = 0
    contra_indication: str = ""  # the reason, when there is one


@dataclass(frozen=True)
class RegionScore:
    centre_code: str
    centre: str
    score: int
    reasons: tuple[str, ...]
    ruled_out: str  # the contra-indication, when the region is ruled out


@dataclass(frozen=True)
class Proposal:
    scores: tuple[RegionScore, ...]  # best first, ruled-out regions last
    proposed_centre_code: str | None
    tie: bool
    unknown_centres: tuple[str, ...]  # municipalities whose centrumgemeente must be chosen first

    def explain(self) -> str:
        lines = []
        for score in self.scores:
            head = f"{score.centre}: {score.score} punten"
            if score.ruled_out:
                head += f" — UITGESLOTEN: {score.ruled_out}"
            lines.append(head + "".join(f"\n  · {reason}" for reason in score.reasons))
        if self.unknown_centres:
            lines.append("Centrumgemeente onbekend (kies die eerst): " + ", ".join(self.unknown_centres))
        if self.tie:
            lines.append("Gelijke score: het systeem kiest niet, de coördinator beslist.")
        return "\n".join(lines)


@dataclass
class _Tally:
    centre: str
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    out: str = ""


def propose(facts: list[MunicipalityFacts]) -> Proposal:
    regions: dict[str, _Tally] = {}
    unknown = []
    for fact in facts:
        if fact.centre_code is None:
            unknown.append(fact.municipality)
            continue
        region = regions.setdefault(fact.centre_code, _Tally(fact.centre))
        for factor in sorted(fact.factors):
            weight = WEIGHTS[factor]
            if factor is Factor.REGISTRATION and fact.registration_years < 2:
                weight = 0  # a short registration says little
            region.score += weight
            detail = f" ({fact.registration_years} jaar)" if factor is Factor.REGISTRATION else ""
            region.reasons.append(f"{fact.municipality}: {factor.label}{detail} +{weight}")
        if fact.contra_indication.strip():
            region.out = f"{fact.municipality}: {fact.contra_indication.strip()}"
    scores = sorted(
        (RegionScore(code, r.centre, r.score, tuple(r.reasons), r.out) for code, r in regions.items()),
        key=lambda s: (bool(s.ruled_out), -s.score, s.centre),
    )
    open_regions = [s for s in scores if not s.ruled_out and s.score > 0]
    tie = len(open_regions) > 1 and open_regions[0].score == open_regions[1].score
    proposed = open_regions[0].centre_code if open_regions and not tie else None
    return Proposal(tuple(scores), proposed, tie, tuple(unknown))


def investigation_due(reported_on: date) -> date:
    return reported_on + timedelta(weeks=INVESTIGATION_WEEKS)


class TransferStatus(StrEnum):
    REQUESTED = "aangevraagd"
    ACCEPTED = "geaccepteerd"
    REFUSED = "geweigerd"
    MOVED = "verhuisd"


def check_in_order(earlier: date | None, later: date, what: str) -> None:
    if earlier is not None and later < earlier:
        raise DeskError(f"{what} kan niet vóór de vorige stap liggen ({earlier:%d-%m-%Y}).")
