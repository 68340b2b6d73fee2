"""The services' shared kernel: what several features need, and no feature.

The desk a use case runs for, the shelter night, typed settings, opening and preparing a database,
the access log's append and verify, the municipalities and regions, the winter facts of a night,
the person index, the connection's state and saving a printout. Features import the kernel's
modules; the UI and the command line import from this entry point only.
"""

from shelter_desk.services.kernel.connection import follow_connection, offline_since, probe_connection
from shelter_desk.services.kernel.database_setup import (
    KEY_ENV,
    MIN_PASSPHRASE,
    DatabaseSummary,
    open_and_prepare,
    summarise,
    unlock,
)
from shelter_desk.services.kernel.desk import COMMAND_LINE, Desk
from shelter_desk.services.kernel.nights import current_shelter_night
from shelter_desk.services.kernel.printouts import folder_problem, save_printout
from shelter_desk.services.kernel.reference_data import MunicipalityChoice, list_municipalities
from shelter_desk.services.kernel.settings import read_settings

__all__ = [
    "DatabaseSummary",
    "COMMAND_LINE",
    "Desk",
    "KEY_ENV",
    "MIN_PASSPHRASE",
    "MunicipalityChoice",
    "current_shelter_night",
    "folder_problem",
    "follow_connection",
    "list_municipalities",
    "offline_since",
    "open_and_prepare",
    "probe_connection",
    "read_settings",
    "save_printout",
    "summarise",
    "unlock",
]
