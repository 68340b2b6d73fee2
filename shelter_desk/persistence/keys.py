"""Where an encrypted database's key is kept: the operating system's keyring, when there is one.

Windows (Credential Manager), macOS (Keychain) and desktop Linux (Secret Service) have one; a
headless Linux has none, and then the desk asks for a passphrase at start instead.
"""

from __future__ import annotations

import secrets
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # keyring is imported only when a key is asked for: it is slow to load
    from keyring.backend import KeyringBackend

KEYRING_SERVICE = "shelter-desk"
_finding = threading.Lock()  # the backend is looked for once: a second thread waits for the first


def _keyring() -> KeyringBackend | None:
    """The usable keyring backend, or None on a system without one."""
    with _finding:
        import keyring
        from keyring.backends import chainer, fail

        backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return None
    return backend


def keyring_available() -> bool:
    return _keyring() is not None


def find_keyring_in_background() -> None:
    """Look for the keyring backend on a thread of its own (read-only): loading keyring and asking
    each backend whether it works takes a few hundred milliseconds, mostly waiting on the system,
    which the start spends on its imports meanwhile."""
    threading.Thread(target=keyring_available, name="keyring-lookup", daemon=True).start()


def stored_key(path: Path) -> str | None:
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, str(path))
    except Exception:  # noqa: BLE001 - a locked or broken keyring means: ask for the passphrase
        return None


def store_key(path: Path, key: str) -> bool:
    """Keep the key in the keyring; False when there is no usable keyring."""
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, str(path), key)
    except Exception:  # noqa: BLE001
        return False
    return True


def new_key() -> str:
    """A random 256-bit key for a new database whose key the keyring will hold."""
    return secrets.token_urlsafe(32)
