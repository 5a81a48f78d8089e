"""Which browser origins may call the router: the dev servers in development, a list elsewhere."""

from __future__ import annotations

from common.settings import RouterSettings

# Create React App and Next.js (3000), Vite (5173), Metro (8081), Expo web (19006).
DEV_SERVER_PORTS = (3000, 5173, 8081, 19006)
DEV_ORIGINS: tuple[str, ...] = tuple(
    f"http://{host}:{port}" for port in DEV_SERVER_PORTS for host in ("localhost", "127.0.0.1")
)


class MissingCorsOrigins(RuntimeError):
    pass


def cors_origins(settings: RouterSettings) -> tuple[str, ...]:
    """`LIFEGRAPH_CORS_ORIGINS` when set (it replaces the defaults); else the dev servers'
    origins in development and test, and a refusal (raises) anywhere else.

    >>> config = RouterConfig(..., cors_origins=cors_origins(settings))
    """
    if settings.cors_origins is not None:
        return tuple(settings.cors_origins)
    if settings.local_environment:
        return DEV_ORIGINS
    raise MissingCorsOrigins(
        f"LIFEGRAPH_CORS_ORIGINS must be set in the {str(settings.environment)!r} environment: "
        'a JSON list of the browser origins of your apps, e.g. ["https://app.example.com"], '
        "or [] for none"
    )
