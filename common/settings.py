"""Settings, read from the environment, in one section per process that reads them.

Every process validates only its own section: `CommonSettings` (what every process
reads), `RouterSettings`, `SubgraphSettings` (what every subgraph process reads) and
one section per subgraph (`UsersSettings`, ...). Sections hold their own fields and
their own production requirements; the embedded one-process host (`lifegraph up`)
uses `Settings`, which inherits every section. Code annotates the narrowest section
it reads, so mypy proves a process reads only what it validated. The environment
variable names are the fields' names with the `LIFEGRAPH_` prefix, whatever the
section (docs/operations.md "Settings").

    settings = load_settings(UsersSettings)  # at start: raises MissingSettings by name
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeVar

from pydantic import AliasChoices, BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from common.clientaddr import parse_networks
from common.events.topology import QueueType

ENV_PREFIX = "LIFEGRAPH_"


def _env(name: str) -> AliasChoices:
    # The plain names (MONGODB_URL, ...) are what container platforms and
    # compose files conventionally set; the prefixed form wins when both exist.
    return AliasChoices(f"{ENV_PREFIX}{name}", name)


class Environment(StrEnum):
    """Where a process runs. Development and test relax what production requires."""

    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


@dataclass(frozen=True, slots=True)
class OpenAIEndpoint:
    """One OpenAI-compatible provider as a section's settings name it: where, with which
    key and model, and how long a call may take (`common/openai_compat.py` calls it)."""

    base_url: str
    api_key: SecretStr | None
    model: str
    timeout_seconds: float


def openai_endpoint(
    base_url: str | None, api_key: SecretStr | None, model: str, timeout_seconds: float
) -> OpenAIEndpoint | None:
    """The provider these four settings name, or None when no base URL is set (off)."""
    if not base_url:
        return None
    return OpenAIEndpoint(
        base_url=base_url, api_key=api_key, model=model, timeout_seconds=timeout_seconds
    )


class MissingSettings(ValueError):
    """Settings a process requires in its environment are unset; the message names them."""

    def __init__(self, environment: Environment, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(
            f"missing settings for the {str(environment)!r} environment: {'; '.join(missing)}"
        )


class OAuthProviderSettings(BaseModel):
    """One OpenID Connect provider the users subgraph can sign people in with."""

    discovery_url: str
    client_id: str
    client_secret: SecretStr | None = None
    # Apple: no static secret; the client secret is an ES256 JWT signed with this key.
    team_id: str | None = None
    key_id: str | None = None
    private_key: SecretStr | None = None
    scopes: list[str] = Field(default_factory=lambda: ["openid", "email", "profile"])


class RateLimit(BaseModel):
    """At most `limit` actions per user in a fixed window of `window_seconds`."""

    limit: int = Field(gt=0)
    window_seconds: int = Field(gt=0)


class CommonSettings(BaseSettings):
    """What every process reads: the router, each subgraph and the embedded host."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_file=".env",
        extra="ignore",
        populate_by_name=True,
    )

    environment: Environment = Environment.DEVELOPMENT
    log_level: str = "INFO"
    log_json: bool = True

    # Unset, the Redis URL selects the in-process implementations.
    redis_url: str | None = Field(default=None, validation_alias=_env("REDIS_URL"))
    redis_prefix: str = "lifegraph"

    # Embedded default (`lifegraph up`).
    data_dir: Path = Path(".lifegraph")
    host: str = "127.0.0.1"
    port: int = 4000
    # Served processes: how long open connections (WebSockets, slow requests)
    # may keep a stopping server from shutting down before they are closed.
    shutdown_timeout_seconds: int = 10
    # Young-generation size of the cycle collector in served processes (see
    # common/gctuning.py); None keeps CPython's default of 700.
    gc_young_threshold: int | None = 50_000

    # Tokens. The users subgraph signs; everyone else verifies against the JWKS.
    jwt_issuer: str = "https://lifegraph.local"
    jwt_audience: str = "lifegraph"
    jwks_url: str = "http://127.0.0.1:4000/subgraphs/users/.well-known/jwks.json"
    jwks_cache_seconds: int = 300

    # The one list of proxies (addresses or CIDR networks) whose word about the client
    # address is believed: by the router for X-Forwarded-For, by subgraphs for the
    # router's X-LifeGraph-Client-IP (common/clientaddr.py). Loopback covers the
    # embedded default, where the router calls its subgraphs on 127.0.0.1.
    trusted_proxies: list[str] = Field(default_factory=lambda: ["127.0.0.1"])

    # Operation limits, the same at the router and at every subgraph (docs/security.md
    # "Limits"); None turns one off.
    graphql_max_depth: int | None = 15
    graphql_max_aliases: int | None = 30
    graphql_max_height: int | None = 500
    graphql_max_tokens: int | None = 20_000
    graphql_default_list_size: int = 10
    # Entries of every list in one request's variables together: past it the request
    # is refused before its arguments are converted, which costs tens of microseconds
    # an entry on the event loop (a goal template, the largest legitimate input, holds
    # 1,100).
    graphql_max_input_items: int | None = 2_000
    # The static cost limit (the router's name, checked at subgraphs as well).
    router_max_cost: int | None = 50_000

    # Transport (docs/security.md "Transport"). Request bodies past this get 413,
    # at the router and at every subgraph.
    max_request_body_bytes: int = Field(default=1 << 20, gt=0)
    # Sent by the router on every subgraph call; with it set, subgraphs answer no one
    # else. Required outside development and test.
    router_secret: SecretStr | None = None

    @property
    def local_environment(self) -> bool:
        """Development or the test suite, where missing secrets get local stand-ins."""
        # A plain string put in by `model_copy(update=...)` compares equal too.
        return self.environment in (Environment.DEVELOPMENT, Environment.TEST)

    @field_validator("environment", mode="before")
    @classmethod
    def _environment_case(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies_parse(cls, value: list[str]) -> list[str]:
        parse_networks(value)
        return value

    def missing_settings(self) -> list[str]:
        """What this section requires in its environment and is unset: one entry per
        setting, its environment variable first. Each section adds its own (`super()`)."""
        missing = []
        if self.router_secret is None and not self.local_environment:
            missing.append(
                f"{ENV_PREFIX}ROUTER_SECRET (subgraphs accept calls only from the router)"
            )
        return missing


class RouterSettings(CommonSettings):
    """The router's edge: rate limit, batching, timeouts, browsers, introspection."""

    # Requests per window per user (or per IP when anonymous). Proxies in front of
    # the router: `trusted_proxies`.
    router_rate_limit: int | None = 1200
    router_rate_limit_window_seconds: int = 60
    router_idempotency_ttl_seconds: int = 86_400
    # Operations one POST may batch (a JSON array, Apollo's BatchHttpLink); each counts
    # against the rate limit and the operation limits as if sent alone.
    router_max_batch_size: int = Field(default=10, ge=1)
    # Not a setting any more: replaced by `trusted_proxies`. A hop count cannot be turned
    # into addresses, so any value but 0 stops start-up with a message saying what to set.
    router_trusted_proxy_hops: int = 0
    # Seconds the router waits for one subgraph request: the default, and per subgraph
    # (env as JSON: LIFEGRAPH_ROUTER_SUBGRAPH_TIMEOUTS='{"coach": 90}'). The
    # `--subgraph-timeout` flag overrides both.
    router_subgraph_timeout_seconds: float = Field(default=30.0, gt=0)
    router_subgraph_timeouts: dict[str, float] = Field(default_factory=dict)
    # Identical in-flight subgraph requests of queries share one request (docs/router.md).
    router_deduplicate_subgraph_requests: bool = True
    # OpenTelemetry: the router's spans (request, plan, each fetch) go to this OTLP/HTTP
    # traces URL, e.g. http://otel-collector:4318/v1/traces. Unset: none are exported.
    otlp_traces_endpoint: str | None = None
    otlp_service_name: str = "lifegraph-router"
    # Circuit breaker per subgraph: this many consecutive failures open it for the
    # cool-down (docs/router.md "Circuit breakers"); 0 turns it off.
    router_circuit_breaker_failures: int = Field(default=5, ge=0)
    router_circuit_breaker_cooldown_seconds: float = Field(default=10.0, gt=0)
    # Browser origins allowed to call the router (CORS) and to open its WebSockets.
    # Set, the list replaces the defaults; unset, development and test allow the usual
    # dev servers on localhost and 127.0.0.1 and other environments refuse to start
    # (common/transport/cors.py).
    cors_origins: list[str] | None = None
    # Origins other than its own the web app at `/` may load images from and upload
    # files to: the media storage's when it is not this server (an S3 bucket's, e.g.
    # "https://s3.us-east-1.amazonaws.com"). Its Content-Security-Policy names them.
    web_media_origins: list[str] = Field(default_factory=list)
    # Schema introspection at the router; None: on in development and test only.
    router_introspection: bool | None = None
    # Automatic persisted queries live this long in Redis after their last registration.
    apq_ttl_seconds: int = Field(default=24 * 3600, gt=0)
    # Which client headers go to which subgraph, in Apollo Router's `headers` shape (env
    # as JSON: LIFEGRAPH_ROUTER_HEADER_RULES='{"all": [{"propagate": {"named":
    # "accept-language"}}]}'); docs/router.md "Header rules". Checked at start.
    router_header_rules: dict[str, Any] = Field(default_factory=dict)
    # Retries of queries after a transient subgraph failure: at most this many per
    # request (0: none), within a budget of this share of recent requests plus a floor
    # per second (docs/router.md "Retries").
    router_retry_attempts: int = Field(default=2, ge=0)
    router_retry_budget_ratio: float = Field(default=0.2, ge=0)
    router_retry_min_per_second: float = Field(default=10.0, ge=0)

    @field_validator("router_trusted_proxy_hops")
    @classmethod
    def _hops_replaced(cls, value: int) -> int:
        if value:
            raise ValueError(
                "router_trusted_proxy_hops was replaced by trusted_proxies: list the "
                "addresses or CIDR networks of the proxies in front of the router"
            )
        return value

    def missing_settings(self) -> list[str]:
        missing = super().missing_settings()
        if self.cors_origins is None and not self.local_environment:
            missing.append(
                f"{ENV_PREFIX}CORS_ORIGINS (a JSON list of your apps' browser origins, "
                "or [] for none)"
            )
        return missing


class SubgraphSettings(CommonSettings):
    """What every subgraph process reads: its database, the event bus, the outbox, mail."""

    mongodb_url: str = Field(
        default="mongodb://127.0.0.1:27017", validation_alias=_env("MONGODB_URL")
    )
    database_prefix: str = "lifegraph"
    # Durability of every client LifeGraph opens (docs/operations.md). "majority"
    # with the journal means an acknowledged write survives a crash of the
    # server, and of a minority of a replica set; reads that must see earlier
    # writes use the majority read concern so they never see a write a failover
    # rolls back. Lower only for throwaway data.
    mongodb_write_concern: str = "majority"  # or a number of nodes: "1"
    mongodb_journal: bool = True
    mongodb_read_concern: str = "majority"
    # Each process creates its collections' indexes at start (idempotent). A cluster
    # turns this off and runs `lifegraph indexes` once per rollout instead (the k8s
    # Job), so replicas do not race to build the same index (docs/deployment.md).
    mongodb_create_indexes: bool = True
    # Unset, the AMQP URL selects the in-process bus.
    amqp_url: str | None = Field(default=None, validation_alias=_env("AMQP_URL"))
    events_exchange: str = "lifegraph.events"
    # Consumer queues are quorum queues (replicated, survive a broker node's loss)
    # unless set; classic is the default only in development and tests, where one
    # broker node is all there is. See docs/events.md before changing a live system.
    events_queue_type: QueueType | None = None
    # Tests set this so their queues vanish once unused; production queues live forever.
    events_queue_expires_ms: int | None = None
    # Unacknowledged deliveries per consumer channel: how many events are in flight at once.
    events_prefetch: int = 64
    # A failed delivery waits in a delay queue before it is retried; the n-th retry
    # uses the n-th delay (the last one repeats). After `events_max_retries`
    # retries the event goes to the consumer's dead-letter queue.
    events_retry_delays_ms: list[int] = Field(default_factory=lambda: [1_000, 5_000, 30_000])
    events_max_retries: int = 3

    # The outbox relay. A user's events always land in the same shard; one
    # replica at a time holds a shard's lease, so per-user order survives replicas.
    outbox_shards: int = 8
    outbox_lease_seconds: float = 15.0
    # How often the relay looks for rows it was not woken for (other replicas, restarts).
    outbox_poll_seconds: float = 1.0
    outbox_batch_size: int = 500
    outbox_retention_seconds: int = 24 * 3600
    # The relay's back-off cap while the broker is down: how late it may notice its return.
    outbox_max_backoff_seconds: float = 30.0

    # Key for signing pagination cursors (common/cursors.py); set the same value on
    # every replica. Unset: a per-process random key (fine for one process).
    cursor_secret: SecretStr | None = None

    # Outbound calls to URLs a user or a third party chose (push endpoints, OIDC
    # documents, the coach) go only to public addresses over https (common/urlguard.py).
    # Networks listed here may be called anyway, over http too: tests' stand-ins, an
    # in-cluster coach. Push endpoints can then reach them as well: list the narrowest.
    outbound_allowed_networks: list[str] = Field(default_factory=list)

    # Mail. Without an SMTP host, mail goes to the log (subgraphs that must send
    # mail refuse to start without one outside development and test).
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = True
    mail_from: str = "LifeGraph <no-reply@lifegraph.local>"
    # Where links in mails and pushes point.
    public_base_url: str = "http://127.0.0.1:4000"

    # SMS (common/sms.py): a Twilio-compatible API when an account SID is set, else in
    # development and test the dev mailbox (`lifegraph mail`), else no SMS at all.
    sms_account_sid: str | None = None
    sms_auth_token: SecretStr | None = None
    # The sender: a number in E.164 or a messaging service SID ("MG...").
    sms_from: str | None = None
    sms_base_url: str = "https://api.twilio.com"

    # Object storage (common/storage/, docs/media.md). Every subgraph reads it: media
    # keeps files there, and each subgraph writes its part of a data export there.
    # "local": files under `media_local_dir` (default `<data_dir>/media`), their URLs
    # served by the media subgraph; "s3": an S3-compatible service.
    media_storage: Literal["local", "s3"] = "local"
    media_local_dir: Path | None = None
    # Where the local backend's URLs point; default `http://<host>:<port>/subgraphs/media/storage`.
    media_local_base_url: str | None = None
    # Signs the local backend's URLs; required outside development and test.
    media_signing_secret: SecretStr | None = None
    s3_bucket: str = "lifegraph-media"
    s3_endpoint_url: str | None = None
    s3_region: str = "us-east-1"
    s3_access_key_id: str | None = None
    s3_secret_access_key: SecretStr | None = None
    # Development and tests create the bucket when missing; production provisions it.
    s3_create_bucket: bool = False

    # Sections of subgraphs whose mail must not vanish (reset links, notifications)
    # say so: outside development and test they require an SMTP host
    # (common/mail.py, `require_transport`).
    sends_mail: ClassVar[bool] = False

    @field_validator("outbound_allowed_networks")
    @classmethod
    def _networks_parse(cls, value: list[str]) -> list[str]:
        parse_networks(value)
        return value

    def database_name(self, subgraph: str) -> str:
        return f"{self.database_prefix}_{subgraph}"

    @property
    def queue_type(self) -> QueueType:
        """`events_queue_type`, or quorum outside development and tests."""
        if self.events_queue_type is not None:
            return self.events_queue_type
        return QueueType.CLASSIC if self.local_environment else QueueType.QUORUM

    def missing_settings(self) -> list[str]:
        missing = super().missing_settings()
        if self.sends_mail and self.smtp_host is None and not self.local_environment:
            missing.append(f"{ENV_PREFIX}SMTP_HOST (this subgraph sends mail)")
        return missing


class UsersSettings(SubgraphSettings):
    """The users subgraph: signing keys, sessions, sign-in throttling, OIDC providers."""

    sends_mail: ClassVar[bool] = True

    # A JWK Set (JSON) of private signing keys; the first key signs, all verify.
    # Unset in development: `lifegraph up` generates one under data_dir.
    jwt_private_jwks: SecretStr | None = None
    jwt_private_jwks_file: Path | None = None
    access_token_ttl_seconds: int = 15 * 60
    refresh_token_ttl_seconds: int = 30 * 24 * 3600
    # The reuse interval: for this long after a refresh token was rotated, presenting it
    # again returns the same new pair (parallel refreshes), not a revoked family. 0: off.
    refresh_token_reuse_grace_seconds: float = Field(default=5.0, ge=0)

    # Login throttling.
    login_max_failures_per_account: int = 5
    login_max_failures_per_ip: int = 20
    login_failure_window_seconds: int = 15 * 60

    # Phone verification by texted code: how long a code lasts, guesses per code, and
    # codes sent per number and per member in an hour (RATE_LIMITED past either).
    phone_code_ttl_seconds: int = Field(default=600, gt=0)
    phone_code_max_attempts: int = Field(default=5, gt=0)
    phone_codes_per_number_per_hour: int = Field(default=3, gt=0)
    phone_codes_per_user_per_hour: int = Field(default=5, gt=0)

    # Sign-in with OpenID Connect providers, by name ("google", "apple"), as JSON in the env.
    oauth_providers: dict[str, OAuthProviderSettings] = Field(default_factory=dict)

    def missing_settings(self) -> list[str]:
        missing = super().missing_settings()
        # Keys are generated only in development (subgraphs/users/service/signing.py).
        no_keys = self.jwt_private_jwks is None and self.jwt_private_jwks_file is None
        if no_keys and self.environment != Environment.DEVELOPMENT:
            missing.append(
                f"{ENV_PREFIX}JWT_PRIVATE_JWKS or {ENV_PREFIX}JWT_PRIVATE_JWKS_FILE "
                "(the users subgraph's signing keys)"
            )
        return missing


class GoalsSettings(SubgraphSettings):
    """The goals subgraph: the calendar's bounds."""

    # The longest window one `calendar` query may ask for, the most occurrences one
    # response may hold, and the CPU time its expansion may take (in a worker
    # thread); past any of them the query gets BAD_USER_INPUT.
    goals_calendar_max_days: int = Field(default=366, gt=0)
    goals_calendar_max_occurrences: int = Field(default=5000, gt=0)
    goals_calendar_budget_seconds: float = Field(default=2.0, gt=0)


class CommunitySettings(SubgraphSettings):
    """The community subgraph: moderation and write throttles."""

    # Posts containing any of these words (matched on normalised tokens, accents
    # and case ignored) are held for moderator review.
    community_word_filter: list[str] = Field(default_factory=list)
    # Write throttles per user (fixed windows, in Redis when configured); None (set
    # in code) turns one off. Env as JSON: '{"limit": 30, "window_seconds": 3600}'.
    community_post_rate: RateLimit | None = RateLimit(limit=30, window_seconds=3600)
    community_comment_rate: RateLimit | None = RateLimit(limit=120, window_seconds=3600)
    community_like_rate: RateLimit | None = RateLimit(limit=600, window_seconds=3600)
    community_report_rate: RateLimit | None = RateLimit(limit=20, window_seconds=3600)


class ChatSettings(SubgraphSettings):
    """The chat subgraph: its AI coach."""

    # Without a base URL the offline rule-based coach answers; with one, an
    # OpenAI-compatible chat-completions endpoint streams the replies.
    coach_openai_base_url: str | None = None
    coach_openai_api_key: SecretStr | None = None
    coach_openai_model: str = "gpt-4o-mini"
    coach_openai_timeout_seconds: float = 60.0


class NotificationsSettings(SubgraphSettings):
    """The notifications subgraph: web push, mail and delivery."""

    sends_mail: ClassVar[bool] = True

    # Web push (VAPID). The private key is py_vapid's format (base64url DER or PEM);
    # without it the push channel is off.
    vapid_private_key: SecretStr | None = None
    vapid_subject: str = "mailto:no-reply@lifegraph.local"
    # Mobile push. FCM HTTP v1: the service account's JSON (as downloaded from the
    # Firebase console), or its fields one by one; without either FCM is off.
    fcm_service_account_json: SecretStr | None = None
    fcm_project_id: str | None = None
    fcm_client_email: str | None = None
    fcm_private_key: SecretStr | None = None
    fcm_private_key_id: str | None = None
    fcm_token_uri: str = "https://oauth2.googleapis.com/token"  # noqa: S105 - a URL
    fcm_base_url: str = "https://fcm.googleapis.com"
    # APNs: the .p8 signing key (PEM), its key id and the team id; without them APNs is
    # off. The sandbox is https://api.sandbox.push.apple.com. `apns_ca_file` adds a CA to
    # trust (a private gateway; tests' loopback server).
    apns_key_id: str | None = None
    apns_team_id: str | None = None
    apns_private_key: SecretStr | None = None
    apns_base_url: str = "https://api.push.apple.com"
    apns_ca_file: Path | None = None
    # Devices one user may register (a new one past it replaces their oldest).
    notifications_max_devices: int = Field(default=20, gt=0)

    # Push services whose endpoints may be registered (a host or its subdomains, e.g.
    # "fcm.googleapis.com", "push.services.mozilla.com", "notify.windows.com",
    # "push.apple.com"); empty accepts any public https host.
    push_services: list[str] = Field(default_factory=list)

    # Delivery: seconds between dispatcher passes (0 turns the loop off, e.g. when a
    # test drives `dispatch_pending` itself), attempts before a delivery is FAILED,
    # and the window in which a burst collapses into one.
    notifications_dispatch_interval_seconds: float = 5.0
    notifications_max_attempts: int = 5
    notifications_group_window_seconds: int = 600
    # The same for chat messages to offline members: their push waits at most this long.
    notifications_message_group_window_seconds: int = 60
    # How long a `notificationAdded` subscriber counts as online without a heartbeat.
    notifications_presence_ttl_seconds: int = 60


class AnalyticsSettings(SubgraphSettings):
    """The analytics subgraph: nothing beyond what every subgraph reads, yet."""


class MediaSettings(SubgraphSettings):
    """The media subgraph: object storage, signed URLs and upload limits (docs/media.md)."""

    # How long a presigned upload URL and a signed download URL stay valid.
    media_upload_url_seconds: int = Field(default=900, ge=0)
    media_download_url_seconds: int = Field(default=3600, gt=0)
    # How long a finished data export stays downloadable (docs/media.md, "Data export").
    export_retention_seconds: int = Field(default=7 * 24 * 3600, gt=0)
    # A job not finished by then (a part never came) is FAILED, and a new one may start.
    export_timeout_seconds: int = Field(default=3600, gt=0)
    # Per user: bytes stored and uploads started per day (RATE_LIMITED past either).
    media_quota_bytes: int = 500 << 20
    media_daily_uploads: int = 200
    # Uploads never completed are removed after this long.
    media_pending_ttl_seconds: int = 24 * 3600
    media_sweep_interval_seconds: float = 600.0
    # Voice messages are transcribed by an OpenAI-compatible `/audio/transcriptions`
    # endpoint when a base URL is set (e.g. https://api.openai.com/v1); none by default:
    # the audio is kept and its transcript stays absent.
    transcription_openai_base_url: str | None = None
    transcription_openai_api_key: SecretStr | None = None
    transcription_openai_model: str = "whisper-1"
    transcription_openai_timeout_seconds: float = 60.0
    # The coach answers a voice message in speech too when a base URL is set: an
    # OpenAI-compatible `/audio/speech` endpoint says the reply's text, the audio is kept
    # as a voice message on the reply (docs/media.md "Spoken replies"). Off by default.
    # The format must be one voice messages accept (mp3, opus in Ogg, wav).
    speech_openai_base_url: str | None = None
    speech_openai_api_key: SecretStr | None = None
    speech_openai_model: str = "tts-1"
    speech_openai_voice: str = "alloy"
    speech_openai_format: Literal["mp3", "opus", "wav"] = "mp3"
    speech_openai_timeout_seconds: float = 30.0

    @property
    def transcription_endpoint(self) -> OpenAIEndpoint | None:
        return openai_endpoint(
            self.transcription_openai_base_url,
            self.transcription_openai_api_key,
            self.transcription_openai_model,
            self.transcription_openai_timeout_seconds,
        )

    @property
    def speech_endpoint(self) -> OpenAIEndpoint | None:
        return openai_endpoint(
            self.speech_openai_base_url,
            self.speech_openai_api_key,
            self.speech_openai_model,
            self.speech_openai_timeout_seconds,
        )

    def missing_settings(self) -> list[str]:
        missing = super().missing_settings()
        if (
            self.media_storage == "local"
            and self.media_signing_secret is None
            and not self.local_environment
        ):
            missing.append(f"{ENV_PREFIX}MEDIA_SIGNING_SECRET (signs local media URLs)")
        return missing


class Settings(
    RouterSettings,
    UsersSettings,
    GoalsSettings,
    CommunitySettings,
    ChatSettings,
    NotificationsSettings,
    AnalyticsSettings,
    MediaSettings,
):
    """Every section: the embedded one-process host (`lifegraph up`), tests and tools."""


SettingsT = TypeVar("SettingsT", bound=CommonSettings)


def load_settings(section: type[SettingsT]) -> SettingsT:
    """A process's section, read from the environment and checked at start: raises
    `MissingSettings` naming every setting its environment requires and lacks."""
    return require_settings(section())


def require_settings(settings: SettingsT) -> SettingsT:
    """`settings` unchanged, or `MissingSettings` naming what its environment requires."""
    missing = settings.missing_settings()
    if missing:
        raise MissingSettings(settings.environment, missing)
    return settings


@lru_cache
def get_settings() -> Settings:
    return Settings()
