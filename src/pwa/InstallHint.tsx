// A dismissible one-line offer to install, for the deck list only (never the review screen).
// Shown where installing is possible: the browser's prompt, or iOS's Share menu.
import { useState } from 'react';
import { dismissInstallHint, installHintDismissed, installState, promptInstall } from './install.ts';
import { useStore } from './store.ts';
import './pwa.css';

export function InstallHint() {
  const state = useStore(installState);
  const [dismissed, setDismissed] = useState(installHintDismissed);
  if (dismissed || (state !== 'promptable' && state !== 'ios')) return null;

  const dismiss = () => {
    dismissInstallHint();
    setDismissed(true);
  };
  return (
    <aside className="install-hint" aria-label="Install Rehearse">
      <div className="install-hint-box">
        {state === 'promptable' ? (
          <>
            <p>Install Rehearse to study from your home screen, even offline.</p>
            <div className="install-hint-actions">
              <button type="button" onClick={() => void promptInstall()}>
                Install
              </button>
              <button type="button" className="link" onClick={dismiss}>
                Not now
              </button>
            </div>
          </>
        ) : (
          <>
            <p>
              Install Rehearse: tap <ShareIcon /> <strong>Share</strong>, then <strong>Add to Home Screen</strong>.
            </p>
            <div className="install-hint-actions">
              <button type="button" className="link" onClick={dismiss}>
                Got it
              </button>
            </div>
          </>
        )}
      </div>
    </aside>
  );
}

/** The iOS share glyph (a box with an arrow out of it), so the hint matches what is on screen. */
export function ShareIcon() {
  return (
    <svg className="share-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d="M12 3v12M7.5 7.5 12 3l4.5 4.5M8 11H6v10h12V11h-2" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
