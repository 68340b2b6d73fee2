"""People: search, intake and records, merges, restrictions.

The public use cases of this feature: the UI and the command line import from here only.
"""

from shelter_desk.services.kernel.person_index import PersonHit, query_too_short
from shelter_desk.services.people.consents import (
    ConsentEnding,
    ConsentView,
    consents_ending,
    consents_of,
    record_consent,
    renew_consent,
)
from shelter_desk.services.people.merge import merge_persons, merges_of, undo_merge
from shelter_desk.services.people.quality_checks import QualityLine, data_quality
from shelter_desk.services.people.records import (
    DuplicateBsn,
    PersonRecord,
    PossibleDuplicates,
    add_note,
    load_person,
    register_person,
    update_person,
)
from shelter_desk.services.people.restrictions import (
    RestrictionView,
    add_restriction,
    lift_restriction,
    restrictions_of,
)
from shelter_desk.services.people.search import search_people

__all__ = [
    "ConsentEnding",
    "ConsentView",
    "QualityLine",
    "data_quality",
    "consents_ending",
    "consents_of",
    "record_consent",
    "renew_consent",
    "DuplicateBsn",
    "PersonHit",
    "PersonRecord",
    "PossibleDuplicates",
    "RestrictionView",
    "add_note",
    "add_restriction",
    "lift_restriction",
    "load_person",
    "merge_persons",
    "merges_of",
    "query_too_short",
    "register_person",
    "restrictions_of",
    "search_people",
    "undo_merge",
    "update_person",
]
