"""Limits every trip keeps, however it is made: in the app, by the CLI, from a post or a recovery.

Below ``journal.services`` so that parsing a post (``journal.post_import``) can check a trip's
span before any library is open, without importing the services that later import the post.
"""

#: Longer trips are almost always a typo in the year, and would fill the timeline with empty days.
MAX_TRIP_DAYS = 1000
