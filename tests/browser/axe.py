"""axe-core checks: fail with a readable list of the violations."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

_AXE = Axe()

# WCAG 2.1 A and AA plus axe's best practices.
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines: list[str] = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
            f"\n  {violation.get('helpUrl', '')}"
        )
        for node in violation.get("nodes", [])[:5]:
            target = ", ".join(str(t) for t in node.get("target", []))
            lines.append(f"    at {target}: {node.get('html', '')[:200]}")
            summary = node.get("failureSummary")
            if summary:
                lines.append("      " + summary.replace("\n", "\n      "))
        if len(violation.get("nodes", [])) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


def assert_no_axe_violations(page: Any) -> None:
    """Run axe-core on the page as it is now and fail listing every violation."""
    results = _AXE.run(page, options=AXE_OPTIONS)
    violations = results.response.get("violations", [])
    if violations:
        report = format_violations(violations)
        print(report)
        raise AssertionError(
            f"axe-core found {len(violations)} violation(s) on {page.url}:\n{report}"
        )
