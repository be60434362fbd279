"""The web pages for the people who handle cases: server-rendered, Dutch by default."""
