import { useMutation } from "@apollo/client/react";
import { type FormEvent, useState } from "react";

import { LoginDocument, RegisterDocument, describeError, hasCode } from "@lifegraph/shared";

import { useSession } from "../App";

type Mode = "sign-in" | "sign-up";

export function AuthScreen() {
  const session = useSession();
  const [mode, setMode] = useState<Mode>("sign-up");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [totpCode, setTotpCode] = useState("");
  const [needsTotp, setNeedsTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [register, registering] = useMutation(RegisterDocument);
  const [login, loggingIn] = useMutation(LoginDocument);
  const busy = registering.loading || loggingIn.loading;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      if (mode === "sign-up") {
        const { data } = await register({ variables: { input: { email, password, displayName } } });
        if (data) await session.signIn(data.register);
      } else {
        const input = { email, password, totpCode: needsTotp ? totpCode : null };
        const { data } = await login({ variables: { input } });
        if (data) await session.signIn(data.login);
      }
    } catch (failure) {
      if (hasCode(failure, "TOTP_REQUIRED")) setNeedsTotp(true);
      setError(describeError(failure));
    }
  }

  function switchTo(next: Mode) {
    setMode(next);
    setError(null);
    setNeedsTotp(false);
  }

  return (
    <main className="auth">
      <h1>LifeGraph</h1>
      <p className="tagline">Your goals, habits and people, in one place.</p>
      <div className="auth-tabs" role="group" aria-label="Account">
        <button type="button" aria-pressed={mode === "sign-up"} onClick={() => switchTo("sign-up")}>
          Sign up
        </button>
        <button type="button" aria-pressed={mode === "sign-in"} onClick={() => switchTo("sign-in")}>
          Sign in
        </button>
      </div>
      <form className="card" onSubmit={submit} aria-label={mode === "sign-up" ? "Sign up" : "Sign in"}>
        {mode === "sign-up" && (
          <label>
            Your name
            <input
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              autoComplete="name"
              required
            />
          </label>
        )}
        <label>
          Email
          <input
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="email"
            required
          />
        </label>
        <label>
          Password
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
            minLength={mode === "sign-up" ? 10 : undefined}
            required
          />
        </label>
        {needsTotp && (
          <label>
            Authenticator code
            <input
              value={totpCode}
              onChange={(e) => setTotpCode(e.target.value)}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              required
              autoFocus
            />
          </label>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "One moment…" : mode === "sign-up" ? "Create account" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
