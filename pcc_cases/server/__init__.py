"""The HTTP server: one process that holds the database credentials, proves who calls it,
and runs the services on their behalf (docs/server.md, docs/security.md).
"""
