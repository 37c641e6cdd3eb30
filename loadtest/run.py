"""`make loadtest` / `make faulttest`: the platform under a realistic load on the production
stack (PostgreSQL + Redis + granian, DEBUG=false), optionally with a fault injected.

    .venv/bin/python loadtest/run.py                      # 2 minutes, 50 simulated people
    .venv/bin/python loadtest/run.py --fault postgres     # PostgreSQL stopped for 20 s
    .venv/bin/python loadtest/run.py --fault redis        # Redis stopped for 20 s

It builds a fresh database (LOADTEST_DATABASE_URL, default the `solidair_loadtest`
database on 127.0.0.1), loads the demo content and LOADTEST_MEMBERS members who can log in,
serves it with granian, and runs locust headless (loadtest/locustfile.py). Then it checks:
- no server error: every 5xx is the friendly 503 outage page (and with Redis down, there
  is none at all);
- every write the server confirmed (posts, publications, responses, messages) is in the
  database exactly once; writes whose answer never came are there at most once; refused
  writes are not there; no response or message lost its conversation (no partial writes);
- after the fault the site answers again by itself (no restart), and signed-in people
  stay signed in throughout (sessions live in PostgreSQL, cached in Redis).
Exit status 0 when all holds, 1 otherwise. Stopping and starting PostgreSQL or Redis uses
the machine's own services (pg_ctlcluster, redis-server), as on the CI machine.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import secrets
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "var" / "loadtest"
BIN = Path(sys.executable).parent
DATABASE_URL = os.environ.get(
    "LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/solidair_loadtest"
)
REDIS_URL = os.environ.get("LOADTEST_REDIS_URL", "redis://127.0.0.1:6379/5")
PORT = int(os.environ.get("LOADTEST_PORT", "8766"))
MEMBERS = int(os.environ.get("LOADTEST_MEMBERS", "40"))
PASSWORD = "load-test-password"  # noqa: S105 - throwaway accounts in a scratch database


def log(message: str) -> None:
    print(f"[loadtest {time.strftime('%H:%M:%S')}] {message}", flush=True)


def server_env() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", secrets.token_urlsafe(50)),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_URL": "dummy://",
        # Plain HTTP on 127.0.0.1: no redirect to HTTPS.
        "SECURE_SSL_REDIRECT": "false",
        "STAFF_REQUIRE_MFA": "false",
        # 50 people posting from one IP address would hit the per-IP limits at once.
        "RATELIMIT_ENABLE": "false",
    }


def manage(*args: str) -> None:
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=server_env(), check=True
    )


def fresh_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    manage("migrate", "--no-input", "-v0")
    manage("seed_demo", "--force")  # a scratch database, thrown away after the run
    manage("collectstatic", "--no-input", "-v0")


def setup_django() -> None:
    os.environ.update({"DATABASE_URL": DATABASE_URL, "REDIS_URL": REDIS_URL})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["RATELIMIT_ENABLE"] = "false"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def create_members() -> None:
    from allauth.account.models import EmailAddress

    from solidair.accounts.models import User
    from solidair.accounts.services import create_profile

    for number in range(MEMBERS):
        email = f"load{number}@loadtest.invalid"
        user = User.objects.filter(email=email).first() or User.objects.create_user(email, PASSWORD)
        create_profile(user=user, display_name=f"Tester {number}", preferred_language="nl")
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )


def start_server(workers: int) -> subprocess.Popen[bytes]:
    out = (SCRATCH / "server.log").open("wb")
    server = subprocess.Popen(  # noqa: S603
        [
            str(BIN / "granian"),
            *("--interface", "wsgi", "--host", "127.0.0.1", "--port", str(PORT)),
            *("--workers", str(workers), "--blocking-threads", "1", "--no-ws"),
            "config.wsgi:application",
        ],
        cwd=ROOT,
        env=server_env(),
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    if not wait_for("/healthz", 30):
        server.kill()
        raise SystemExit(f"the server did not start; see {SCRATCH / 'server.log'}")
    return server


def get(path: str, timeout: float = 5) -> int:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
        conn.request("GET", path)
        return conn.getresponse().status
    except OSError:
        return 0


def wait_for(path: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if get(path, timeout=2) == 200:
            return True
        time.sleep(0.5)
    return False


# --- faults ----------------------------------------------------------------------------------


def postgres_cluster() -> list[str]:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]


def stop_service(fault: str) -> None:
    if fault == "postgres":
        subprocess.run([*postgres_cluster(), "stop", "-m", "fast"], check=True)  # noqa: S603
    elif fault == "redis":
        subprocess.run(
            ["redis-cli", "-p", "6379", "shutdown", "nosave"],  # noqa: S607
            check=False,
            capture_output=True,
        )


def start_service(fault: str) -> None:
    if fault == "postgres":
        subprocess.run([*postgres_cluster(), "start"], check=True)  # noqa: S603
    elif fault == "redis":
        subprocess.run(  # noqa: S603
            [  # noqa: S607
                "redis-server",
                *("--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379"),
                *("--save", "", "--appendonly", "no"),
            ],
            check=True,
        )


def inject(fault: str, at: float, seconds: float, done: threading.Event) -> None:
    time.sleep(at)
    log(f"stopping {fault} for {seconds:.0f} s")
    stop_service(fault)
    try:
        time.sleep(seconds)
    finally:
        start_service(fault)
        log(f"{fault} is back")
        done.set()


# --- checks ----------------------------------------------------------------------------------


def server_errors(stats_prefix: Path) -> list[str]:
    """Failures locust recorded: 5xx other than the friendly 503, and refused requests."""
    path = Path(f"{stats_prefix}_failures.csv")
    if not path.exists():
        return []
    with path.open(newline="") as handle:
        return [
            f"{row['Method']} {row['Name']}: {row['Error']} ({row['Occurrences']} times)"
            for row in csv.DictReader(handle)
        ]


def status_counts(stats_prefix: Path) -> dict[str, int]:
    path = Path(f"{stats_prefix}_stats.csv")
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated":
                return {
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "p95_ms": int(float(row["95%"] or 0)),
                }
    return {}


def check_writes(writes: Path, fault: str) -> list[str]:
    from solidair.exchange.models import Conversation, Message, Post, Response

    problems: list[str] = []
    text = writes.read_text() if writes.exists() else ""
    records = [json.loads(line) for line in text.splitlines() if line.strip()]
    lost = [item["marker"] for item in records if item["kind"] == "session"]
    if lost:
        problems.append(f"{len(lost)} times a signed-in person was logged out: {lost[:5]}")
    outages = sum(1 for item in records if item["kind"] == "outage")
    log(f"friendly 503 answers during the run: {outages}")
    if fault == "postgres" and outages == 0:
        problems.append("PostgreSQL was stopped, yet no request saw the 503 outage page")
    if fault == "redis" and outages:
        problems.append(f"{outages} requests answered 503 while only Redis was down")
    records = [item for item in records if item["kind"] not in {"session", "outage"}]
    outcomes: dict[tuple[str, str], set[str]] = {}
    for item in records:
        outcomes.setdefault((item["kind"], item["marker"]), set()).add(item["outcome"])
    counts = Counter(item["outcome"] for item in records)
    log(f"writes recorded: {dict(counts)}")

    def found(kind: str, mark: str) -> int:
        needle = f"{mark}."  # markers are followed by a full stop in every text
        if kind == "post":
            return Post.objects.filter(body__contains=needle).count()
        if kind == "publish":
            return Post.objects.filter(body__contains=needle, status=Post.Status.OPEN).count()
        if kind == "response":
            return Response.objects.filter(message__contains=needle).count()
        if kind == "message":
            return Message.objects.filter(body__contains=needle).count()
        raise ValueError(kind)

    for (kind, mark), seen in sorted(outcomes.items()):
        number = found(kind, mark)
        if "confirmed" in seen and number != 1:
            problems.append(f"{kind} {mark}: confirmed by the server, found {number} times")
        elif "confirmed" not in seen and "uncertain" in seen and number > 1:
            problems.append(f"{kind} {mark}: found {number} times")
        elif seen == {"refused"} and number != 0:
            problems.append(f"{kind} {mark}: refused by the server, yet found {number} times")
    run_id = os.environ["LOADTEST_RUN_ID"]
    known = {mark for (_kind, mark) in outcomes}
    for body in Post.objects.filter(body__contains=run_id).values_list("body", flat=True):
        mark = body.rsplit(" ", 1)[-1].rstrip(".")
        if mark not in known:
            problems.append(f"post {mark}: in the database but never sent")
    # No partial writes: the respond service creates the conversation and its response in
    # one transaction, so a conversation never lacks its response.
    half = Conversation.objects.filter(
        responder__email__endswith="@loadtest.invalid", response__isnull=True
    )
    if half.exists():
        problems.append(f"{half.count()} conversations without their response")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fault", choices=["none", "postgres", "redis"], default="none")
    parser.add_argument("--fault-at", type=float, default=40)
    parser.add_argument("--fault-seconds", type=float, default=20)
    args = parser.parse_args()

    SCRATCH.mkdir(parents=True, exist_ok=True)
    run_id = f"lt{secrets.token_hex(3)}"
    writes = SCRATCH / f"writes-{run_id}.jsonl"
    stats = SCRATCH / f"stats-{run_id}"
    os.environ["LOADTEST_RUN_ID"] = run_id

    log(f"preparing a fresh database ({DATABASE_URL.rsplit('/', 1)[1]}) and {MEMBERS} members")
    fresh_database()
    setup_django()
    create_members()
    from django.db import connections

    connections.close_all()

    server = start_server(args.workers)
    problems: list[str] = []
    restored = threading.Event()
    try:
        if args.fault != "none":
            threading.Thread(
                target=inject,
                args=(args.fault, args.fault_at, args.fault_seconds, restored),
                daemon=True,
            ).start()
        log(f"{args.users} simulated people for {args.seconds} s (fault: {args.fault})")
        subprocess.run(  # noqa: S603
            [
                str(BIN / "locust"),
                *("-f", str(ROOT / "loadtest" / "locustfile.py"), "--headless"),
                *("-u", str(args.users), "-r", str(args.spawn_rate)),
                *("-t", f"{args.seconds}s", "--host", f"http://127.0.0.1:{PORT}"),
                *("--csv", str(stats), "--only-summary", "--stop-timeout", "10"),
                "--exit-code-on-error",
                "0",
            ],
            cwd=ROOT,
            env={
                **os.environ,
                "LOADTEST_WRITES": str(writes),
                "LOADTEST_MEMBERS": str(MEMBERS),
                "LOADTEST_PASSWORD": PASSWORD,
            },
            check=True,
        )
        if args.fault != "none" and not restored.wait(timeout=120):
            problems.append(f"{args.fault} did not come back")
        # The site must recover by itself: no restart between the fault and these.
        if not wait_for("/posts/", 30):
            problems.append("the site did not recover after the fault")
    finally:
        server.terminate()
        server.wait(timeout=30)

    problems += server_errors(stats)
    problems += check_writes(writes, args.fault)
    figures = status_counts(stats)
    log(f"requests: {figures}")
    if problems:
        log("FAILED:")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    log("PASSED: no server errors, every write exactly once, the site recovered")
    return 0


if __name__ == "__main__":
    sys.exit(main())
