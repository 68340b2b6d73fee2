"""The shift handover (dienstoverdracht) per location, and the entries about one person.

The public use cases of this feature: the UI and the command line import from here only.
"""

from shelter_desk.services.handover.entries import (
    EntryView,
    HandoverLocation,
    handover_about,
    handover_locations,
    handover_log,
    mark_read,
    purge_expired_handover,
    unread_count,
    write_entry,
)

__all__ = [
    "EntryView",
    "HandoverLocation",
    "handover_about",
    "handover_locations",
    "handover_log",
    "mark_read",
    "purge_expired_handover",
    "unread_count",
    "write_entry",
]
