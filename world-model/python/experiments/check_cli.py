"""What the checks' command lines share: the probe checks' arguments and probes.csv, and running a
check to its printed report and optional JSON file."""

from __future__ import annotations

import argparse
import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import Callable, Dict, Iterable, Sequence

import torch

ProbeRows = Dict[int, Dict[str, Dict[str, str]]]


def probe_parser(doc: str, command: str) -> argparse.ArgumentParser:
    """A parser with --bundle and --probes (the output of `latent-mpc sim COMMAND`)."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bundle", type=Path, required=True, help="bundle directory with checkpoint.pt and model.json")
    ap.add_argument("--probes", type=Path, required=True, help=f"output directory of `latent-mpc sim {command}`")
    return ap


def probe_table(probes: Path, command: str) -> Path:
    """probes.csv in `probes`, or a SystemExit that says which command writes it."""
    table = probes / "probes.csv"
    if not table.is_file():
        raise SystemExit(f"{table} not found: run `latent-mpc sim {command} --out {probes}` first")
    return table


def read_named_probes(probes: Path, command: str, columns: Sequence[str], names: Iterable[str]) -> ProbeRows:
    """Per episode seed: probe name → its probes.csv row. Every row must have `columns`, every episode
    the probes `names`; otherwise a SystemExit that says what to rerun."""
    table = probe_table(probes, command)
    episodes: ProbeRows = defaultdict(dict)
    with table.open(newline="") as f:
        reader = csv.DictReader(f)
        missing_columns = set(columns) - set(reader.fieldnames or ())
        if missing_columns:
            raise SystemExit(f"{table} lacks {sorted(missing_columns)} (made by an older version): "
                             f"rerun `latent-mpc sim {command} --out {probes}`")
        for row in reader:
            episodes[int(row["seed"])][row["probe"]] = row
    for seed, rows in episodes.items():
        missing = set(names) - set(rows)
        if missing:
            raise SystemExit(f"{table}: seed {seed} lacks {sorted(missing)}")
    return episodes


def run(args: argparse.Namespace, check: Callable[[argparse.Namespace], dict],
        report: Callable[[dict], Iterable[str]]) -> int:
    """Runs `check` on two threads, prints the lines of `report` on its figures and writes them to
    --json when given; the exit status."""
    torch.set_num_threads(2)
    figures = check(args)
    for line in report(figures):
        print(line)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0
