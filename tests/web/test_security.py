"""Who may talk to the workbench: Host names (DNS rebinding), the access token off loopback, sizes."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from conflictscope.web import create_app
from conflictscope.web.security import allowed_hosts, host_name, is_loopback

from .conftest import Client
from .test_pages import BASE, token


@pytest.mark.parametrize(("header", "name"), [
    ("127.0.0.1:8765", "127.0.0.1"), ("LOCALHOST", "localhost"), ("[::1]:8765", "::1"), ("::1", "::1"),
    ("attacker.example.:80", "attacker.example"),
])
def test_security_host_name(header: str, name: str) -> None:
    assert host_name(header) == name


def test_security_loopback_and_allowed_hosts() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.1.2.3")
    assert allowed_hosts("10.1.2.3", ("wb.lan",)) == {"127.0.0.1", "localhost", "::1", "10.1.2.3", "wb.lan"}


@pytest.mark.parametrize("host", ["localhost:8765", "[::1]:8765", "127.0.0.1"])
def test_security_loopback_hosts_are_served(client: Client, host: str) -> None:
    assert client.get("/events.json", headers={"Host": host}).status_code == 200


def test_security_rebinding_host_is_refused(client: Client) -> None:
    r = client.get("/events.json", headers={"Host": "attacker.example"})
    assert r.status_code == 400 and "Host header 'attacker.example'" in r.json()["error"]["message"]
    assert client.get("/events", headers={"Host": "attacker.example:8765"}).status_code == 400
    # a token-protected POST with an Origin matching the rebinding name: refused before it is read
    t = token(client)
    r = client.post("/events/ev-a/decisions", json={"action": "reject"},
                    headers={"Host": "attacker.example:8765", "Origin": "http://attacker.example:8765",
                             "X-CSRF-Token": t})
    assert r.status_code == 400
    assert client.get("/events/ev-a.json").json()["event"]["status"] == "machine"


def test_security_off_loopback_needs_the_access_token(db_path: Path) -> None:
    app = create_app(str(db_path), host="10.1.2.3", allow_hosts=("wb.lan",))
    secret = app.state.access_token
    assert secret and len(secret) >= 32
    c = Client(app)
    c._client.base_url = "http://10.1.2.3:8765"
    try:
        refused = c.get("/events.json")
        assert refused.status_code == 401 and "access token" in refused.json()["error"]["message"]
        assert c.get("/events.json?token=wrong").status_code == 401
        assert c.get("/events.json", headers={"Host": "wb.lan:8765", "Authorization": f"Bearer {secret}"}).status_code == 200
        moved = c.get(f"/events?type=Battles&token={secret}")
        assert moved.status_code == 303 and moved.headers["location"] == "/events?type=Battles"
        assert "conflictscope_access=" in moved.headers["set-cookie"] and "HttpOnly" in moved.headers["set-cookie"]
        assert c.get("/events.json").status_code == 200   # the cookie carries it now
        assert c.get("/events.json", headers={"Host": "elsewhere.example"}).status_code == 400
    finally:
        c.close()
        app.state.bench.store.close()


def test_security_loopback_app_needs_no_token(db_path: Path) -> None:
    app = create_app(str(db_path), host="127.0.0.1")
    assert app.state.access_token is None
    app.state.bench.store.close()


def test_security_request_body_over_the_limit_is_413(client: Client) -> None:
    t = token(client)
    limit = client.app.state.max_body
    r = client.post("/events/ev-a/decisions", headers={"Origin": BASE},
                    data={"action": "accept", "note": "n" * (limit + 1), "csrf_token": t})
    assert r.status_code == 413 and "larger than" in r.text
    long_note = client.post("/events/ev-a/decisions", headers={"Origin": BASE, "X-CSRF-Token": t},
                            json={"action": "accept", "note": "n" * 3000})
    assert long_note.status_code == 422 and long_note.json()["error"]["field"] == "note"
    assert client.get("/events/ev-a.json").json()["decisions"] == []


def test_security_query_string_over_the_limit_is_414(client: Client) -> None:
    r = client.get("/events.json?actor=" + "x" * 5000)
    assert r.status_code == 414 and "fewer or shorter" in r.json()["error"]["message"]
    assert client.get("/events.json?actor=" + "x" * 100).status_code == 200


def test_security_csv_export_neutralises_formulas(client: Client) -> None:
    h = {"X-CSRF-Token": token(client), "Origin": BASE}
    assert client.post("/events/ev-a/decisions", json={"action": "edit", "field": "notes",
                                                       "value": "=HYPERLINK(\"http://x\",\"y\")"}, headers=h).status_code == 201
    assert client.post("/events/ev-a/decisions", json={"action": "edit", "field": "actor2",
                                                       "value": "@cmd"}, headers=h).status_code == 201
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(client.get("/events.csv").text))}
    assert rows["ev-a"]["notes"] == "'=HYPERLINK(\"http://x\",\"y\")" and rows["ev-a"]["actor2"] == "'@cmd"


def test_cli_serve_names_its_hosts_and_token_options() -> None:
    from click.testing import CliRunner

    from conflictscope.cli import main

    out = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "--allow-host" in out and "--token" in out and "DNS rebinding" in out


def test_security_static_files_follow_the_same_host_rule(client: Any) -> None:
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/static/app.css", headers={"Host": "attacker.example"}).status_code == 400
