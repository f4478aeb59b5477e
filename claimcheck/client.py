"""The only module that talks to the model SDKs (openai, instructor).

Two retry loops exist and must not multiply:

* transport faults (HTTP 429/5xx, timeouts, dropped connections) are retried
  by the openai SDK itself (``max_retries`` on the client, honouring
  ``Retry-After``); instructor is told to retry nothing but
* validation faults (schema errors, evidence not in the article), which are
  re-asked through instructor with a tenacity policy limited to those errors.

So one transport fault costs at most ``http_retries + 1`` requests, and one
extraction at most ``(max_reasks + 1) * (http_retries + 1)`` in the worst case
where every re-ask also meets a transport fault.

With a ``ResponseCache`` every validated answer is stored as it arrives and a
repeated call is answered from it without a request (see cache.py). Failures
are not stored, so a re-run asks again for exactly what failed; the one
exception is an answer that is schema-valid but failed grounding after every
re-ask, which the caller salvages (dropping the ungrounded claims) and which a
re-run would only pay for again.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit, urlunsplit

import httpx2
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import Hooks
from pydantic import BaseModel, ValidationError
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt

from .cache import Entry, ResponseCache, cache_key
from .errors import ConfigError, ExtractionError, ModelAPIError
from .models import Usage
from .redact import protect_loggers, redact, remember

T = TypeVar("T", bound=BaseModel)
# Failed calls are logged at DEBUG with their traceback: a run records them as
# report lines and goes on, so this is where ``--debug`` finds the traceback.
_log = logging.getLogger(__name__)

MODES = {
    "tools": instructor.Mode.TOOLS,
    "json": instructor.Mode.JSON,
    "json_schema": instructor.Mode.JSON_SCHEMA,
}
# Local servers (Ollama, vLLM, llama.cpp) need no key, but the SDK insists on one.
_NO_KEY = "no-key-needed"


class ReaskExhausted(ExtractionError):
    """Every re-ask still failed validation. ``last_arguments`` is the model's last JSON, if any."""

    def __init__(
        self, message: str, *, attempts: int, usage: Usage | None, last_arguments: str | None
    ) -> None:
        super().__init__(message, attempts=attempts, usage=usage)
        self.last_arguments = last_arguments


@dataclass
class Reply(Generic[T]):
    value: T
    usage: Usage


def display_url(url: str | None) -> str | None:
    """The endpoint without credentials, query or fragment: safe for reports and logs."""
    if not url:
        return url
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


@dataclass
class _UsageMeter:
    """Counts every HTTP response instructor sees, re-asks included, and keeps the last one."""

    usage: Usage = field(default_factory=Usage)
    # instructor's exception for an unusable answer (empty ``choices``, a
    # refusal, a content filter) is a bare IndexError/AssertionError/parse error
    # without the completion; the error message is built from this instead.
    last: Any = None

    def hooks(self) -> Hooks:
        hooks = Hooks()
        hooks.on("completion:response", self._on_response)
        return hooks

    def _on_response(self, response: Any) -> None:
        self.last = response
        tokens = getattr(response, "usage", None)
        self.usage = self.usage + Usage(
            requests=1,
            prompt_tokens=getattr(tokens, "prompt_tokens", 0) or 0,
            completion_tokens=getattr(tokens, "completion_tokens", 0) or 0,
        )


class ModelClient:
    """An OpenAI-compatible endpoint behind instructor, with claimcheck's retry policy."""

    def __init__(
        self,
        *,
        model: str,
        base_url: str | None = None,
        api_key: str | None = None,
        mode: str = "tools",
        timeout: float = 120.0,
        http_retries: int = 3,
        temperature: float = 0.0,
        cache: ResponseCache | None = None,
    ) -> None:
        if mode not in MODES:
            raise ConfigError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
        if not api_key and not base_url:
            raise ConfigError(
                "no model endpoint configured: set OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL / --base-url "
                "(Azure, Ollama, vLLM, llama.cpp)"
            )
        self.model = model
        self.base_url = base_url
        self.mode = mode
        self.temperature = temperature
        self.cache = cache
        remember(api_key)
        remember(urlsplit(base_url).password if base_url else None)
        # The SDKs log raw endpoint errors, which may echo the key back.
        protect_loggers()
        self._sdk = openai.AsyncOpenAI(
            api_key=api_key or _NO_KEY,
            base_url=base_url,
            timeout=timeout,
            max_retries=http_retries,
        )
        self._client = instructor.from_openai(self._sdk, mode=MODES[mode])

    @property
    def endpoint(self) -> str | None:
        return display_url(self.base_url or str(self._sdk.base_url))

    async def structured(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        *,
        max_reasks: int,
        label: str = "",
        salvage: type[BaseModel] | None = None,
    ) -> Reply[T]:
        """Ask for ``response_model``; re-ask only on validation errors, at most ``max_reasks`` times.

        With a cache, a stored answer is returned without a request. ``label``
        says what the answer is for (``cache info`` groups by it). ``salvage``
        is the schema-only model the caller salvages a last invalid answer
        with; such an answer is stored too (see the module docstring).
        """
        if self.cache is None:
            return await self._ask(messages, response_model, max_reasks=max_reasks)
        key = cache_key(
            endpoint=self.endpoint,
            model=self.model,
            messages=messages,
            schema=response_model.model_json_schema(),
            parameters={"mode": self.mode, "temperature": self.temperature},
        )
        hit = self._cached(key, response_model)
        if hit is not None:
            return hit
        try:
            reply = await self._ask(messages, response_model, max_reasks=max_reasks)
        except ReaskExhausted as exc:
            exc.usage = (exc.usage or Usage()) + Usage(cache_misses=1)
            if salvage is not None and _validates(salvage, exc.last_arguments):
                self.cache.put(key, Entry("invalid", exc.last_arguments, *_tokens(exc.usage)), label=label)
            raise
        except ExtractionError as exc:
            exc.usage = (exc.usage or Usage()) + Usage(cache_misses=1)
            raise
        self.cache.put(key, Entry("ok", reply.value.model_dump_json(), *_tokens(reply.usage)), label=label)
        reply.usage = reply.usage + Usage(cache_misses=1)
        return reply

    def _cached(self, key: str, response_model: type[T]) -> Reply[T] | None:
        assert self.cache is not None
        entry = self.cache.get(key)
        if entry is None:
            return None
        usage = Usage(cache_hits=1)
        if entry.status == "invalid":
            # Raised as it was the first time, so the caller salvages it the same way.
            raise ReaskExhausted(
                "still invalid after every re-ask (answer from the cache)",
                attempts=0,
                usage=usage,
                last_arguments=entry.body,
            )
        try:
            return Reply(value=response_model.model_validate_json(entry.body or ""), usage=usage)
        except ValidationError:
            # Stored under this key but no longer valid (a validator changed): ask again.
            self.cache.discard(key)
            return None

    async def _ask(
        self, messages: list[dict[str, str]], response_model: type[T], *, max_reasks: int
    ) -> Reply[T]:
        meter = _UsageMeter()
        policy = AsyncRetrying(
            stop=stop_after_attempt(max_reasks + 1),
            retry=retry_if_exception_type((ValidationError, json.JSONDecodeError)),
            reraise=True,
        )
        try:
            # No ``context=``: instructor would run every message through Jinja
            # and dedent it, altering article text. Validators get the source
            # from the response model instead (see extraction.py).
            value = await self._client.chat.completions.create(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                response_model=response_model,
                max_retries=policy,
                temperature=self.temperature,
                hooks=meter.hooks(),
            )
        except InstructorRetryException as exc:
            error = self._translate(exc, meter)
            _log.debug("%s", error, exc_info=exc)
            raise error from exc
        except IncompleteOutputException as exc:
            _log.debug("the answer was cut off", exc_info=exc)
            raise ExtractionError(
                "the model's answer was cut off (finish_reason=length); try a smaller --chunk-tokens",
                attempts=meter.usage.requests,
                usage=meter.usage,
            ) from exc
        return Reply(value=value, usage=meter.usage)

    def _translate(self, exc: InstructorRetryException, meter: _UsageMeter) -> ExtractionError:
        cause = exc.__cause__ or exc
        attempts = exc.n_attempts
        # Each attempt is one SDK call; the hook counts the calls that returned a
        # parsed completion. Fewer than the attempts: the last one got none.
        answered = meter.usage.requests >= attempts
        if isinstance(cause, openai.APIStatusError):
            error: ExtractionError = ModelAPIError(
                self._scrub(f"the endpoint answered HTTP {cause.status_code}: {_short(cause.message)}"),
                attempts=attempts,
                usage=meter.usage,
                status_code=cause.status_code,
            )
        elif isinstance(cause, openai.APITimeoutError):
            error = ModelAPIError(
                f"the endpoint did not answer in time ({self.endpoint})", attempts=attempts, usage=meter.usage
            )
        elif isinstance(cause, openai.APIConnectionError):
            inner = cause.__cause__
            if inner is not None and not isinstance(inner, (httpx2.TransportError, OSError)):
                # The SDK calls anything raised under it a connection error. Only
                # network faults are run failures; anything else (a bug, a test
                # harness refusing a request) must surface, not become a report line.
                raise inner
            if inner is None or isinstance(inner, httpx2.ConnectError):
                message = f"cannot connect to {self.endpoint}"
            else:
                # A reset or a close after the request was sent is no refused
                # connection: "cannot connect" sent users to check a server that was up.
                message = (
                    f"the connection to {self.endpoint} was dropped before an answer ({type(inner).__name__})"
                )
            error = ModelAPIError(message, attempts=attempts, usage=meter.usage)
        elif isinstance(cause, json.JSONDecodeError) and not answered:
            # The SDK raises a bare JSONDecodeError when an HTTP 200 body is not
            # JSON (cut short, an HTML page from a proxy). The re-ask policy
            # resends it, unable to tell it from bad JSON in a model's answer;
            # but no completion was parsed, so the endpoint is at fault, and
            # "still invalid after N attempt(s)" blamed the model.
            error = ModelAPIError(
                self._scrub(
                    f"the endpoint's response body is not valid JSON (truncated or malformed) after "
                    f"{attempts} attempt(s): {_short(str(cause))}"
                ),
                attempts=attempts,
                usage=meter.usage,
            )
        elif answered and (unusable := _unusable(meter.last)) is not None:
            # Checked before validation errors: in JSON modes a refusal or a
            # filtered answer also fails to parse, and "still invalid" hides why.
            error = ExtractionError(self._scrub(unusable), attempts=attempts, usage=meter.usage)
        elif isinstance(cause, (ValidationError, json.JSONDecodeError)):
            error = ReaskExhausted(
                self._scrub(f"still invalid after {attempts} attempt(s): {_short(str(cause))}"),
                attempts=attempts,
                usage=meter.usage,
                last_arguments=_arguments(exc.last_completion),
            )
        else:
            error = ExtractionError(
                self._scrub(f"model call failed: {_short(str(cause))}"), attempts=attempts, usage=meter.usage
            )
        return error

    def _scrub(self, message: str) -> str:
        return redact(message)

    async def aclose(self) -> None:
        await self._sdk.close()


def _tokens(usage: Usage | None) -> tuple[int, int]:
    usage = usage or Usage()
    return usage.prompt_tokens, usage.completion_tokens


def _validates(model: type[BaseModel], arguments: str | None) -> bool:
    if arguments is None:
        return False
    try:
        model.model_validate_json(arguments)
    except ValidationError:
        return False
    return True


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unusable(completion: Any) -> str | None:
    """Why an answer carries no extraction at all (no choices, a refusal, a content filter), or None.

    instructor reports these as "list index out of range", "No tool calls or
    function call found" or a re-ask failure; the report line should say what the
    endpoint did.
    """
    if completion is None:
        return None
    choices = getattr(completion, "choices", None)
    if not choices:
        return "the endpoint answered with no choices (an empty completion)"
    choice = choices[0]
    refusal = getattr(getattr(choice, "message", None), "refusal", None)
    if refusal:
        return f"the model refused to answer: {_short(str(refusal))}"
    if getattr(choice, "finish_reason", None) == "content_filter":
        return "the endpoint's content filter blocked the answer (finish_reason=content_filter)"
    return None


def _arguments(completion: Any) -> str | None:
    """The JSON the model returned, from a tool call or from the message content."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    calls = getattr(message, "tool_calls", None) or []
    if calls:
        return str(calls[0].function.arguments)
    content = getattr(message, "content", None)
    return content if isinstance(content, str) else None
