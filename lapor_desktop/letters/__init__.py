"""Formal letters (Tata Naskah Dinas, Permendagri 1/2023): domain objects in, PDF bytes out."""
