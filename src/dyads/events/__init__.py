"""dyads.events"""
