"""Markdown as Trip Journal reads and writes it, in one place.

``parser`` holds the one markdown-it configuration everything parses with (export, post import,
the photos a text shows, the editor's preview); ``images`` finds and relinks the images of a text;
``photo_refs`` is the ``photo:ID`` reference to a library photo; ``links`` says which local file an
image link means; ``post_layout`` is the shape of a trip's post (day headings, spacers, the
closing heading) that the export writes and the post import reads back.
"""
