"""A separate writer process for the tests that race two writers or kill one.

    python tests/write_worker.py STORE_URI OFFSET COUNT BATCH [GO_FILE]

Writes generated extractions OFFSET..OFFSET+COUNT in batches of BATCH documents,
printing "batch N" after each committed batch; with GO_FILE, prints "ready" and
waits for that file to exist first, so two workers start writing together.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import extractions

from kg.ontology import load_ontology
from kg.store import open_store


def main(argv: list[str]) -> int:
    uri, offset, count, batch = argv[1], int(argv[2]), int(argv[3]), int(argv[4])
    data = list(extractions(load_ontology(), count, offset=offset))
    done = 0
    with open_store(uri) as store:
        store.ensure_schema()
        if len(argv) > 5:
            print("ready", flush=True)
            while not Path(argv[5]).exists():
                time.sleep(0.01)

        def progress(_: int) -> None:
            nonlocal done
            done += 1
            print(f"batch {done}", flush=True)

        store.write(data, batch_size=batch, progress=progress)
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
