"""The case domain: pure standard library, shared by the desktop and the server."""
