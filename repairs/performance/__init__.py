"""How the repairs service is really performing, counted from the data for a period and
a patch: the figures (``figures``) and the rows behind each one (``rows``), which share
their filters (``scope``) so a figure and its CSV can never disagree."""
