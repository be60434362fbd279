"""Persistence: tables, imperative mappers, repositories and the unit of work."""
