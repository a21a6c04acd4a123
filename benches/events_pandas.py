"""The event-data benchmark's pandas side: the same aggregation as
`cargo run --release --example events_bench -- run FILE` (read an ICEWS-layout file, resolve
each side's country to an ISO alpha-3 code with the crate's own table, drop rows with an
unresolved side or one country on both sides, and per directed dyad and month count the
events, sum and average the intensity and count the quad classes), timed in-process.

Usage: python benches/events_pandas.py FILE   (needs pandas)
"""
import pathlib
import resource
import sys
import time

import pandas as pd

start = time.perf_counter()
table = {}
for line in (pathlib.Path(__file__).parent.parent / "data" / "countries.tsv").read_text(encoding="utf-8").splitlines():
    if line.startswith("#") or not line:
        continue
    code, *names = line.split("\t")
    table[code.lower()] = code
    for name in names:
        table.setdefault(name.lower(), code)

df = pd.read_csv(
    sys.argv[1],
    sep="\t",
    usecols=["Event ID", "Event Date", "Source Country", "CAMEO Code", "Intensity", "Target Country"],
    dtype={"Event ID": str, "Event Date": str, "Source Country": str, "CAMEO Code": str, "Target Country": str},
    keep_default_na=False,
    na_values={"Intensity": [""]},
)
rows = len(df)
src = df["Source Country"].str.lower().map(table)
tgt = df["Target Country"].str.lower().map(table)
root = df["CAMEO Code"].str[:2].astype(int)
quad = pd.cut(root, bins=[0, 5, 8, 13, 20], labels=[1, 2, 3, 4]).astype(int)
keep = src.notna() & tgt.notna() & (src != tgt)
frame = pd.DataFrame(
    {
        "src": src[keep],
        "tgt": tgt[keep],
        "month": df["Event Date"][keep].str[:7],
        "intensity": df["Intensity"][keep],
        "q1": (quad[keep] == 1).astype(int),
        "q2": (quad[keep] == 2).astype(int),
        "q3": (quad[keep] == 3).astype(int),
        "q4": (quad[keep] == 4).astype(int),
    }
)
groups = frame.groupby(["src", "tgt", "month"]).agg(
    events=("intensity", "size"),
    intensity_sum=("intensity", "sum"),
    intensity_mean=("intensity", "mean"),
    q1=("q1", "sum"),
    q2=("q2", "sum"),
    q3=("q3", "sum"),
    q4=("q4", "sum"),
)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"rows={rows} used={int(keep.sum())} relations={len(groups)} seconds={seconds:.3f} peak_mb={peak:.1f}")
