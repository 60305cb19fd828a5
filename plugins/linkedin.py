"""LinkedIn data export importer (being written)."""
