"""Server schema revisions."""
