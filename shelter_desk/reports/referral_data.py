"""The referral slip as plain data (the renderer is in referral_slip)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class ReferralSlip:
    person: str  # name or alias exactly as registered
    night_text: str  # "nacht van dinsdag 24 op woensdag 25 november 2026"
    facility: str
    facility_kind: str  # Dutch label, e.g. "Nachtopvang"
    address: str  # "Breehof 3, 7811 AA Emmen" or "" when unknown
    phone: str  # "" when unknown
    bed: str  # "2" or "U1 (extra)"
    status: str  # "gereserveerd" (a night shelter keeps it until the no-show hour)
    referred_by: str  # the desk worker
    referred_from: str  # the referring desk's region or location
    printed_at: datetime  # timezone-aware
    no_show_hour: str = ""  # "23:00": report before this hour, else the bed may go to someone else
    is_demo: bool = False
    language: str = "nl"  # the person's document language
    night: date | None = None  # the evening the night begins (for the night line in `language`)
