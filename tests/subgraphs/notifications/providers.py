"""Loopback stand-ins that speak the push providers' protocols, for tests.

- `FcmServer`: Google's OAuth2 token endpoint (verifies the service account's RS256
  assertion, issues bearer tokens) and FCM HTTP v1 `messages:send` (accepts only tokens
  it issued), over HTTP/1.1 as Google's front ends also accept.
- `Twilio`: the Messages API (`POST /2010-04-01/Accounts/{sid}/Messages.json`) with
  basic auth and a form body.
- `ApnsServer`: APNs over TLS with ALPN `h2`, a real HTTP/2 server on the `h2` state
  machine, that verifies each request's ES256 provider token.
"""

from __future__ import annotations

import asyncio
import base64
import json
import secrets
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import h2.config
import h2.connection
import h2.events
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from common.serving import serve_in_loop

PROJECT = "lifegraph-test"
SCOPE = "https://www.googleapis.com/auth/firebase.messaging"

# (status, JSON body, extra headers): what a provider answers one request.
Answer = tuple[int, dict[str, Any] | None, dict[str, str]]


def _pem(key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@dataclass
class FcmServer:
    url: str = ""
    key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    client_email: str = "push@lifegraph-test.iam.gserviceaccount.com"
    expires_in: int = 3600
    issued: set[str] = field(default_factory=set)
    token_requests: int = 0
    # Per device token, answers to give in turn (the last one repeats); default 200.
    answers: dict[str, list[Answer]] = field(default_factory=dict)
    # Every accepted-for-processing request: (device token, the message's JSON).
    received: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    bodies: list[bytes] = field(default_factory=list)

    @property
    def token_uri(self) -> str:
        return f"{self.url}/token"

    def service_account_json(self) -> str:
        return json.dumps(
            {
                "type": "service_account",
                "project_id": PROJECT,
                "private_key_id": "key-1",
                "private_key": _pem(self.key),
                "client_email": self.client_email,
                "token_uri": self.token_uri,
            }
        )

    async def token(self, request: Request) -> Response:
        form = await request.form()
        if form.get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer":
            return JSONResponse({"error": "unsupported_grant_type"}, status_code=400)
        public = RSAKey.import_key(
            self.key.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode()
        )
        try:
            token = jwt.decode(str(form.get("assertion")), public, algorithms=["RS256"])
        except (JoseError, ValueError):
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        claims = token.claims
        if (
            token.header.get("alg") != "RS256"
            or claims.get("iss") != self.client_email
            or claims.get("aud") != self.token_uri
            or claims.get("scope") != SCOPE
            or int(claims["exp"]) - int(claims["iat"]) > 3600
        ):
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        self.token_requests += 1
        access = f"ya29.{secrets.token_urlsafe(16)}"
        self.issued.add(access)
        body = {"access_token": access, "expires_in": self.expires_in, "token_type": "Bearer"}
        return JSONResponse(body)

    async def send(self, request: Request) -> Response:
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        if bearer not in self.issued:
            return JSONResponse(
                {"error": {"code": 401, "status": "UNAUTHENTICATED"}}, status_code=401
            )
        if request.path_params["project"] != PROJECT:
            return JSONResponse({"error": {"code": 403, "status": "PERMISSION_DENIED"}}, 403)
        raw = await request.body()
        message = json.loads(raw)["message"]
        device = message["token"]
        queue = self.answers.get(device) or [(200, None, {})]
        status, body, headers = queue.pop(0) if len(queue) > 1 else queue[0]
        if status == 200:
            self.received.append((device, message))
            self.bodies.append(raw)
            body = {"name": f"projects/{PROJECT}/messages/{len(self.received)}"}
        return JSONResponse(body or {}, status_code=status, headers=headers)


def unregistered() -> Answer:
    error = {
        "code": 404,
        "message": "Requested entity was not found.",
        "status": "NOT_FOUND",
        "details": [
            {
                "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
                "errorCode": "UNREGISTERED",
            }
        ],
    }
    return (404, {"error": error}, {})


@asynccontextmanager
async def fcm_server() -> AsyncIterator[FcmServer]:
    server = FcmServer()
    app = Starlette(
        routes=[
            Route("/token", server.token, methods=["POST"]),
            Route("/v1/projects/{project}/messages:send", server.send, methods=["POST"]),
        ]
    )
    async with serve_in_loop(app) as url:
        server.url = url
        yield server


@dataclass
class ApnsRequest:
    headers: dict[str, str]
    body: dict[str, Any]
    size: int
    provider_token: str


@dataclass
class ApnsServer:
    team_id: str = "TEAM123456"
    key_id: str = "KEY1234567"
    key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    port: int = 0
    answers: dict[str, list[Answer]] = field(default_factory=dict)
    received: list[ApnsRequest] = field(default_factory=list)
    # The protocol each TLS connection agreed on (ALPN): "h2" for real HTTP/2.
    alpn: list[str | None] = field(default_factory=list)
    refused_tokens: int = 0

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def private_key_pem(self) -> str:
        return _pem(self.key)

    def _verify(self, authorization: str) -> str | None:
        token = authorization.removeprefix("bearer ")
        public = ECKey.import_key(
            self.key.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode()
        )
        try:
            decoded = jwt.decode(token, public, algorithms=["ES256"])
        except (JoseError, ValueError):
            return None
        if decoded.header.get("kid") != self.key_id or decoded.claims.get("iss") != self.team_id:
            return None
        return token

    def _answer(self, headers: dict[str, str], raw: bytes) -> Answer:
        token = self._verify(headers.get("authorization", ""))
        if token is None:
            self.refused_tokens += 1
            return (403, {"reason": "InvalidProviderToken"}, {})
        path = headers.get(":path", "")
        if headers.get(":method") != "POST" or not path.startswith("/3/device/"):
            return (405, {"reason": "MethodNotAllowed"}, {})
        if not headers.get("apns-topic"):
            return (400, {"reason": "MissingTopic"}, {})
        if len(raw) > 4096:
            return (413, {"reason": "PayloadTooLarge"}, {})
        device = path.removeprefix("/3/device/")
        queue = self.answers.get(device) or [(200, None, {})]
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if answer[0] == 200:
            self.received.append(ApnsRequest(headers, json.loads(raw), len(raw), token))
        return answer

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        ssl_object = writer.get_extra_info("ssl_object")
        self.alpn.append(ssl_object.selected_alpn_protocol() if ssl_object else None)
        conn = h2.connection.H2Connection(
            config=h2.config.H2Configuration(client_side=False, header_encoding="utf-8")
        )
        conn.initiate_connection()
        writer.write(conn.data_to_send())
        streams: dict[int, tuple[dict[str, str], bytearray]] = {}
        try:
            while data := await reader.read(65535):
                for event in conn.receive_data(data):
                    if isinstance(event, h2.events.RequestReceived):
                        headers = {str(k): str(v) for k, v in event.headers or []}
                        streams[event.stream_id or 0] = (headers, bytearray())
                    elif isinstance(event, h2.events.DataReceived):
                        streams[event.stream_id or 0][1].extend(event.data or b"")
                        conn.acknowledge_received_data(
                            event.flow_controlled_length or 0, event.stream_id or 0
                        )
                    elif isinstance(event, h2.events.StreamEnded):
                        headers, raw = streams.pop(event.stream_id or 0)
                        status, body, extra = self._answer(headers, bytes(raw))
                        payload = json.dumps(body).encode() if body else b""
                        reply = [(":status", str(status)), ("apns-id", secrets.token_hex(16))]
                        reply += list(extra.items())
                        conn.send_headers(event.stream_id or 0, reply, end_stream=not payload)
                        if payload:
                            conn.send_data(event.stream_id or 0, payload, end_stream=True)
                    elif isinstance(event, h2.events.ConnectionTerminated):
                        return
                writer.write(conn.data_to_send())
                await writer.drain()
        except (ConnectionError, ssl.SSLError):
            return
        finally:
            writer.close()


@asynccontextmanager
async def apns_server(server_tls: ssl.SSLContext) -> AsyncIterator[ApnsServer]:
    """APNs on loopback over TLS (`server_tls` must carry the certificate) and HTTP/2 only."""
    apns = ApnsServer()
    server_tls.set_alpn_protocols(["h2"])
    server = await asyncio.start_server(apns.handle, "127.0.0.1", 0, ssl=server_tls)
    apns.port = server.sockets[0].getsockname()[1]
    try:
        yield apns
    finally:
        server.close()
        await server.wait_closed()


@dataclass
class Twilio:
    sid: str
    auth_token: str
    url: str = ""
    # Answers to give in turn before accepting: (status, headers).
    answers: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    received: list[dict[str, str]] = field(default_factory=list)

    async def messages(self, request: Request) -> Response:
        expected = base64.b64encode(f"{self.sid}:{self.auth_token}".encode()).decode()
        if request.headers.get("authorization") != f"Basic {expected}":
            return JSONResponse({"code": 20003, "message": "Authenticate"}, status_code=401)
        if request.path_params["sid"] != self.sid:
            return JSONResponse({"code": 20404}, status_code=404)
        status, headers = self.answers.pop(0) if self.answers else (201, {})
        if status != 201:
            return JSONResponse({"code": 20429}, status_code=status, headers=headers)
        form = {k: str(v) for k, v in (await request.form()).items()}
        self.received.append(form)
        return JSONResponse({"sid": f"SM{len(self.received):032d}", "status": "queued"}, 201)


@asynccontextmanager
async def twilio_server(sid: str, auth_token: str) -> AsyncIterator[Twilio]:
    server = Twilio(sid, auth_token)
    path = "/2010-04-01/Accounts/{sid}/Messages.json"
    app = Starlette(routes=[Route(path, server.messages, methods=["POST"])])
    async with serve_in_loop(app) as url:
        server.url = url
        yield server
