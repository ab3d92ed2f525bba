"""`python -m monitor`: the same command line as the `monitor` script."""

from monitor.cli import run

run()
