"""Trust: accounts and sign-in, the access log, backups and restore, retention.

The public use cases of this feature: the UI and the command line import from here only.
"""

from shelter_desk.services.trust.access_log_reading import (
    access_log_pdf,
    acknowledge_chain_break,
    adopt_region_key,
    chain_warning,
    verify_chain,
)
from shelter_desk.services.trust.accounts import (
    AccountView,
    create_account,
    create_first_administrator,
    has_accounts,
    list_accounts,
    set_active,
    sign_in,
)
from shelter_desk.services.trust.backups import (
    BackupState,
    announce_presence,
    backup_now,
    backup_state,
    backup_warning,
    daily_backup,
    default_backup_folder,
    leave,
    restore,
    restore_into_new_database,
)
from shelter_desk.services.trust.region_health import CheckItem, region_check
from shelter_desk.services.trust.retention import RetentionCandidate, anonymise, retention_candidates
from shelter_desk.services.trust.subject_access import InzageFiles, inzage

__all__ = [
    "AccountView",
    "RetentionCandidate",
    "access_log_pdf",
    "InzageFiles",
    "inzage",
    "chain_warning",
    "region_check",
    "CheckItem",
    "acknowledge_chain_break",
    "adopt_region_key",
    "verify_chain",
    "list_accounts",
    "announce_presence",
    "anonymise",
    "BackupState",
    "backup_now",
    "backup_state",
    "backup_warning",
    "create_account",
    "create_first_administrator",
    "daily_backup",
    "default_backup_folder",
    "has_accounts",
    "leave",
    "restore",
    "restore_into_new_database",
    "retention_candidates",
    "set_active",
    "sign_in",
]
