"""The CARES journey's rules as plain Python: no Flask, no database, unit-tested directly."""
