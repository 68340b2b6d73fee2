"""Widgets that several UI features share (the person picker); no feature's page lives here."""
