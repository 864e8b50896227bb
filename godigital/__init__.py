"""Plain modules behind the Go Digital site: events, calendar feeds, dates.

The MkDocs hooks in ``hooks/`` are thin adapters over these modules, which are
tested on their own without running MkDocs.
"""
