"""NLP stage: the spaCy pipeline and sentence segmentation."""

from .model import load_model

__all__ = ["load_model"]
