"""Benchmarks: scripts run by hand, never collected by pytest (no file here is named test_*)."""
