"""Allows `python -m shelter_desk` and serves as the PyInstaller entry point."""

import sys

from shelter_desk.cli import main

if __name__ == "__main__":
    sys.exit(main())
