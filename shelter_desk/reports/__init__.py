"""Reports: PDF and CSV output built from plain data handed over by the services."""
