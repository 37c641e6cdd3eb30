"""The API docs (Swagger UI, served locally by django-ninja) work under the site's strict
Content-Security-Policy: no inline script or style is blocked and nothing loads from
another host."""

from __future__ import annotations

import pytest

from solidair.accounts.tokens import create_api_token

pytestmark = pytest.mark.browser

REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.log("CSP violation: " + event.violatedDirective + " " + event.blockedURI);
});
"""


def test_the_docs_page_runs_a_request_without_csp_violations(page, live_server, citizen):
    console: list[str] = []
    requested_hosts: set[str] = set()
    page.on("console", lambda message: console.append(message.text))
    page.on("request", lambda request: requested_hosts.add(request.url.split("/")[2]))
    page.add_init_script(REPORT_CSP_VIOLATIONS)
    _token, raw = create_api_token(user=citizen, name="docs")

    response = page.goto("/api/v1/docs")
    assert response is not None
    assert response.ok
    page.wait_for_selector(".opblock")
    # Authorize with a bearer token, then try /me: the whole flow a developer follows.
    page.locator(".authorize").first.click()
    page.locator(".auth-container input").first.fill(raw)
    page.locator(".auth-container .authorize").first.click()
    page.locator(".btn-done").first.click()
    me = page.locator(".opblock", has_text="/api/v1/me")
    me.locator(".opblock-summary").click()
    me.locator(".try-out__btn").click()
    me.locator(".execute").click()
    page.wait_for_selector(".live-responses-table .response .response-col_status")

    status = me.locator(".live-responses-table .response .response-col_status").first
    assert status.inner_text().strip() == "200"
    assert citizen.email in me.locator(".live-responses-table").inner_text()
    assert not [text for text in console if "Content Security Policy" in text or "CSP" in text]
    assert requested_hosts == {live_server.url.split("/")[2]}
