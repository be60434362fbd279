"""The pure domain: entities, value objects, policies and the lifecycle; no database, no CLI."""
