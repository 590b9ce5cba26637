"""dyads.actors"""
