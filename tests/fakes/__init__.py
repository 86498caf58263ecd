"""Fakes of the outside world, served over real HTTP: the code under test talks to them
exactly as it talks to the real services."""
