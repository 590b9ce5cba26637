"""Story clustering on articles we wrote: precision and recall of "same story" pairs.

    python bench/bench_stories.py [--threshold 0.3]

tests/fixtures/stories/stories.yaml holds originals, their rewritten copies
(reordered sentences, synonyms, new headline and byline, boilerplate) and
different stories on the same topics. Prints one Markdown line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from dyads.config import load_options
from dyads.crossdoc.stories import StoryDoc, cluster_stories, pair_scores, signature, similarity
from dyads.ingest import extract_plain

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "stories" / "stories.yaml"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--show", action="store_true", help="print pair similarities")
    args = parser.parse_args()
    options = load_options(story_threshold=args.threshold)
    records = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    docs, gold = [], {}
    for record in records:
        doc = extract_plain(record["text"], title=record["title"], doc_id=record["id"])
        docs.append(StoryDoc(doc.doc_id, record["date"], signature(doc.text, options)))
        gold[doc.doc_id] = record["story"]
    assignments = cluster_stories(docs, options)
    predicted = {doc_id: a.story_id for doc_id, a in assignments.items()}
    precision, recall, pairs = pair_scores(gold, predicted)
    if args.show:
        for n, a in enumerate(docs):
            for b in docs[n + 1 :]:
                score = similarity(a.signature, b.signature)
                if score > 0.05 or gold[a.doc_id] == gold[b.doc_id]:
                    same = "same" if gold[a.doc_id] == gold[b.doc_id] else "diff"
                    print(f"{same} {a.doc_id} {b.doc_id} {score:.2f}")
    print(
        f"| story clustering (MinHash LSH, word {options.story_shingle}-shingles, "
        f"threshold {options.story_threshold}) | {len(docs)} articles, {pairs} same-story pairs "
        f"| precision {precision:.3f} | recall {recall:.3f} |"
    )


if __name__ == "__main__":
    main()
