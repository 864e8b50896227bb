"""Plain modules behind the Go Digital site: events, calendar feeds, dates, checks.

``godigital.plugin`` is the one MkDocs plugin, a thin pipeline over these
modules, which are tested on their own without running MkDocs.
"""
