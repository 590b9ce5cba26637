"""dyads.eval"""
