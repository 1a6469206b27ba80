"""The pull asks for the next page before it parses this one, by the cursor at the body's end.

That cursor is only a hint (sync/pull.py, PageReader): a page whose JSON ends otherwise is
fetched after its parse, and one whose end names another cursor than the page has leaves a
page fetched ahead that is never applied. Either way the PC ends up with what the server holds.
A relay of the test's own rewrites every page of more to come before the client reads it.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage import json_text
from tests.support.live_server import LiveServer
from tests.sync.conftest import Desk, road_cases, sync
from tests.sync.server_view import server_case

Rewrite = Callable[[bytes], bytes]


def reordered(body: bytes) -> bytes:
    """The same page with has_more first: valid, but not how our server ends a page."""
    page = json.loads(body)
    return json.dumps({"has_more": page["has_more"], **page}).encode()


def lying(body: bytes) -> bytes:
    """The same page ending in another cursor, under a key the client ignores (`x"next_cursor`)."""
    page = json.loads(body)
    if not page["has_more"]:
        return body
    wrong = page["next_cursor"] + 1000
    return body[:-1] + b',"x\\"next_cursor":' + str(wrong).encode() + b',"has_more":true}'


@contextmanager
def relay(upstream: str, rewrite: Rewrite) -> Iterator[tuple[str, list[int]]]:
    """A relay to the server that rewrites /changes answers; yields its URL and the cursors
    asked for, in order."""
    asked: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            return None

        def _relay(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {
                k: v
                for k, v in self.headers.items()
                if k.lower() not in ("host", "content-length", "accept-encoding", "connection")
            }
            answer = requests.request(
                self.command, upstream + self.path, data=body, headers=headers, timeout=30
            )
            content = answer.content
            url = urlsplit(self.path)
            if url.path.endswith("/changes") and answer.status_code == 200:
                asked.append(int(parse_qs(url.query)["cursor"][0]))
                content = rewrite(content)
            self.send_response(answer.status_code)
            self.send_header("Content-Type", answer.headers.get("Content-Type", ""))
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = _relay  # noqa: N815

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()


def held(ws: Workspace) -> tuple[dict[str, object], int, str]:
    with closing(sqlite3.connect(ws.paths.database)) as con:
        docs = {r[0]: json_text.loads(r[1]) for r in con.execute('SELECT id, doc FROM "case"')}
        events = con.execute("SELECT count(*) FROM case_event").fetchone()[0]
        cursor = con.execute("SELECT value FROM setting WHERE key = 'sync.cursor'").fetchone()
    return docs, int(events), str(cursor[0])


@pytest.mark.parametrize("rewrite", [reordered, lying], ids=["reordered", "lying"])
def test_a_page_that_does_not_end_as_ours_still_pulls_everything_once(
    rewrite: Rewrite, desk: Desk, offices: LiveServer
) -> None:
    a, c = desk("a", "ani"), desk("c", "citra")
    ids = road_cases(a, 7)
    sync(a, offices.base_url)

    with relay(offices.base_url, rewrite) as (url, asked):
        report = sync(c, url, page_size=3)  # 14 changes: 5 pages
    assert report.received == 14
    docs, events, cursor = held(c)
    assert docs == {case_id: server_case(offices, case_id) for case_id in ids}
    assert events == 14
    assert int(re.sub(r"\D", "", cursor)) == 14
    pages = [0, 3, 6, 9, 12]
    if rewrite is lying:
        # Each page of more to come had the page after a wrong cursor asked for ahead; it was
        # dropped, and the right one asked for next.
        assert asked == [step for at in pages[:-1] for step in (at, at + 3 + 1000)] + [12]
    else:
        assert asked == pages
