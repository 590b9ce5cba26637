"""dyads: political event data from news, every record traced to its sentence."""

__version__ = "0.1.0"
