"""Statistics and exports: the recap of a period (model, computation) and its CSV, XLSX and PDF."""
