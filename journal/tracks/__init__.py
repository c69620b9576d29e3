"""GPS tracks: reading GPX files safely, and placing photos on them by time."""
