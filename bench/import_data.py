"""import_data.py - the files of the import benchmark (bench/import.sh).

  import_data.py INSTRUMENT DIR [ROWS]

Writes into DIR:
  wide.csv      one row per respondent: perspective and the 50 statements
                put to professionals, teachers and researchers (ROWS rows,
                default 20,000: 1M answers), values 1..5 or "dk" (about one
                in twelve), as another survey tool exports them;
  mapping.json  the mapping werkplaats import needs for it (docs/import.md);
  long.csv      the same answers one per line (respondent, statement, value):
                1M rows for sqlite3 .import.
"""

import json
import os
import random
import sys


def main():
    instrument, out = sys.argv[1], sys.argv[2]
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
    with open(instrument, encoding="utf-8") as f:
        d = json.load(f)
    persp = ["professional", "teacher", "researcher"]
    items = [i["id"] for g in d["elements"] + d["outcomes"] for i in g["items"]
             if "perspectives" not in i or all(p in i["perspectives"] for p in persp)]
    rng = random.Random(8)
    with open(os.path.join(out, "wide.csv"), "w", encoding="utf-8") as wide, \
            open(os.path.join(out, "long.csv"), "w", encoding="utf-8") as long_:
        wide.write(",".join(["perspective"] + items) + "\n")
        long_.write("respondent,statement,value\n")
        for r in range(rows):
            values = ["dk" if rng.random() < 1 / 12 else str(rng.randint(1, 5)) for _ in items]
            wide.write(",".join([persp[r % 3]] + values) + "\n")
            for item, v in zip(items, values):
                long_.write("%d,%s,%s\n" % (r + 1, item, v))
    mapping = {"format": 1, "perspective": {"column": "perspective"}, "items": {i: i for i in items},
               "labels": {"dk": "dk"}}
    with open(os.path.join(out, "mapping.json"), "w", encoding="utf-8") as f:
        json.dump(mapping, f)
    print("rows=%d statements=%d answers=%d" % (rows, len(items), rows * len(items)))


if __name__ == "__main__":
    main()
