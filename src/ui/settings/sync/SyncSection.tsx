// Settings → Sync: create a collection on a sync server or join one with a pairing code (typed,
// pasted or scanned); once set up, the code as text and as a QR code, the state in words, and
// "Leave sync", which keeps every card and review on this device.
import { useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { encode } from 'uqr';
import { encodePairingCode } from '../../../sync/pairingCode.ts';
import type { SyncController } from './controller.ts';
import { QrScanner, canScan } from './QrScanner.tsx';
import { statusWords } from './status.ts';
import './sync.css';

interface Props {
  controller: SyncController;
  onError(error: unknown): void;
}

/** Relative times ("2 minutes ago") are worded again this often. */
const CLOCK_MS = 30_000;

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function SyncSection({ controller, onError }: Props) {
  const [loaded, setLoaded] = useState(controller.current !== undefined);
  const [left, setLeft] = useState(false);
  const [unreadable, setUnreadable] = useState(false);
  useSyncExternalStore(controller.subscribe, controller.getSnapshot);

  useEffect(() => {
    controller.load().then(
      () => setLoaded(true),
      (error: unknown) => {
        setUnreadable(true);
        onError(error);
      },
    );
  }, [controller, onError]);

  const config = controller.current;
  return (
    <fieldset className="sync" data-testid="sync-section">
      <legend>Sync</legend>
      {unreadable ? (
        <p className="field-error" role="alert">This device’s sync settings could not be read. Reload the app to try again.</p>
      ) : !loaded ? (
        <p className="muted">Loading…</p>
      ) : config ? (
        <SetUp controller={controller} onLeft={() => setLeft(true)} onError={onError} />
      ) : (
        <NotSetUp controller={controller} left={left} onError={onError} />
      )}
    </fieldset>
  );
}

function NotSetUp({ controller, left, onError }: { controller: SyncController; left: boolean; onError(error: unknown): void }) {
  const [server, setServer] = useState(controller.lastServer ?? '');
  const [code, setCode] = useState('');
  const [serverProblem, setServerProblem] = useState('');
  const [codeProblem, setCodeProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [scanning, setScanning] = useState(false);
  const serverId = useId();
  const codeId = useId();

  const act = async (run: () => Promise<{ ok: true } | { ok: false; message: string }>, setProblem: (text: string) => void) => {
    setBusy(true);
    setServerProblem('');
    setCodeProblem('');
    try {
      const result = await run();
      if (!result.ok) setProblem(result.message);
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };
  const create = () => act(() => controller.create(server), setServerProblem);
  const join = (text = code) => act(() => controller.join(text), setCodeProblem);

  return (
    <>
      {left && (
        <p className="sync-left" role="status">
          This device left sync. Its cards, progress and review history are all still here.
        </p>
      )}
      <p className="muted">
        Keep your cards and progress the same on your phone and your laptop, through a sync server you trust. Studying
        never waits for it: changes made offline are sent when the device is online again.
      </p>

      <section className="sync-step" aria-labelledby={`${serverId}-title`}>
        <h3 id={`${serverId}-title`}>On your first device</h3>
        <form onSubmit={(e) => { e.preventDefault(); void create(); }}>
          <div className="field">
            <label htmlFor={serverId}>Server address</label>
            <input id={serverId} type="text" inputMode="url" autoComplete="off" spellCheck={false} placeholder="wss://sync.example.com"
              value={server} onChange={(e) => setServer(e.target.value)} aria-invalid={serverProblem ? true : undefined}
              aria-describedby={`${serverId}-hint`} />
            <p className="muted hint" id={`${serverId}-hint`}>
              The address of the sync server, starting with wss:// (or ws:// on your own network).
            </p>
            {serverProblem && <p className="field-error" role="alert">{serverProblem}</p>}
          </div>
          <button type="submit" className="primary" disabled={busy}>Create a collection</button>
        </form>
      </section>

      <section className="sync-step" aria-labelledby={`${codeId}-title`}>
        <h3 id={`${codeId}-title`}>On your other devices</h3>
        <form onSubmit={(e) => { e.preventDefault(); void join(); }}>
          <div className="field">
            <label htmlFor={codeId}>Join with a code</label>
            <textarea id={codeId} rows={3} autoComplete="off" autoCapitalize="characters" spellCheck={false}
              placeholder="rehearse:…" value={code} onChange={(e) => setCode(e.target.value)}
              aria-invalid={codeProblem ? true : undefined} aria-describedby={`${codeId}-hint`} />
            <p className="muted hint" id={`${codeId}-hint`}>
              The pairing code shown in Settings → Sync on your other device. What this device already has is kept
              and merged with the collection.
            </p>
            {codeProblem && <p className="field-error" role="alert">{codeProblem}</p>}
          </div>
          <div className="sync-actions">
            <button type="submit" className="primary" disabled={busy}>Join</button>
            {canScan() && !scanning && (
              <button type="button" onClick={() => setScanning(true)} disabled={busy}>Scan</button>
            )}
          </div>
        </form>
        {scanning && (
          <QrScanner
            onCode={(text) => {
              setScanning(false);
              setCode(text);
              void join(text);
            }}
            onClose={() => setScanning(false)}
          />
        )}
      </section>
    </>
  );
}

function SetUp({ controller, onLeft, onError }: { controller: SyncController; onLeft(): void; onError(error: unknown): void }) {
  const status = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const now = useNow(CLOCK_MS);
  const config = controller.current!;
  const code = useMemo(() => encodePairingCode(config), [config]);
  const words = statusWords(status, now);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  // A code the server does not take is no code to show other devices.
  const wrongCode = status.state === 'refused' && status.refusal === 'wrong-code';
  // A refusal the server may lift later, or an error: the bridge does not retry by itself.
  const canRetry = (status.state === 'refused' && !wrongCode) || status.state === 'error';

  const leave = async () => {
    setBusy(true);
    try {
      await controller.leave();
      onLeft();
    } catch (error) {
      setBusy(false);
      onError(error);
    }
  };

  return (
    <>
      <div className="sync-status" data-tone={words.tone}>
        <p className="sync-headline" role="status" aria-live="polite" data-testid="sync-status" data-state={status.state}>
          {words.headline}
        </p>
        {words.detail && <p className="sync-detail">{words.detail}</p>}
        <p className="sync-server muted">Server: {config.server}</p>
        {canRetry && (
          <button type="button" onClick={() => controller.retry().catch(onError)}>Try again</button>
        )}
      </div>

      {wrongCode ? (
        <section className="sync-step">
          <button type="button" className="primary" onClick={leave} disabled={busy}>Enter another code</button>
          <p className="muted hint">Leaves this collection; every card and review stays on this device.</p>
        </section>
      ) : (
        <>
          <PairingCode code={code} />
          <section className="sync-step">
            {confirming ? (
              <div className="leave-confirm" role="group" aria-label="Leave sync">
                <p>
                  Stop syncing on this device? Its cards, progress and review history stay here, and your other devices
                  keep theirs. To sync again later, enter the pairing code again.
                </p>
                <div className="sync-actions">
                  <button type="button" className="danger" onClick={leave} disabled={busy}>Leave sync</button>
                  <button type="button" onClick={() => setConfirming(false)} disabled={busy}>Cancel</button>
                </div>
              </div>
            ) : (
              <>
                <button type="button" onClick={() => setConfirming(true)}>Leave sync…</button>
                <p className="muted hint">Keeps every card and review on this device.</p>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}

/** The code as a QR code and as text, with a copy button. */
function PairingCode({ code }: { code: string }) {
  const [copied, setCopied] = useState('');
  const codeId = useId();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('Copied.');
    } catch {
      // No clipboard (an insecure origin, or permission refused): select it for a manual copy.
      const element = document.getElementById(codeId);
      if (element) getSelection()?.selectAllChildren(element);
      setCopied('Selected: copy it with your keyboard or menu.');
    }
  };

  return (
    <section className="sync-step" aria-labelledby={`${codeId}-title`}>
      <h3 id={`${codeId}-title`}>Pairing code</h3>
      <p className="muted">
        On your other device, open Settings → Sync, then scan this code or type it under “Join with a code”. Anyone with
        the code can read and change this collection: show it only to your own devices.
      </p>
      <div className="pairing">
        <QrCode text={code.toUpperCase()} label="The pairing code as a QR code" />
        <div className="pairing-text">
          <code id={codeId} className="pairing-code" data-testid="pairing-code">{code}</code>
          <div className="sync-actions">
            <button type="button" onClick={copy}>Copy code</button>
            <span className="muted" role="status">{copied}</span>
          </div>
        </div>
      </div>
    </section>
  );
}

/** A QR code drawn from uqr's module matrix: dark on light in both themes (scanners expect that). */
function QrCode({ text, label }: { text: string; label: string }) {
  const qr = useMemo(() => encode(text, { ecc: 'M', border: 2 }), [text]);
  const path = useMemo(() => {
    let d = '';
    qr.data.forEach((row, y) => row.forEach((dark, x) => { if (dark) d += `M${x},${y}h1v1h-1z`; }));
    return d;
  }, [qr]);
  return (
    <svg className="qr" viewBox={`0 0 ${qr.size} ${qr.size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
