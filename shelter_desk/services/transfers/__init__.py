"""Transfers: the regiobinding investigation and the warm transfer to another region.

The public use cases of this feature: the UI and the command line import from here only.
"""

from shelter_desk.services.transfers.investigations import (
    FactInput,
    InvestigationView,
    TransferView,
    answer_transfer,
    decide,
    list_investigations,
    person_moved,
    proposal,
    record_facts,
    request_transfer,
    start_investigation,
    transfer_letter,
    transfers,
)

__all__ = [
    "FactInput",
    "InvestigationView",
    "TransferView",
    "answer_transfer",
    "decide",
    "list_investigations",
    "person_moved",
    "proposal",
    "record_facts",
    "request_transfer",
    "start_investigation",
    "transfer_letter",
    "transfers",
]
