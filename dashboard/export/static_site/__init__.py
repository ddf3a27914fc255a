"""The static edition: every view and every record as pages any static host serves (`python -m dashboard.publish`)."""
