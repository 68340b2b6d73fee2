"""Use cases that the UI and the command line both call; they hand out plain data, never ORM rows."""
