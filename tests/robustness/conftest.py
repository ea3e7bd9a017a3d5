"""The spec files and their helpers are loaded by test_robustness.py, not collected."""

collect_ignore_glob = ["spec_*.py", "harness.py", "inputs.py"]
