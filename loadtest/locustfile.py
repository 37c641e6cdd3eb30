"""The load test's simulated people (locust), driven by loadtest/run.py.

A realistic mix: most visitors browse anonymously (home, the posts list, searches and
filters, a post, organisations); signed-in members also post (create, then publish),
react to other people's posts and write in their conversations, through the same HTML
forms a browser uses (with the CSRF token).

Every write carries a unique marker (`<run id>-<n>`) and is recorded in a JSON-lines
file when the server confirmed it (the redirect the form answers with), or as
"uncertain" when the answer never came. loadtest/run.py then checks in the database that
each confirmed write is there exactly once and that no write is there twice.

Any 5xx other than the friendly 503 (a database outage, see solidair.core.errors) counts
as a server error.
"""

from __future__ import annotations

import json
import os
import random
import re
import threading
from http.cookiejar import DefaultCookiePolicy
from itertools import count
from pathlib import Path
from typing import Any

from locust import HttpUser, between, task

RUN_ID = os.environ.get("LOADTEST_RUN_ID", "lt-local")
WRITES = Path(os.environ.get("LOADTEST_WRITES", "var/loadtest/writes.jsonl"))
MEMBERS = int(os.environ.get("LOADTEST_MEMBERS", "40"))
PASSWORD = os.environ.get("LOADTEST_PASSWORD", "load-test-password")
SEARCHES = ["fiets", "kinderwagen", "winterjas", "matras", "laptop", "huiswerk", "taal"]
CATEGORIES = ["clothing", "furniture", "household", "baby-and-children", "bicycles"]
NEIGHBOURHOODS = ["rabot-blaisantvest", "ledeberg", "sint-amandsberg", "dampoort", "wondelgem"]

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
POST_LINK = re.compile(r'href="/posts/(\d+)/"')
CONVERSATION_LINK = re.compile(r'href="/messages/(\d+)/"')
FRIENDLY_503 = "Retry-After"

_serial = count(1)
_member_numbers = count(0)
_lock = threading.Lock()
WRITES.parent.mkdir(parents=True, exist_ok=True)


def marker() -> str:
    return f"{RUN_ID}-{next(_serial)}"


def record(kind: str, mark: str, outcome: str) -> None:
    with _lock, WRITES.open("a", encoding="utf-8") as out:
        out.write(json.dumps({"kind": kind, "marker": mark, "outcome": outcome}) + "\n")


class PlainHttpCookies(DefaultCookiePolicy):
    """The production settings mark cookies Secure; the load test talks plain HTTP to the
    server on 127.0.0.1, so keep them as plain cookies (a browser would use HTTPS).
    requests copies the jar for every request with the default policy, hence the cookie
    itself is changed when it is stored."""

    def set_ok(self, cookie: Any, request: Any) -> bool:
        cookie.secure = False
        return bool(super().set_ok(cookie, request))


class Visitor(HttpUser):
    """Someone without an account, looking around."""

    weight = 6
    wait_time = between(1, 4)

    def on_start(self) -> None:
        self.client.cookies.set_policy(PlainHttpCookies())

    def get(self, url: str, name: str | None = None) -> Any:
        with self.client.get(url, name=name or url, catch_response=True) as response:
            check(response)
            return response

    @task(3)
    def posts_list(self) -> None:
        self.get("/posts/")

    @task(2)
    def search(self) -> None:
        self.get(f"/posts/?q={random.choice(SEARCHES)}", name="/posts/?q=…")  # noqa: S311

    @task(2)
    def filter_posts(self) -> None:
        category = random.choice(CATEGORIES)  # noqa: S311
        self.get(f"/posts/?kind=offer&category={category}", name="/posts/?filters")

    @task(2)
    def read_a_post(self) -> None:
        response = self.get("/posts/")
        ids = POST_LINK.findall(response.text or "")
        if ids:
            self.get(f"/posts/{random.choice(ids)}/", name="/posts/[id]/")  # noqa: S311

    @task(1)
    def home(self) -> None:
        self.get("/")

    @task(1)
    def organisations(self) -> None:
        self.get("/organisations/")


def check(response: Any) -> None:
    """Mark 5xx answers as failures, except the outage page (503 with Retry-After)."""
    status = response.status_code
    if status == 503 and response.headers.get(FRIENDLY_503):
        # The outage page: expected while the database is down (run.py counts them).
        record("outage", str(status), "seen")
        response.success()
    elif status >= 500 or status == 0:
        response.failure(f"server error {status}")
    elif status == 429:
        response.failure("rate limited")
    else:
        response.success()


class Member(HttpUser):
    """A signed-in person who also posts, reacts and writes messages."""

    weight = 4
    wait_time = between(2, 6)

    def on_start(self) -> None:
        self.client.cookies.set_policy(PlainHttpCookies())
        number = next(_member_numbers) % MEMBERS
        self.email = f"load{number}@loadtest.invalid"
        self.logged_in = False
        self.login()

    def csrf_from(self, url: str, name: str) -> str | None:
        with self.client.get(url, name=name, catch_response=True) as response:
            check(response)
            found = CSRF.search(response.text or "")
            return found.group(1) if found else None

    def login(self) -> None:
        token = self.csrf_from("/accounts/login/", "/accounts/login/")
        if token is None:
            return
        with self.client.post(
            "/accounts/login/",
            data={"csrfmiddlewaretoken": token, "login": self.email, "password": PASSWORD},
            headers={"Referer": f"{self.host}/accounts/login/"},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            check(response)
            self.logged_in = response.status_code == 302

    def submit(self, form_url: str, action: str, data: dict[str, Any], name: str) -> Any:
        """GET the form for its CSRF token, POST it, and return the answer (or None)."""
        if not self.logged_in:
            self.login()
            if not self.logged_in:
                return None
        token = self.csrf_from(form_url, name=f"{name} (form)")
        if token is None:
            return None
        with self.client.post(
            action,
            data={"csrfmiddlewaretoken": token, **data},
            headers={"Referer": f"{self.host}{form_url}"},
            allow_redirects=False,
            name=name,
            catch_response=True,
        ) as response:
            check(response)
            if response.status_code == 302 and "/accounts/login/" in response.headers.get(
                "Location", ""
            ):
                self.session_lost()
            return response

    def session_lost(self) -> None:
        # Signed-in people must stay signed in, also through a Redis outage (the sessions
        # live in the database, cached in Redis): run.py fails on any of these.
        record("session", self.email, "lost")
        self.logged_in = False

    @task(4)
    def browse(self) -> None:
        with self.client.get("/posts/", catch_response=True) as response:
            check(response)
        with self.client.get("/my-posts/", catch_response=True) as response:
            check(response)
            if response.status_code == 302:
                self.session_lost()

    @task(2)
    def post(self) -> None:
        mark = marker()
        data = {
            "kind": random.choice(["request", "offer"]),  # noqa: S311
            "nature": "goods",
            "title": f"Kinderfiets te geef {mark}",
            "body": f"Een goede kinderfiets, 20 inch. Referentie {mark}.",
            "category": random.choice(CATEGORIES),  # noqa: S311
            "neighbourhood": random.choice(NEIGHBOURHOODS),  # noqa: S311
            "quantity": "1",
        }
        try:
            response = self.submit("/posts/new/", "/posts/new/", data, "create post")
        except Exception:
            record("post", mark, "uncertain")
            raise
        if response is None:
            return
        location = response.headers.get("Location", "")
        found = re.search(r"/posts/(\d+)/", location)
        if response.status_code != 302 or not found:
            record("post", mark, "uncertain" if response.status_code >= 500 else "refused")
            return
        record("post", mark, "confirmed")
        pk = found.group(1)
        published = self.submit(f"/posts/{pk}/", f"/posts/{pk}/publish/", {}, "publish post")
        if published is not None and published.status_code == 302:
            record("publish", mark, "confirmed")

    @task(2)
    def react(self) -> None:
        with self.client.get(
            "/posts/?kind=offer", name="/posts/?filters", catch_response=True
        ) as response:
            check(response)
            ids = POST_LINK.findall(response.text or "")
        if not ids:
            return
        pk = random.choice(ids)  # noqa: S311
        mark = marker()
        try:
            answer = self.submit(
                f"/posts/{pk}/",
                f"/posts/{pk}/respond/",
                {"message": f"Ik heb interesse, ik kan zaterdag langskomen. Ref {mark}."},
                "respond",
            )
        except Exception:
            record("response", mark, "uncertain")
            raise
        if answer is None:
            return
        location = answer.headers.get("Location", "")
        if answer.status_code == 302 and "/messages/" in location:
            record("response", mark, "confirmed")
        elif answer.status_code >= 500:
            record("response", mark, "uncertain")

    @task(3)
    def message(self) -> None:
        with self.client.get("/messages/", catch_response=True) as response:
            check(response)
            ids = CONVERSATION_LINK.findall(response.text or "")
        if not ids:
            return
        pk = random.choice(ids)  # noqa: S311
        mark = marker()
        try:
            answer = self.submit(
                f"/messages/{pk}/",
                f"/messages/{pk}/",
                {"body": f"Dank je, tot zaterdag! Ref {mark}."},
                "send message",
            )
        except Exception:
            record("message", mark, "uncertain")
            raise
        if answer is None:
            return
        if answer.status_code == 302 and "#message-" in answer.headers.get("Location", ""):
            record("message", mark, "confirmed")
        elif answer.status_code >= 500:
            record("message", mark, "uncertain")
