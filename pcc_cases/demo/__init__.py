"""The demo: a realistic school year recorded through the real services."""
