// Settings → "Install app": whether Rehearse runs installed, and how to install it here.
import { useState } from 'react';
import { installState, promptInstall } from './install.ts';
import { ShareIcon } from './InstallHint.tsx';
import { useStore } from './store.ts';

export function InstallSection() {
  const state = useStore(installState);
  const [declined, setDeclined] = useState(false);
  return (
    <fieldset className="install-section">
      <legend>Install app</legend>
      {state === 'installed' ? (
        <p data-testid="install-state">Rehearse is installed. It opens from your home screen and works offline.</p>
      ) : state === 'promptable' ? (
        <>
          <p data-testid="install-state">Install Rehearse to open it from your home screen like any app. Everything works offline.</p>
          <button type="button" className="primary" onClick={() => void promptInstall().then((ok) => setDeclined(!ok))}>
            Install Rehearse
          </button>
          {declined && <p className="muted hint">Not installed. You can install it later from here or from the browser’s menu.</p>}
        </>
      ) : state === 'ios' ? (
        <p data-testid="install-state">
          In Safari, tap <ShareIcon /> <strong>Share</strong>, then <strong>Add to Home Screen</strong>. Rehearse then opens
          like an app and works offline.
        </p>
      ) : (
        <p data-testid="install-state">
          This browser has not offered to install Rehearse. Look for <strong>Install app</strong> or{' '}
          <strong>Add to Home screen</strong> in its menu. Rehearse works offline in the browser as well.
        </p>
      )}
    </fieldset>
  );
}
