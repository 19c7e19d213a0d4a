"""`python -m shapelint` runs the command-line interface."""

from shapelint.cli import console

console()
