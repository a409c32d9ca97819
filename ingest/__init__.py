"""Readers that turn files, exports and feeds into ``kg.model.Document``s."""

from ingest.files import (
    READERS,
    FileRead,
    expand,
    read_bytes,
    read_expanded,
    read_file,
    read_paths,
)

__all__ = ["READERS", "FileRead", "expand", "read_bytes", "read_expanded", "read_file",
           "read_paths"]
