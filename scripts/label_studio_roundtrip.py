#!/usr/bin/env python3
"""Run parley's correction loop through a real Label Studio once, and keep its JSON export.

usage: .venv/bin/python scripts/label_studio_roundtrip.py [OUT_DIR] [--db STORE] [--ls-venv DIR] [--port N]

1. installs Label Studio (PyPI ``label-studio``) into its own throwaway venv (default
   /tmp/ls-venv; never into the project's .venv) unless it is there already;
2. exports tasks with ``parley export --to label-studio`` from STORE (default: a store made of
   the hand-annotated records of tests/corpus.py);
3. starts Label Studio on 127.0.0.1 with a fresh data folder, creates a project with the
   exported config.xml, imports the tasks, accepts parley's predictions as annotations through
   the API (the Data Manager's ``predictions_to_annotations`` action), then changes one
   annotation the way an annotator rejecting a statement would (deletes the content region of
   the statement "the second round in Geneva had been constructive" with its fields and
   relations);
4. exports the project as Label Studio JSON into OUT_DIR (default tests/fixtures/label-studio/)
   as ``export.json``, beside the ``tasks.json`` and ``config.xml`` it was made from; stops
   Label Studio.

The export is the fixture tests/test_exports_labelstudio.py imports. This script is not run in
CI (it downloads Label Studio and takes minutes); run it again after changing the task format.
Only the standard library is used here, so any Python runs it.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

REJECTED = "the second round in Geneva had been constructive"


def ensure_label_studio(venv: Path) -> Path:
    exe = venv / "bin" / "label-studio"
    if not exe.exists():
        print(f"installing label-studio into {venv} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "label-studio"], check=True)
    return exe


def fixture_store(folder: Path) -> Path:
    from tests.corpus import fixture_records

    from parley.corpus import write_records
    from parley.store import Store

    path = folder / "news.duckdb"
    with Store.open(path) as store:
        write_records(store, fixture_records(), source="tests/corpus.py")
    return path


class Client:
    def __init__(self, base: str, token: str) -> None:
        self.base = base
        self.headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=self.headers)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raise SystemExit(f"{method} {path}: HTTP {exc.code}: {exc.read().decode(errors='replace')[:500]}") from None
        return json.loads(raw) if raw.strip() else None


def wait_until_up(base: str, process: subprocess.Popen[bytes], log: Path, seconds: int = 600) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"label-studio exited with {process.returncode}; see {log}")
        try:
            with urllib.request.urlopen(base + "/health", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(3)
    raise SystemExit(f"label-studio did not answer on {base} within {seconds} s; see {log}")


def reject_statement(result: list[dict[str, Any]], content: str) -> list[dict[str, Any]]:
    """The result without the content region whose text is ``content``, its fields and relations."""
    ids = {r["id"] for r in result if r.get("type") == "labels" and r["value"].get("text") == content}
    if not ids:
        raise SystemExit(f"no content region {content!r} to reject")
    return [r for r in result if r.get("id") not in ids and r.get("from_id") not in ids and r.get("to_id") not in ids]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / "tests" / "fixtures" / "label-studio"))
    parser.add_argument("--db", help="the store to export tasks from (default: the fixture records)")
    parser.add_argument("--ls-venv", default="/tmp/ls-venv")
    parser.add_argument("--port", type=int, default=8089)
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    exe = ensure_label_studio(Path(args.ls_venv))
    work = Path(tempfile.mkdtemp(prefix="parley-ls-"))
    db = Path(args.db) if args.db else fixture_store(work)
    subprocess.run([sys.executable, "-m", "parley", "export", "--db", str(db), "--to", "label-studio", str(out)], check=True)
    tasks = json.loads((out / "tasks.json").read_text(encoding="utf-8"))
    config = (out / "config.xml").read_text(encoding="utf-8")

    token = secrets.token_hex(20)
    base = f"http://127.0.0.1:{args.port}"
    data_dir = work / "label-studio-data"
    log = work / "label-studio.log"
    env = {**os.environ, "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir), "LABEL_STUDIO_LOCAL_FILES_SERVING_ENABLED": "false"}
    command = [str(exe), "start", "--no-browser", "--internal-host", "127.0.0.1", "--port", str(args.port), "--host", base]
    command += ["--data-dir", str(data_dir), "--username", "parley@example.org", "--password", secrets.token_hex(12)]
    command += ["--user-token", token, "--enable-legacy-api-token"]
    with log.open("wb") as log_file:
        process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT, env=env)
    try:
        wait_until_up(base, process, log)
        client = Client(base, token)
        version = client.call("GET", "/api/version")
        project = client.call("POST", "/api/projects", {"title": "parley correction loop", "label_config": config})
        pid = project["id"]
        client.call("POST", f"/api/projects/{pid}/import", tasks)
        client.call("POST", f"/api/dm/actions?id=predictions_to_annotations&project={pid}", {"project": pid, "selectedItems": {"all": True, "excluded": []}})
        listed = client.call("GET", f"/api/tasks?project={pid}&page_size=1000&fields=all")
        task_list = listed["tasks"] if isinstance(listed, dict) else listed
        changed = 0
        for task in task_list:
            if task["data"].get("article_id") != "geneva-round":
                continue
            annotations = client.call("GET", f"/api/tasks/{task['id']}/annotations")
            annotation = annotations[0]
            client.call("PATCH", f"/api/annotations/{annotation['id']}", {"result": reject_statement(annotation["result"], REJECTED)})
            changed += 1
        if changed != 1:
            raise SystemExit(f"expected one geneva-round task, changed {changed}")
        export = client.call("GET", f"/api/projects/{pid}/export?exportType=JSON&download_all_tasks=true")
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    (out / "export.json").write_text(json.dumps(export, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    annotated = sum(1 for t in export if t.get("annotations"))
    release = version.get("release") if isinstance(version, dict) else version
    print(f"label-studio {release}: {len(export)} tasks exported ({annotated} annotated) to {out / 'export.json'}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
