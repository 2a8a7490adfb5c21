#!/usr/bin/env python3
"""Sums a cachegrind output file by function (inlined code included) and prints the
top entries: instructions (Ir), data reads (Dr), L1 read misses (D1mr), data writes (Dw).

    valgrind --tool=cachegrind --cache-sim=yes --cachegrind-out-file=cg.out \\
        target/release/deps/lanczos-<hash> matvec_n20
    python3 benches/tools/cg_by_function.py cg.out [N_PRODUCTS] [FILTER...]

With N_PRODUCTS the counts are divided by it (the matvec_n20 case makes 22 products per
form: one check and 21 timed repeats)."""
import collections
import re
import sys


def main(path, per=1.0, filters=()):
    tot = collections.defaultdict(lambda: [0] * 9)
    fn = None
    with open(path) as f:
        for line in f:
            if line.startswith("fn="):
                fn = line[3:].strip()
            elif line[:1].isdigit() and fn:
                for i, v in enumerate(line.split()[1:]):
                    tot[fn][i] += int(v)
    rows = sorted(tot.items(), key=lambda kv: -kv[1][0])
    for name, v in rows[:30]:
        short = re.sub(r"<[^<>]*>", "", name)
        if filters and not any(x in short for x in filters):
            continue
        print(f"{v[0] / per / 1e6:10.2f} M Ir  {v[3] / per / 1e6:8.2f} M Dr  "
              f"{v[4] / per / 1e6:7.3f} M D1mr  {v[6] / per / 1e6:7.2f} M Dw  {short}")


if __name__ == "__main__":
    args = sys.argv[1:]
    per = float(args[1]) if len(args) > 1 else 1.0
    main(args[0], per, tuple(args[2:]))
