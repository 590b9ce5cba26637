"""Confidence: a calibrated probability on every record, and the default threshold."""

from dyads import code_documents
from dyads.config import Options
from dyads.events.calibration import Calibration, features
from dyads.pipeline import document_from_text

TEXT = (
    "Ukraine on Wednesday accused Iran of supplying Russia with attack drones. "
    "The Kremlin has previously denied using Iranian drones. "
    "Poland and Lithuania welcomed the new sanctions, and Warsaw promised that it "
    "would push for stronger border controls."
)


def _events(**settings):
    doc = document_from_text(TEXT, "2025-03-12")
    return code_documents([doc], Options(**settings))[0].events


def test_default_threshold_keeps_only_confident_records():
    assert Options().min_confidence == 0.3
    kept = _events()
    everything = _events(min_confidence=0.0)
    assert kept and all(e.confidence >= 0.3 for e in kept)
    assert {e.event_id for e in kept} <= {e.event_id for e in everything}
    assert all(0.0 <= e.confidence <= 1.0 for e in everything)


def test_confidence_is_a_logistic_of_the_record_features():
    model = Calibration(bias=0.0, weights={"type=ACCUSE": 2.0, "source=subject": 1.0})
    feats = features("ACCUSE", "asserted", "pattern:accuse.accuse", "subject", None, "UKR", None)
    assert "type=ACCUSE" in feats and "source=subject" in feats
    assert model.confidence(feats) == round(1 / (1 + 2.718281828459045**-3.0), 3)
    assert model.confidence(["type=REJECT"]) == 0.5
