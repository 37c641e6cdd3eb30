"""`manage.py check --deploy` is clean with production settings (DESIGN.md: security)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def production_environment(tmp_path: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # Start from a clean slate: CI may export its own database and cache URLs, and the
        # test run sets DJANGO_ALLOW_ASYNC_UNSAFE, which production must never have.
        if not key.startswith("DJANGO_")
        and key
        not in {"DATABASE_URL", "REDIS_URL", "EMAIL_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="solidair.example.org",
        EMAIL_URL="smtp+tls://u:p@mail.example.org:587",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
    )
    return env


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_deploy_check_is_clean_with_production_settings(tmp_path):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_environment(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_environment(tmp_path)
    del env["SECRET_KEY"]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_an_email_url(tmp_path):
    env = production_environment(tmp_path)
    del env["EMAIL_URL"]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "EMAIL_URL must be set" in result.stderr


def test_production_cookies_are_secure_httponly_and_same_site(tmp_path):
    probe = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, "
        "s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_SAMESITE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS > 0, s.LANGUAGE_COOKIE_SECURE)"
    )
    result = run_manage("shell", "-c", probe, env=production_environment(tmp_path))
    assert result.returncode == 0, result.stderr
    # The CSRF cookie is readable by our own script on purpose (htmx sends it back as a
    # header, see docs/architecture.md), so it is Secure and SameSite but not HttpOnly.
    flags = result.stdout.strip().splitlines()[-1].split()
    assert flags == ["True", "True", "Lax", "True", "Lax", "True", "True", "True"]
