"""The benchmark's clients: readers, searchers and learners, each a thread on a keep-alive
connection, recording every request as a Sample."""

import http.client
import itertools
import random
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh-hans"]
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOC = re.compile(r"<loc>([^<]+)</loc>")


@dataclass
class Sample:
    kind: str
    at: float
    seconds: float
    ok: bool
    detail: str = ""


@dataclass
class Record:
    """What the clients saw, shared by every thread."""

    samples: list = field(default_factory=list)
    acknowledged: set = field(default_factory=set)  # (user id, lesson id)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample):
        with self.lock:
            self.samples.append(sample)


class Connection:
    """One keep-alive connection, reopened when idle long enough for gunicorn to close it."""

    IDLE = 3.0  # gunicorn's keepalive is 5 s

    def __init__(self, port):
        self.port, self.conn, self.last = port, None, 0.0

    def request(self, method, path, body=None, headers=None):
        if self.conn is None or time.monotonic() - self.last > self.IDLE:
            self.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                content = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if method != "GET":  # never send a form twice behind the learner's back
                    raise
                # A stale keep-alive connection (a worker recycled): a browser retries a GET.
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                self.conn.request(method, path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                content = response.read()
        except Exception:
            # The request failed (a timeout, a refusal): it counts as such, and the next
            # one starts on a new connection, not on this one's half-finished exchange.
            self.close()
            raise
        finally:
            self.last = time.monotonic()
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response, content

    def close(self):
        if self.conn is not None:
            self.conn.close()
        self.conn = None


def timed(record, kind, call):
    started = time.monotonic()
    try:
        ok, detail = call()
    except Exception as error:  # noqa: BLE001 - every failure is a sample
        ok, detail = False, f"{type(error).__name__}: {error}"
    record.add(Sample(kind, started, time.monotonic() - started, ok, detail))
    return ok


def reader(port, paths, stop, record):
    conn, rng = Connection(port), random.Random()  # noqa: S311 - not security

    def fetch():
        response, _ = conn.request("GET", rng.choice(paths), headers={"Accept-Encoding": "gzip"})
        return response.status == 200, f"HTTP {response.status}"

    while not stop.is_set():
        timed(record, "page", fetch)
    conn.close()


def searcher(port, words, stop, record):
    """Searches in each language in turn, for words of that language (`words`)."""
    conn, rng = Connection(port), random.Random()  # noqa: S311 - not security
    languages = sorted(words)
    turn = itertools.count(rng.randrange(len(languages)))

    def search():
        language = languages[next(turn) % len(languages)]
        path = f"/{language}/search/?" + urllib.parse.urlencode({"q": rng.choice(words[language])})
        response, content = conn.request("GET", path)
        if response.status != 200:
            return False, f"HTTP {response.status} for {path}"
        return b"search-hit" in content, f"no results for {path}"

    while not stop.is_set():
        timed(record, "search", search)
    conn.close()


class Learner:
    """Takes accounts from `accounts` one at a time and works through a course with each."""

    def __init__(self, port, accounts, courses, record, stop):
        self.conn = Connection(port)
        self.accounts, self.courses, self.record, self.stop = accounts, courses, record, stop
        self.rng = random.Random()  # noqa: S311 - not security

    def cookies(self, account):
        return f"sessionid={account['session']}; csrftoken={account.get('csrf', '')}"

    def get_form(self, account, path):
        """Read a page as the learner; keep its CSRF token (cookie and form field)."""
        response, content = self.conn.request(
            "GET", path, headers={"Cookie": self.cookies(account)}
        )
        for header in response.headers.get_all("Set-Cookie") or []:
            if header.startswith("csrftoken="):
                account["csrf"] = header.split(";", 1)[0].split("=", 1)[1]
        match = CSRF_FIELD.search(content.decode("utf-8", "replace"))
        if match:
            account["token"] = match.group(1)
        return response.status == 200 and match is not None, f"HTTP {response.status}"

    def post(self, account, path, data):
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": account["token"], **data})
        headers = {
            "Cookie": self.cookies(account),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        return self.conn.request("POST", path, body=body, headers=headers)

    def run(self):
        while not self.stop.is_set():
            try:
                account = self.accounts.pop()
            except IndexError:
                return
            course = self.rng.choice(self.courses)
            self.take(account, course)
        self.conn.close()

    def take(self, account, course):
        if not timed(self.record, "lesson", lambda: self.get_form(account, course["url"])):
            return

        def enrol():
            response, _ = self.post(account, course["url"] + "enrol/", {})
            return response.status == 302, f"HTTP {response.status}"

        if not timed(self.record, "enrol", enrol):
            return
        for lesson in course["lessons"]:
            if self.stop.is_set():
                return
            if not timed(
                self.record, "lesson", lambda lesson=lesson: self.get_form(account, lesson["url"])
            ):
                return
            # Now and then the same form goes twice (a double click, a second tab).
            for _ in range(2 if self.rng.random() < 0.2 else 1):
                if not timed(
                    self.record, "complete", lambda lesson=lesson: self.complete(account, lesson)
                ):
                    return

    def complete(self, account, lesson):
        if lesson["right"]:
            response, _ = self.post(account, lesson["url"] + "check/", lesson["right"])
            acknowledged = response.status == 200
        else:
            response, _ = self.post(account, lesson["url"] + "complete/", {})
            acknowledged = response.status == 302
        if acknowledged:
            with self.record.lock:
                self.record.acknowledged.add((account["id"], lesson["id"]))
        return acknowledged, f"HTTP {response.status}"


def wait_until_up(port, deadline=90):
    start = time.monotonic()
    while time.monotonic() - start < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the portal did not answer /healthz with 200 within {deadline} s")


def warm_up(port, paths, words):
    """Fetch each language's pages once (each worker's imports done) and keep as search
    words only those the healthy portal finds: a failed search later is then the fault's."""
    conn = Connection(port)
    for language in LANGUAGES:
        for path in [p for p in paths if p.startswith(f"/{language}/")][:8]:
            conn.request("GET", path)
        found = []
        for word in words.get(language, []):
            query = urllib.parse.urlencode({"q": word})
            _response, content = conn.request("GET", f"/{language}/search/?{query}")
            if b"search-hit" in content:
                found.append(word)
        words[language] = found
    conn.close()
    if not any(words.values()):
        raise SystemExit("no search word finds anything on the healthy portal")


def sitemap_paths(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/sitemap.xml")
    locations = LOC.findall(conn.getresponse().read().decode())
    paths = []
    for location in locations:
        path = urllib.parse.urlsplit(location).path
        if path.endswith(".xml"):  # an index of per-language sitemaps
            conn.request("GET", path)
            inner = LOC.findall(conn.getresponse().read().decode())
            paths += [urllib.parse.urlsplit(url).path for url in inner]
        else:
            paths.append(path)
    conn.close()
    return sorted(set(paths))
