"""Bring an existing Markdown post (Jekyll, Hugo or a plain file) back in as a trip: reading it.

Everything here is pure and writes nothing: ``front_matter`` and ``post_structure`` parse the
post (with ``journal.markdown`` finding and resolving its images), ``site_root`` finds where its
links start, and ``post_plan`` puts it together into a ``PostPlan``. Only once the whole post is
understood does ``JournalService.import_post`` (``journal.services.post_import_run``) copy its
images and save the trip in one transaction, so a post that cannot be read leaves nothing behind.
"""
