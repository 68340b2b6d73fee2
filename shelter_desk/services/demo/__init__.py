"""The demo: a clearly marked demo organisation filled through the features' own steps.

It sits above the features it fills (no feature imports it); the UI and the command line import
from this entry point only.
"""

from shelter_desk.services.demo.loader import DEMO_PASSWORD, load_demo

__all__ = ["DEMO_PASSWORD", "load_demo"]
