"""dyads.ingest"""
