import { useMutation } from "@apollo/client/react";
import { type FormEvent, Suspense, lazy, useState } from "react";

import {
  ConfirmTotpDocument,
  DisableTotpDocument,
  EnrollTotpDocument,
  type ViewerFieldsFragment,
  describeError,
} from "@lifegraph/shared";

// The QR encoder loads with the enrolment, not with the first page.
const QrCode = lazy(() => import("./QrCode"));

/** Two-step sign-in (TOTP): turn it on with an authenticator app, or off again. */
export function TwoStepSection({ viewer }: { viewer: ViewerFieldsFragment }) {
  return (
    <section className="card settings" aria-labelledby="two-step-heading">
      <h2 id="two-step-heading">Two-step sign-in</h2>
      {viewer.totpEnabled ? <TurnOff /> : <TurnOn />}
    </section>
  );
}

function TurnOn() {
  const [enroll, enrolment] = useMutation(EnrollTotpDocument);
  // The answer is the viewer with `totpEnabled`, which the cache merges into `me`.
  const [confirm, confirming] = useMutation(ConfirmTotpDocument);
  const [code, setCode] = useState("");
  const pending = enrolment.data?.enrollTotp;

  async function submit(event: FormEvent) {
    event.preventDefault();
    await confirm({ variables: { input: { code: code.trim() } } }).catch(() => null);
  }

  if (!pending) {
    return (
      <>
        <p className="muted">
          Off. With it on, signing in also asks for a code from an authenticator app on your
          phone.
        </p>
        {enrolment.error && (
          <p role="alert" className="error">
            {describeError(enrolment.error)}
          </p>
        )}
        <div>
          <button
            type="button"
            className="primary"
            disabled={enrolment.loading}
            onClick={() => void enroll().catch(() => null)}
          >
            {enrolment.loading ? "One moment…" : "Turn on two-step sign-in"}
          </button>
        </div>
      </>
    );
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Confirm two-step sign-in">
      <p>Scan this code with your authenticator app, or type the key into it.</p>
      <Suspense
        fallback={
          <p role="status" className="status">
            Drawing the QR code…
          </p>
        }
      >
        <QrCode text={pending.otpauthUri} label="QR code for your authenticator app" />
      </Suspense>
      <p>
        Key: <code aria-label="Secret key">{pending.secret}</code>
      </p>
      <p>
        <a href={pending.otpauthUri}>Open in an authenticator app on this device</a>
      </p>
      <label>
        Code from the app
        <input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          required
        />
      </label>
      {confirming.error && (
        <p role="alert" className="error">
          {describeError(confirming.error)}
        </p>
      )}
      <div className="goal-actions">
        <button type="submit" className="primary" disabled={confirming.loading}>
          {confirming.loading ? "Checking…" : "Confirm"}
        </button>
        <button type="button" onClick={() => enrolment.reset()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function TurnOff() {
  const [disable, disabling] = useMutation(DisableTotpDocument);
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = code.trim() ? { code: code.trim() } : { password };
    await disable({ variables: { input } }).catch(() => null);
  }

  return (
    <form className="inline-form" onSubmit={submit} aria-label="Turn off two-step sign-in">
      <p className="complete" role="status">
        On: signing in asks for a code from your authenticator app.
      </p>
      <label>
        Code from the app
        <input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
        />
      </label>
      <label>
        Or your password
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
        />
      </label>
      {disabling.error && (
        <p role="alert" className="error">
          {describeError(disabling.error)}
        </p>
      )}
      <div>
        <button type="submit" disabled={disabling.loading || !(code.trim() || password)}>
          Turn off two-step sign-in
        </button>
      </div>
    </form>
  );
}
