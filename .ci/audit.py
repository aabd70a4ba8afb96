"""Known vulnerabilities in the installed dependencies (pip-audit against PyPI's advisory data).

Fails on any known vulnerability. When the advisory data cannot be had for the installed
versions (no network, or a package index that is a private mirror), says so plainly: the run
then has NOT audited those packages, and the summary names how many.
"""

import json
import subprocess
import sys

result = subprocess.run([sys.executable, "-m", "pip_audit", "--skip-editable", "--progress-spinner", "off",
                         "--format", "json"], capture_output=True, text=True)
try:
    report = json.loads(result.stdout)
except json.JSONDecodeError:
    print("pip-audit NOT run: no answer from the advisory data.", result.stderr.strip()[-500:], sep="\n")
    sys.exit(0)
dependencies = report.get("dependencies", [])
skipped = [d for d in dependencies if d.get("skip_reason")]
vulnerable = [d for d in dependencies if d.get("vulns")]
for dependency in vulnerable:
    for vuln in dependency["vulns"]:
        fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed release yet"
        print(f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
audited = len(dependencies) - len(skipped)
if not audited:
    print(f"pip-audit: NOT audited. PyPI's advisory data is unreachable for all {len(skipped)} installed "
          "versions from this machine (e.g. " + (skipped[0]["skip_reason"] if skipped else "no dependencies") + ").")
else:
    print(f"pip-audit: {audited} packages audited, {len(vulnerable)} vulnerable, "
          f"{len(skipped)} not auditable from here.")
sys.exit(1 if vulnerable else 0)
