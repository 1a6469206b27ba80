"""Helpers shared by test packages: a real central server on a loopback port."""
