"""Generation through any OpenAI-compatible chat-completions endpoint (vLLM serve, llama.cpp, hosted APIs).

The server applies its own chat template to `build_messages(snippet)`, the same messages training
renders, so the prompt stays the one prompt. Several base URLs are spread round-robin, with a bounded
number of requests in flight; 429, 5xx, timeouts and refused connections are retried with exponential
backoff (a retry goes to the next URL), while other errors fail at once with the server's own message.
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

import httpx

from generate.backends.base import BackendError, ModelSpec, Progress, SamplingParams
from model.prompt import build_messages

_RETRYABLE_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}


class OpenAIBackendError(BackendError):
    """The endpoint could not produce captions; the message is one line for the user."""


class OpenAIBackend:
    name = "openai"

    def __init__(
        self,
        spec: ModelSpec | None,
        base_urls: list[str],
        model: str = "",
        api_key: str | None = None,
        concurrency: int = 8,
        connect_timeout: float = 5.0,
        read_timeout: float = 300.0,
        max_retries: int = 4,
        backoff_seconds: float = 1.0,
        backoff_max_seconds: float = 30.0,
    ):
        if not base_urls:
            raise OpenAIBackendError(
                "the openai backend needs at least one URL: set [generation] openai_base_urls"
            )
        self.spec = spec  # unused: the server holds the weights
        self.base_urls = [url.rstrip("/") for url in base_urls]
        self.concurrency = max(1, concurrency)
        self.max_retries = max_retries
        self.backoff_seconds = backoff_seconds
        self.backoff_max_seconds = backoff_max_seconds
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(
            headers=headers,
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            limits=httpx.Limits(max_connections=self.concurrency * len(self.base_urls)),
        )
        self._model = model
        self._next_url = 0
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, spec: ModelSpec | None, settings) -> OpenAIBackend:
        """Built from config.GenerationSettings; the API key is read from the env var it names."""
        return cls(
            spec,
            base_urls=list(settings.openai_base_urls),
            model=settings.openai_model,
            api_key=os.environ.get(settings.openai_api_key_env) or None,
        )

    def generate(
        self, snippets: list[str], params: SamplingParams, progress: Progress | None = None
    ) -> list[list[str]]:
        model = self.model()
        results: list[list[str] | None] = [None] * len(snippets)
        with ThreadPoolExecutor(max_workers=self.concurrency * len(self.base_urls)) as pool:
            futures = {
                pool.submit(self._candidates, model, snippet, params): i
                for i, snippet in enumerate(snippets)
            }
            try:
                for done, future in enumerate(as_completed(futures), start=1):
                    results[futures[future]] = future.result()
                    if progress:
                        progress(done)
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
        return results  # type: ignore[return-value]  # every slot is filled or we raised

    def model(self) -> str:
        """The configured model name, else the first model the first server lists."""
        if not self._model:
            listing = self._request("GET", "/models", None)
            models = [entry.get("id") for entry in listing.get("data") or [] if entry.get("id")]
            if not models:
                raise OpenAIBackendError(
                    f"{self.base_urls[0]} lists no models: set [generation] openai_model"
                )
            self._model = models[0]
        return self._model

    @property
    def model_version(self) -> str:
        """What drafts record as their model: the served model's name and where it is served."""
        return f"{self.model()} @ {', '.join(_without_credentials(url) for url in self.base_urls)}"

    def close(self) -> None:
        self._client.close()

    def _candidates(self, model: str, snippet: str, params: SamplingParams) -> list[str]:
        # Greedy candidates are all the same text: ask for one and repeat it.
        wanted = 1 if params.greedy else params.n
        body = {
            "model": model,
            "messages": build_messages(snippet),
            "n": wanted,
            "temperature": max(params.temperature, 0.0),
            "top_p": 1.0 if params.greedy else params.top_p,
            "max_tokens": params.max_new_tokens,
            "seed": params.seed,
        }
        choices = self._request("POST", "/chat/completions", body).get("choices") or []
        texts = [(choice.get("message") or {}).get("content") or "" for choice in choices]
        if len(texts) != wanted:
            raise OpenAIBackendError(
                f"the endpoint returned {len(texts)} choices for n={wanted}: "
                "it may not support n > 1; use another backend or server"
            )
        return texts * params.n if params.greedy else texts

    def _request(self, method: str, path: str, body: dict | None) -> dict:
        with self._lock:  # round-robin start; each retry moves on to the next URL
            start = self._next_url
            self._next_url = (self._next_url + 1) % len(self.base_urls)
        for attempt in range(self.max_retries + 1):
            url = self.base_urls[(start + attempt) % len(self.base_urls)] + path
            final = attempt == self.max_retries
            try:
                response = self._client.request(method, url, json=body)
            except httpx.TransportError as e:  # refused, reset, timed out
                if final:
                    raise OpenAIBackendError(f"{url}: {_describe(e)}{_tries(attempt)}") from e
                time.sleep(self._delay(attempt, None))
                continue
            if response.status_code in _RETRYABLE_STATUS and not final:
                time.sleep(self._delay(attempt, response.headers.get("retry-after")))
                continue
            if response.is_error:
                raise OpenAIBackendError(
                    f"{url}: HTTP {response.status_code} {_error_message(response)}{_tries(attempt)}"
                )
            try:
                return response.json()
            except ValueError as e:
                raise OpenAIBackendError(f"{url}: the response is not JSON") from e
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        """Exponential backoff; a server's Retry-After (in seconds) wins, both capped."""
        delay = self.backoff_seconds * 2**attempt
        if retry_after:
            try:
                delay = float(retry_after)
            except ValueError:
                pass  # an HTTP-date: keep our own backoff rather than parse clocks
        return min(max(delay, 0.0), self.backoff_max_seconds)


def _without_credentials(url: str) -> str:
    return str(httpx.URL(url).copy_with(username=None, password=None)) if "@" in url else url


def _tries(attempt: int) -> str:
    return f" (after {attempt + 1} attempts)" if attempt else ""


def _describe(error: httpx.TransportError) -> str:
    if isinstance(error, httpx.TimeoutException):
        return "timed out"
    if isinstance(error, httpx.ConnectError):
        return "connection failed (is the server running?)"
    return type(error).__name__


def _error_message(response: httpx.Response) -> str:
    """The server's own error text when it sent the usual {"error": {"message": ...}}, on one line."""
    try:
        error = response.json().get("error")
        message = error.get("message") if isinstance(error, dict) else error
    except (ValueError, AttributeError):
        message = None
    text = str(message or response.reason_phrase or "error")
    return " ".join(text.split())[:300]
