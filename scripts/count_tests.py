"""Adds up the test counts that each runner printed, for one closing line."""

import re
import sys

passed = failed = 0
for path in sys.argv[1:]:
    text = open(path, errors="replace").read()
    for ok, bad in re.findall(r"test result: \w+\. (\d+) passed; (\d+) failed", text):  # cargo
        passed, failed = passed + int(ok), failed + int(bad)
    # Surefire: the last total line (per-class lines end in 'Time elapsed').
    totals = re.findall(r"^\[\w+\] Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)$", text, re.M)
    plain = re.findall(r"^Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)$", text, re.M)
    for run, fail, err, skip in (totals[-1:] or plain[-1:]):
        passed += int(run) - int(fail) - int(err) - int(skip)
        failed += int(fail) + int(err)
    py = re.findall(r"^=*\s*(?:(\d+) failed, )?(\d+) passed.* in [\d.]+s", text, re.M)  # pytest
    for bad, ok in py:
        passed, failed = passed + int(ok), failed + int(bad or 0)
    for ok, bad in re.findall(r"^(?:\w+: )?(\d+) passed, (\d+) failed$", text, re.M):  # our C# runner
        passed, failed = passed + int(ok), failed + int(bad)
print(f"total: {passed} passed, {failed} failed")
