"""The rows of a person's access log, as the access-log PDF prints them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class AccessLogRow:
    at: datetime
    username: str
    workstation: str
    action: str
    fields: str
    detail: str
