"""The OpenAI-compatible backend against tiny loopback servers that speak the chat-completions JSON.

Each server answers from a script of canned failures first, then like a real endpoint: one choice per
requested n, whose text names the server and echoes the snippet, so tests can see routing and order.
The same backend against a real `vllm serve` is in tests/test_vllm_backends.py.
"""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from config import GenerationSettings
from generate.backends.base import ModelSpec, SamplingParams
from generate.backends.openai import OpenAIBackend, OpenAIBackendError
from model.prompt import build_messages

SPEC = ModelSpec(version="base", base="unused")


class ChatServer:
    def __init__(self, name: str):
        self.name = name
        self.requests: list[tuple[str, dict | None, dict]] = []  # (path, body, headers)
        self.script: list[tuple[int, dict, dict]] = []  # (status, json body, headers) served first
        self.choices_override: int | None = None
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append((self.path, None, dict(self.headers)))
                self._reply(*server.answer(self.path, None))

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append((self.path, body, dict(self.headers)))
                self._reply(*server.answer(self.path, body))

            def _reply(self, status, payload, headers):
                data = json.dumps(payload).encode()
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def answer(self, path: str, body: dict | None):
        if self.script:
            return self.script.pop(0)
        if path == "/v1/models":
            return 200, {"object": "list", "data": [{"id": "served-model"}]}, {}
        snippet = body["messages"][1]["content"]
        count = self.choices_override if self.choices_override is not None else body["n"]
        choices = [
            {"index": i, "message": {"role": "assistant", "content": f"{self.name}|{snippet}|{i}"}}
            for i in range(count)
        ]
        return 200, {"choices": choices}, {}

    def chat_requests(self) -> list[dict]:
        return [body for path, body, _ in self.requests if path == "/v1/chat/completions"]


@pytest.fixture
def servers():
    started = [ChatServer("a"), ChatServer("b")]
    yield started
    for server in started:
        server.httpd.shutdown()
        server.httpd.server_close()


def backend_for(*urls: str, **options) -> OpenAIBackend:
    options.setdefault("backoff_seconds", 0.0)
    return OpenAIBackend(SPEC, list(urls), model=options.pop("model", "m"), **options)


def user_turn(snippet: str) -> str:
    return build_messages(snippet)[1]["content"]


def test_candidates_come_back_in_snippet_order_spread_round_robin(servers):
    a, b = servers
    backend = backend_for(a.url, b.url)
    snippets = [f"Team {i} won 2-{i}" for i in range(6)]
    params = SamplingParams(temperature=0.7, top_p=0.9, max_new_tokens=33, n=3, seed=7)
    done: list[int] = []

    results = backend.generate(snippets, params, progress=done.append)
    backend.close()

    assert len(results) == 6
    for snippet, candidates in zip(snippets, results):
        assert [c.split("|", 2)[1:] for c in candidates] == [[user_turn(snippet), str(i)] for i in range(3)]
    assert len(a.chat_requests()) == len(b.chat_requests()) == 3
    body = a.chat_requests()[0]
    assert body["messages"] in [build_messages(s) for s in snippets]
    assert {k: body[k] for k in ("model", "n", "temperature", "top_p", "max_tokens", "seed")} == {
        "model": "m", "n": 3, "temperature": 0.7, "top_p": 0.9, "max_tokens": 33, "seed": 7,
    }
    assert done == [1, 2, 3, 4, 5, 6]


def test_greedy_asks_for_one_candidate_and_repeats_it(servers):
    a, _ = servers
    results = backend_for(a.url).generate(["Kane scores twice"], SamplingParams(temperature=0, n=4))
    assert results == [[f"a|{user_turn('Kane scores twice')}|0"] * 4]
    assert [(body["n"], body["temperature"]) for body in a.chat_requests()] == [(1, 0.0)]


def test_429_and_5xx_are_retried_until_success(servers):
    a, _ = servers
    a.script = [(503, {"error": {"message": "overloaded"}}, {}), (429, {}, {"Retry-After": "0"})]
    results = backend_for(a.url).generate(["Lakers 110-99"], SamplingParams(n=2))
    assert len(results[0]) == 2
    assert len(a.chat_requests()) == 3


def test_retries_give_up_with_the_servers_message(servers):
    a, _ = servers
    a.script = [(503, {"error": {"message": "model\n overloaded"}}, {})] * 3
    with pytest.raises(OpenAIBackendError) as error:
        backend_for(a.url, max_retries=2).generate(["x"], SamplingParams(n=1))
    assert str(error.value) == f"{a.url}/chat/completions: HTTP 503 model overloaded (after 3 attempts)"


def test_client_errors_are_not_retried(servers):
    a, _ = servers
    a.script = [(400, {"error": {"message": "n must be at most 2"}}, {})]
    with pytest.raises(OpenAIBackendError, match=r"HTTP 400 n must be at most 2$"):
        backend_for(a.url).generate(["x"], SamplingParams(n=8))
    assert len(a.chat_requests()) == 1


def test_a_dead_url_is_skipped_by_the_retry(servers):
    a, _ = servers
    with socket.socket() as probe:  # a port nobody listens on once closed
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/v1"
    results = backend_for(dead, a.url).generate(["one", "two"], SamplingParams(n=1))
    assert [r[0].split("|")[0] for r in results] == ["a", "a"]


def test_a_server_ignoring_n_is_an_error(servers):
    a, _ = servers
    a.choices_override = 1
    with pytest.raises(OpenAIBackendError, match="returned 1 choices for n=4"):
        backend_for(a.url).generate(["x"], SamplingParams(n=4))


def test_settings_give_urls_key_and_model_discovery(servers, monkeypatch):
    a, b = servers
    monkeypatch.setenv("CAPTION_KEY", "sk-test")
    settings = GenerationSettings(openai_base_urls=[a.url, b.url], openai_api_key_env="CAPTION_KEY")
    backend = OpenAIBackend.from_settings(SPEC, settings)
    backend.generate(["x"], SamplingParams(n=1))
    requests = a.requests + b.requests
    assert requests[0][0] == "/v1/models"
    assert all(headers["Authorization"] == "Bearer sk-test" for _, _, headers in requests)
    assert [body["model"] for body in a.chat_requests() + b.chat_requests()] == ["served-model"]


@pytest.mark.parametrize("name", ["openai", "auto"])
def test_the_job_layer_opens_the_configured_openai_backend(servers, name):
    import config
    from generate.backends import open_backend

    a, _ = servers
    settings = config.Settings()
    settings.generation.openai_base_urls = [a.url]
    backend = open_backend(settings, SPEC, name)
    assert backend.name == "openai"
    [[caption]] = backend.generate(["x"], SamplingParams(n=1))
    assert caption.startswith(a.name + "|") and caption.endswith("|0")


def test_no_urls_is_a_one_line_error():
    with pytest.raises(OpenAIBackendError, match=r"set \[generation\] openai_base_urls"):
        OpenAIBackend(SPEC, [])



# --- provenance: drafts name the served model, and nothing local is loaded --------------------------------


def test_drafts_from_the_openai_backend_record_the_served_model_and_load_nothing_local(servers, tmp_path,
                                                                                        monkeypatch):
    import config
    import model.base
    from conftest import invoke_cli
    from store import Store

    a, _ = servers
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text(f'[generation]\nopenai_base_urls = ["{a.url}"]\nn = 2\n')

    def no_local_model(*args, **kwargs):
        raise AssertionError("a local model was resolved for a remote backend")

    monkeypatch.setattr(model.base, "materialize_embedded", no_local_model)
    monkeypatch.setattr("model.registry.resolve_base", no_local_model)
    with Store(home / config.DB_FILE) as store:
        feed = store.add_feed("https://feeds.example/sports", "Test")
        store.add_items(feed["id"], [{"guid": "g", "link": "https://news.example/1", "title": "Arsenal win",
                                      "snippet": {"text": "Arsenal beat Chelsea 2-0.", "title": "Arsenal win"}}])

    result = invoke_cli(home, "generate", "--json")
    served = f"served-model @ {a.url}"
    assert json.loads(result.output)["model"] == served
    with Store(home / config.DB_FILE) as store:
        [draft] = store.drafts()
        assert draft["model_version"] == served
        assert store.model_versions() == []  # no local version registered either
        from generate.queue import regenerate

        assert regenerate(store, config.load_settings(home), home, draft["id"])["model_version"] == served
    assert not (home / "models").exists()  # the embedded base was never materialized

    snippets, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    snippets.write_text(json.dumps({"id": 1, "snippet": "Lakers beat Celtics 110-99."}) + "\n")
    invoke_cli(home, "generate", "--input", str(snippets), "--output", str(out))
    assert json.loads(out.read_text())["model"] == served


def test_credentials_in_a_base_url_stay_out_of_the_recorded_model(servers):
    a, _ = servers
    backend = backend_for(a.url.replace("http://", "http://user:secret@"))
    assert backend.model_version == "m @ " + a.url
