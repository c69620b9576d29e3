"""Bring an existing Markdown post (Jekyll, Hugo or a plain file) back in as a trip.

Parsing (``front_matter``, ``post_structure``, ``post_plan``, with ``journal.markdown`` finding
and resolving the images) is pure and writes nothing; only once the whole post is understood does
``post_importer`` create the trip and import its images, so a post that cannot be read leaves no
half-made trip behind.
"""
