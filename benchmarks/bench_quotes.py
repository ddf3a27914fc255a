"""Quote matching on a document at the size limit. A measurement, not a test.

    .venv/bin/python benchmarks/bench_quotes.py                   # 1,000 citations, none found
    .venv/bin/python benchmarks/bench_quotes.py --citations 10000 --found 0.5

Archives one document of documents.MAX_DOCUMENT_BYTES (word salad) beside a copy of seeds/,
writes records citing it (20 per record, the limit), and times `estimates.load()`: the
document's text is normalized once per load; each quote is one substring search in it.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import estimates  # noqa: E402
from estimates.documents import MAX_DOCUMENT_BYTES, normalize  # noqa: E402
from estimates.models import MAX_CITATIONS  # noqa: E402

WORDS = "north korean troops russia kursk soldiers killed wounded estimate intelligence said about".split()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--citations", type=int, default=1_000)
    parser.add_argument("--found", type=float, default=0.0, help="share of quotes present in the document")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(1)
    text = ""
    while len(text) < MAX_DOCUMENT_BYTES - 100:
        text += " ".join(rng.choices(WORDS, k=1000)) + ".\n"
    text = text[: MAX_DOCUMENT_BYTES - 1] + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        seeds, data = Path(tmp) / "seeds", Path(tmp) / "data"
        shutil.copytree(ROOT / "seeds", seeds)
        shutil.copytree(ROOT / "estimates" / "data", data)
        (seeds / "999_big.txt").write_text(text)
        meta = (seeds / "003_0be644783e89e01f.meta.yaml").read_text().splitlines(keepends=True)
        digest = hashlib.sha256(text.encode()).hexdigest()
        (seeds / "999_big.meta.yaml").write_text("".join(f"sha256: {digest}\n" if line.startswith("sha256:") else line
                                                         for line in meta))
        records = []
        for r in range(0, args.citations, MAX_CITATIONS):
            quotes = []
            for _ in range(min(MAX_CITATIONS, args.citations - r)):
                if rng.random() < args.found:
                    start = rng.randrange(len(text) - 200)
                    quote = normalize(text[start:start + 120]).strip(" .")
                else:
                    quote = " ".join(rng.choices(WORDS, k=12)) + " zebra"  # never in the document
                quotes.append(f"      - document: 999_big\n        quote: '{quote}'\n")
            records.append(f"  - id: quotes-{r:06d}\n    quantity: killed\n    scope: war\n    value: {r + 1}\n"
                           f"    qualifier: about\n    estimator: rok-nis\n    announced:\n      value: '2025-01'\n"
                           f"      how: printed\n      evidence: synthetic\n    reports:\n{''.join(quotes)}")
        (data / "quotes.yaml").write_text("estimates:\n" + "".join(records))
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            dataset = estimates.load(data_dir=data, seeds_dir=seeds)
            times.append(time.perf_counter() - start)
        misses = sum("quote not found" in p.message for p in dataset.problems)
        base = min(times)
        start = time.perf_counter()
        estimates.load(data_dir=ROOT / "estimates" / "data", seeds_dir=seeds)
        floor = time.perf_counter() - start
    print(f"document {len(text):,} bytes; {args.citations:,} citations, {misses:,} not found")
    print(f"load with them: {base:.2f} s (best of {args.repeat}); without them (same seeds): {floor:.2f} s; "
          f"{(base - floor) / max(args.citations, 1) * 1000:.2f} ms per citation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
