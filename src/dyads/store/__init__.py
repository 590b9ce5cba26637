"""dyads.store"""
