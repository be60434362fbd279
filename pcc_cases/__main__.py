"""Allows ``python -m pcc_cases``."""

from pcc_cases.cli import main

main()
