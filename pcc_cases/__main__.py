"""Allows ``python -m pcc_cases``."""

from pcc_cases.cli.main import main

main()
