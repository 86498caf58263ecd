"""Fakes of the outside world for tests: only at its boundary, never of our own code."""
