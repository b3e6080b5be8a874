#!/usr/bin/env python3
"""Writes the benchmark corpus: the demo message bank and the corpus's messages in en, it and el, with the
placeholders filled, repeated with varying ids to N lines of JSON {"id", "text"}. Deterministic."""
import json, sys, pathlib
root = pathlib.Path(__file__).resolve().parent.parent
n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
texts = []
bank = json.loads((root / "src/CalmDesk.Core/Demo/demo-messages.json").read_text(encoding="utf-8"))
for language in bank.values():
    for item in language["inbound"] + language["outbound"] + language["notes"]:
        texts.append(item["body"].replace("{contact}", "Nino").replace("{rep}", "Giulia").replace("{order}", "SO-24017").replace("{invoice}", "INV-8123"))
for language in ("en", "it", "el"):
    for path in sorted((root / "eval/corpus" / language).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line:
                texts.append(json.loads(line)["text"])
for i in range(n):
    print(json.dumps({"id": i, "text": texts[i % len(texts)]}, ensure_ascii=False))
