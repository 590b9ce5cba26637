"""dyads.nlp"""
