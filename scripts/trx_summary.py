#!/usr/bin/env python3
"""Summarise VSTest .trx files for scripts/test.sh.

usage: trx_summary.py FILE_OR_DIR...

Prints the failed tests (name, message, head of the stack trace) and per-file counts to stderr,
and "PASSED FAILED SKIPPED" on stdout. Failed counts every result whose outcome is not
Passed/NotExecuted (Failed, Error, Timeout, Aborted, ...), plus one for each run that ended in
an error without a failed test (e.g. a crashed or hung test host).
"""
import os
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
MAX_SHOWN = 25
MESSAGE_LINES = 15
STACK_LINES = 6


def trx_files(args):
    for arg in args:
        if os.path.isdir(arg):
            for dirpath, _, names in os.walk(arg):
                for name in sorted(names):
                    if name.endswith(".trx"):
                        yield os.path.join(dirpath, name)
        elif os.path.isfile(arg):
            yield arg


def head(text, lines):
    rows = (text or "").strip("\n").splitlines()
    shown = rows[:lines]
    if len(rows) > lines:
        shown.append(f"... ({len(rows) - lines} more lines)")
    return shown


def main(argv):
    err = sys.stderr
    passed = failed = skipped = 0
    failures = []
    for path in trx_files(argv[1:]):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as e:
            print(f"{path}: unreadable trx ({e})", file=err)
            failed += 1
            failures.append((os.path.basename(path), "Unreadable", str(e), ""))
            continue
        p = f = s = 0
        for r in root.iterfind("t:Results/t:UnitTestResult", NS):
            outcome = r.get("outcome", "")
            name = r.get("testName", "?")
            if outcome == "Passed":
                p += 1
            elif outcome == "NotExecuted":
                s += 1
            else:
                f += 1
                message = r.findtext("t:Output/t:ErrorInfo/t:Message", "", NS)
                stack = r.findtext("t:Output/t:ErrorInfo/t:StackTrace", "", NS)
                failures.append((name, outcome, message, stack))
        summary = root.find("t:ResultSummary", NS)
        run_outcome = summary.get("outcome", "") if summary is not None else ""
        if f == 0 and run_outcome in ("Failed", "Error", "Aborted", "Timeout"):
            infos = [
                (ri.findtext("t:Text", "", NS) or "").strip()
                for ri in root.iterfind("t:ResultSummary/t:RunInfos/t:RunInfo", NS)
                if ri.get("outcome") in ("Error", "Failed", None)
            ]
            f += 1
            failures.append((f"{os.path.basename(path)}: test run", run_outcome, "\n".join(infos), ""))
        print(f"  {os.path.relpath(path)}: {p} passed, {f} failed, {s} skipped", file=err)
        passed, failed, skipped = passed + p, failed + f, skipped + s

    if failures:
        print(f"\n===== {len(failures)} failed =====", file=err)
        for name, outcome, message, stack in failures[:MAX_SHOWN]:
            print(f"--- {name} [{outcome}]", file=err)
            for line in head(message, MESSAGE_LINES):
                print(f"    {line}", file=err)
            for line in head(stack, STACK_LINES):
                print(f"    {line}", file=err)
        if len(failures) > MAX_SHOWN:
            print(f"... and {len(failures) - MAX_SHOWN} more failures (see the .trx files)", file=err)
    print(f"{passed} {failed} {skipped}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
