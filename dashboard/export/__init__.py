"""Figures to bytes, snapshots, downloads, the static edition and the command lines: never the app."""
