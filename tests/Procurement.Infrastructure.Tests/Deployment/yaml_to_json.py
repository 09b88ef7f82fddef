"""Prints the YAML documents of each file named (or of stdin for "-") as JSON: {"<file>": [doc, ...], ...}.
PyYAML comes with Debian's docker-compose (python3-yaml), so the tests need no package of their own."""
import json
import sys

import yaml

result = {}
for name in sys.argv[1:]:
    stream = sys.stdin if name == "-" else open(name, encoding="utf-8")
    with stream:
        result[name] = [doc for doc in yaml.safe_load_all(stream) if doc is not None]
json.dump(result, sys.stdout, default=str)
