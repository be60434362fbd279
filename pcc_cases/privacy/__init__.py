"""Privacy: the access log, subject-access exports and the retention purge."""
