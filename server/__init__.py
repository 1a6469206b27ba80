"""Reference central server; arrives with the sync issue."""
