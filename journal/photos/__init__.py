"""Photo import, pure Python: reading capture times, placing photos on trip days, the library's
copies and thumbnails. The services layer drives it; nothing here opens a database session."""
