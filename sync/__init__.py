"""Sync with the central server; arrives with the sync issue."""
