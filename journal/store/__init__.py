"""Storage: the library folder, its SQLite database and the ORM models that live in it."""
