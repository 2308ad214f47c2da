from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from parley.cli import app

from .helpers import SAMPLES, needs_shared

runner = CliRunner()


def run_cli(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_help_reads_like_a_tool():
    result = run_cli("--help")
    assert result.exit_code == 0
    assert "extract" in result.output and "Who said what" in result.output


def test_extract_sample_as_json():
    result = run_cli("extract", str(SAMPLES / "peace-talks.txt"), "--published", "2025-11-12", "--format", "json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["id"] == "peace-talks" and record["published"] == "2025-11-12"
    actors = {m["actor"] for m in record["mentions"]}
    assert {"Vladimir Putin", "Russia", "United States", "Volodymyr Zelenskyy"} <= actors


def test_extract_from_stdin_with_publisher():
    result = run_cli("extract", "-", "--publisher", "Reuters", "--format", "jsonl", input="Lavrov met Rubio in Riyadh on Tuesday.")
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.strip().splitlines()
    record = json.loads(line)
    assert record["publisher"] == "Reuters" and record["id"] == "stdin"


def test_extract_text_format_names_the_actors():
    result = run_cli("extract", str(SAMPLES / "peace-talks.txt"), "--published", "2025-11-12", "--format", "text")
    assert result.exit_code == 0
    assert "Vladimir Putin" in result.stdout and "Actors" in result.stdout


def test_seed_record_as_text():
    seed = needs_shared("gold/seed.json")
    result = run_cli("extract", str(seed), "--format", "text")
    assert result.exit_code == 0 and "Vladimir Putin" in result.stdout


@pytest.mark.parametrize(
    "args,message",
    [
        (["extract", "nope.txt"], "nope.txt: no such file"),
        (["extract", "-", "--published", "25/12/2025"], "--published"),
    ],
)
def test_errors_are_one_line_and_non_zero(args, message):
    result = run_cli(*args, input="Putin spoke.")
    assert result.exit_code != 0
    assert message in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_empty_and_binary_stdin(tmp_path):
    for data in (b"", b"\x00\x01\x02binary\x00"):
        proc = subprocess.run([sys.executable, "-m", "parley", "extract", "-"], input=data, capture_output=True)
        assert proc.returncode == 1
        err = proc.stderr.decode()
        assert "<stdin>" in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1


def test_unknown_option_exits_2():
    result = run_cli("extract", "--frobnicate", "x.txt")
    assert result.exit_code == 2


def test_bad_files_are_reported_and_good_ones_still_printed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Zelenskyy spoke in Kyiv.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = run_cli("extract", str(bad), str(good), "--format", "jsonl")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["id"] == "good"
    assert f"{bad}: the input is empty" in result.stderr
