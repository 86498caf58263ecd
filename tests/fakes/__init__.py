"""Fakes of the outside world, served over real HTTP: only at its boundary, never of our
own code. The code under test talks to them exactly as it talks to the real services."""
