"""Data going in and out of pcc_cases: the people CSV, case exports."""
