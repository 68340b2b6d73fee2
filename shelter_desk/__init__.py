"""Shelter Desk: the front desk and coordinator application for Dutch homeless shelters."""

__version__ = "0.1.0"
