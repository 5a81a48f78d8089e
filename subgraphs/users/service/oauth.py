"""Accounts from OpenID Connect identities: sign in, link by verified email, or create."""

from __future__ import annotations

import secrets
from datetime import timedelta

from authlib.common.security import generate_token

from common.errors import BadUserInput, Forbidden, Unauthenticated
from common.events import OutboxPublisher, OutboxTransaction
from subgraphs.users import events
from subgraphs.users.domain.validation import MAX_DISPLAY_NAME, normalise_email
from subgraphs.users.models import OAuthIdentity, OAuthState, User, utcnow
from subgraphs.users.repository import Repositories
from subgraphs.users.service.auth import AuthService
from subgraphs.users.service.oidc import OidcProvider, ProvenIdentity
from subgraphs.users.service.sessions import Session, Sessions

STATE_TTL = timedelta(minutes=10)


class _EmailTaken(Exception):
    pass


class OAuthService:
    def __init__(
        self,
        repos: Repositories,
        sessions: Sessions,
        auth: AuthService,
        providers: dict[str, OidcProvider],
        publisher: OutboxPublisher,
    ) -> None:
        self._repos = repos
        self._sessions = sessions
        self._auth = auth
        self._providers = providers
        self._publisher = publisher

    async def start(self, provider: str, redirect_uri: str) -> tuple[str, str]:
        """The URL to send the browser to, and the state that will come back with the code."""
        oidc = self._provider(provider)
        if not redirect_uri.startswith(("https://", "http://")):
            raise BadUserInput("The redirect URI must be an http(s) URL.", field="redirectUri")
        state = OAuthState(
            state=secrets.token_urlsafe(32),
            provider=provider,
            nonce=secrets.token_urlsafe(32),
            code_verifier=generate_token(64),
            redirect_uri=redirect_uri,
            expires_at=utcnow() + STATE_TTL,
        )
        url = await oidc.authorization_url(
            redirect_uri=redirect_uri,
            state=state.state,
            nonce=state.nonce,
            code_verifier=state.code_verifier,
        )
        await self._repos.oauth_states.insert(state)
        return url, state.state

    async def finish(
        self, provider: str, *, code: str, state: str, totp_code: str | None
    ) -> Session:
        oidc = self._provider(provider)
        saved = await self._repos.oauth_states.take(state, provider, at=utcnow())
        if saved is None:
            raise Unauthenticated("This sign-in attempt is unknown or has expired; start again.")
        identity = await oidc.exchange(
            code=code,
            redirect_uri=saved.redirect_uri,
            code_verifier=saved.code_verifier,
            nonce=saved.nonce,
        )
        user = await self._account_for(provider, identity)
        await self._auth.require_second_factor(user, totp_code)
        return await self._sessions.start(user)

    async def _account_for(self, provider: str, identity: ProvenIdentity) -> User:
        linked = await self._repos.oauth_identities.find(provider, identity.subject)
        if linked is not None:
            user = await self._repos.users.get(linked.user_id)
            if user is not None:
                return user
        if not identity.email or not identity.email_verified:
            raise Forbidden(
                f"Your {provider} account has no verified email address; verify it there first."
            )
        shown, key = normalise_email(identity.email)
        user = await self._repos.users.by_email_key(key) or await self._create(shown, key, identity)
        if not user.email_verified:
            user = await self._claim(user)
        await self._repos.oauth_identities.add(
            OAuthIdentity(
                provider=provider, subject=identity.subject, user_id=str(user.id), email=shown
            )
        )
        return user

    async def _create(self, email: str, key: str, identity: ProvenIdentity) -> User:
        name = (identity.name or email.split("@", 1)[0]).strip()[:MAX_DISPLAY_NAME] or "New user"
        user = User(email=email, email_key=key, email_verified=True, display_name=name)

        async def work(tx: OutboxTransaction) -> None:
            if not await self._repos.users.add(user, session=tx.session):
                # The server has voided the transaction: leave it by raising.
                raise _EmailTaken
            await tx.publish(events.registered(user))

        try:
            await self._publisher.run_in_transaction(work)
            return user
        except _EmailTaken:
            pass
        # Registered in the meantime by another request: link to that account.
        existing = await self._repos.users.by_email_key(key)
        assert existing is not None
        return existing

    async def _claim(self, user: User) -> User:
        """The provider proved the address; the local account never did.

        Whoever registered it without verifying may not own the address (a
        pre-registered trap account), so their password and sessions go.
        """
        user_id = str(user.id)

        async def work(tx: OutboxTransaction) -> User:
            claimed = await self._repos.users.update_fields(
                user_id,
                {
                    "email_verified": True,
                    "password_hash": None,
                    "totp": None,
                    "updated_at": utcnow(),
                },
                session=tx.session,
            )
            if claimed is None:
                raise Unauthenticated("The account was deleted meanwhile; sign in again.")
            await self._sessions.end_all(
                user_id, reason="claimed_by_verified_email", session=tx.session
            )
            # Keys the pre-registering party may have made go too.
            await self._repos.api_keys.revoke_all(user_id, at=utcnow(), session=tx.session)
            # The address is proven now: the others may use it.
            await tx.publish(events.updated(claimed))
            return claimed

        return await self._publisher.run_in_transaction(work)

    def _provider(self, name: str) -> OidcProvider:
        provider = self._providers.get(name)
        if provider is None:
            raise BadUserInput(f"Sign-in with {name} is not configured.", field="provider")
        return provider
