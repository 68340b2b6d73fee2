"""Street outreach on winter nights: the contacts made outside and where people went.

The public use cases of this feature: the UI and the command line import from here only.
"""

from shelter_desk.services.outreach.contacts import (
    StreetContactView,
    record_street_contact,
    street_contacts,
)

__all__ = ["StreetContactView", "record_street_contact", "street_contacts"]
