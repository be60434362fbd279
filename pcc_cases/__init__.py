"""pcc_cases."""
