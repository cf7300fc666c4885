"""The --serve protocol of reference_cem.py, through which `latent-mpc model bench` alternates its
own planned actions with the public PyTorch planner's, one per round.

The protocol loop is checked on its own (a planner that counts its calls stands in for the timed
public planner, so the lines can be asserted exactly); the whole script in --serve mode runs the
public code and is skipped unless VJEPA2_REFERENCE_SRC names a facebookresearch/vjepa2 checkout,
as in test_reference_parity.py.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

import reference_cem

SRC = os.environ.get("VJEPA2_REFERENCE_SRC")


def _counting_planner():
    calls = []

    def plan_one():
        calls.append(len(calls))
        return {"seconds": 0.5 * len(calls), "thread_cpu_seconds": 0.25, "pose_update_seconds": 0.05}

    return plan_one, calls


def test_serve_answers_one_json_line_per_action_until_eof():
    plan_one, calls = _counting_planner()
    out = io.StringIO()
    timings = reference_cem.serve(plan_one, {"ready": True, "torch": "x"},
                                  io.StringIO("action\n\n  action  \naction"), out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines[0] == {"ready": True, "torch": "x"}
    assert [line["seconds"] for line in lines[1:]] == [0.5, 1.0, 1.5]
    assert lines[1] == {"seconds": 0.5, "thread_cpu_seconds": 0.25, "pose_update_seconds": 0.05}
    assert len(calls) == 3 and timings == lines[1:]


def test_serve_rejects_an_unknown_command_before_planning():
    plan_one, calls = _counting_planner()
    out = io.StringIO()
    with pytest.raises(ValueError, match="unknown command 'plan'"):
        reference_cem.serve(plan_one, {"ready": True}, io.StringIO("action\nplan\naction\n"), out)
    assert len(calls) == 1 and len(out.getvalue().splitlines()) == 2


def test_summary_of_served_actions_has_the_one_shot_fields():
    args = reference_cem.parse_args(["--bundle", "b", "--reference-src", "s", "--serve"])
    timings = [{"seconds": s, "thread_cpu_seconds": s / 2, "pose_update_seconds": s / 10}
               for s in (3.0, 1.0, 2.0)]
    result = reference_cem.summary(args, timings, 1e-7)
    assert result["seconds_per_action"] == [3.0, 1.0, 2.0] and result["median_seconds"] == 2.0
    assert result["median_thread_cpu_seconds"] == 1.0
    assert result["pose_update_share"] == pytest.approx(0.1)
    assert result["max_abs_energy_difference_vs_project"] == 1e-7


@pytest.mark.skipif(not SRC, reason="VJEPA2_REFERENCE_SRC is not set")
def test_serve_mode_times_the_public_planner_action_by_action():
    bundle = Path(__file__).resolve().parents[2] / "bundles" / "sim-small96"
    out = io.StringIO()
    assert reference_cem.main(["--bundle", str(bundle), "--reference-src", SRC, "--samples", "16",
                               "--iterations", "2", "--threads", "1", "--serve"],
                              stdin=io.StringIO("action\naction\n"), stdout=out) == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 4, "ready, two actions, the summary"
    assert lines[0]["ready"] and lines[0]["max_abs_energy_difference_vs_project"] < 1e-5
    for action in lines[1:3]:
        assert action["seconds"] > 0 and action["thread_cpu_seconds"] > 0
        assert 0 < action["pose_update_seconds"] < action["seconds"]
    assert lines[3]["seconds_per_action"] == [a["seconds"] for a in lines[1:3]]
