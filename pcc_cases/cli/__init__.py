"""The pcc-cases command line: click commands that call the library, with no logic of their own."""
