"""Where the features meet around one person: the person record and the Balie page.

The record composes the panels of several features (plan, handover, card, bed dialogs); the
features' own pages open it through `ui.shared.records`, which this package fills in on import.
"""

from shelter_desk.ui.record.person_view import PersonDialog
from shelter_desk.ui.shared.records import register_record_window

register_record_window(PersonDialog)

__all__ = ["PersonDialog"]
