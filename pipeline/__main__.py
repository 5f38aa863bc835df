"""`python -m pipeline` runs the zswatch command (used for crawls in child processes)."""
from .cli import main

main()
