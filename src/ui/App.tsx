// The app shell: opens the database, syncs the bundled decks, and shows the screen the URL names.
// A start on the review screen shows the first card before the bundled-deck check and sync.
import { OpeningMessage } from './OpeningMessage.tsx';
import { useCallback, useEffect, useRef, useState } from 'react';
import { InstallHint, UpdateNotice } from '../pwa/index.ts';
import { StorageError, type RehearseDb } from '../storage/index.ts';
import { onDatabaseVersionChange, openAppDatabase } from './startup.ts';
import { firstContentPainted, markStart } from './startMarks.ts';
import { loadBundledDecks } from './bundledDecks.ts';
import { DeckListScreen } from './decks/DeckListScreen.tsx';
import { StudyScreen } from './study/StudyScreen.tsx';
import { replayJournaledAnswers } from './study/answerJournal.ts';
import { routeHref, useHashRoute, type Route } from './useHashRoute.ts';
import { BrowseRoute, CardRoute, preloadBrowseRoutes } from './browse/routes.tsx';
import { lazyScreen } from './lazyScreen.tsx';
import { CustomStudyRoute } from './custom/CustomStudyRoute.tsx';
import { refreshAppBadge } from '../pwa/appBadge.ts';

// Statistics are a separate chunk: they must not grow the first screen's JavaScript.
const StatsScreen = lazyScreen('statistics screen', () => import('./stats/StatsScreen.tsx').then((m) => m.default));
// Settings (backup, FSRS parameters, install) load when opened, like import.
const SettingsScreen = lazyScreen('settings screen', () => import('./settings/SettingsScreen.tsx').then((m) => m.SettingsScreen));
// Import (worker, previews) is a separate chunk too, loaded when #/import opens.
const ImportScreen = lazyScreen('import screen', () => import('./import/ImportScreen.tsx').then((m) => m.ImportScreen));
// Adding a card (editor, preview) loads when #/add opens.
const AddCardScreen = lazyScreen('add-card screen', () => import('./add/AddCardScreen.tsx').then((m) => m.AddCardScreen));

function errorText(error: unknown): string {
  if (error instanceof StorageError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The longest the start's background work waits for the first card (see App). */
const BACKGROUND_AT_LATEST_MS = 3000;

function startsOnReview(route: Route): boolean {
  return route.name === 'study' || route.name === 'review-card' || route.name === 'custom';
}

/** Runs `task` when the main thread is idle (Safari has no requestIdleCallback: a second later). */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 5000 });
  else setTimeout(task, 1000);
}

/**
 * The code of the screens people open next (from the service worker's cache, so offline too), so a
 * tap renders them in its own frame. A chunk that fails here is loaded again, its error shown, when
 * its screen opens.
 */
function preloadScreens(): void {
  void Promise.allSettled([StatsScreen.preload(), preloadBrowseRoutes()]);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function App() {
  const route = useHashRoute();
  const startRoute = useRef(route);
  const [db, setDb] = useState<RehearseDb | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [syncing, setSyncing] = useState(true);
  // Bumped whenever stored data changes under the screens (a deck sync), so they re-read.
  const [dataVersion, setDataVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const stopListening = onDatabaseVersionChange(() =>
      setNotice('Rehearse was updated in another tab. Reload this tab to continue.'),
    );
    openAppDatabase()
      .then(async (opened) => {
        // Grades a killed tab journaled but never wrote (src/ui/study/answerJournal.ts).
        await replayJournaledAnswers(opened);
        if (cancelled) return;
        setDb(opened);
        // On the review screen (the app's "Study now" shortcut) the first card comes first: the
        // deck-index check (which then reads the index and a setting, and on a change syncs),
        // sync and the badge would compete with the queue read for a slow phone's main thread.
        // They wait for the card to paint, or BACKGROUND_AT_LATEST_MS should it never come.
        if (startsOnReview(startRoute.current)) await Promise.race([firstContentPainted(), delay(BACKGROUND_AT_LATEST_MS)]);
        if (cancelled) return;
        try {
          const report = await loadBundledDecks(opened);
          if (report) setDataVersion((v) => v + 1);
          markStart('bundled-decks-checked');
        } catch (error) {
          setNotice(`The bundled decks could not be updated: ${errorText(error)} Your cards and progress are unchanged.`);
        } finally {
          setSyncing(false);
        }
        whenIdle(preloadScreens);
        void import('./settings/sync/startOnLaunch.ts').then((m) => m.startSyncOnLaunch(opened)).catch((error: unknown) => setNotice(`Sync could not start: ${errorText(error)} Your cards and progress are unchanged.`));
      })
      .catch((error: unknown) => setFatal(errorText(error)));
    return () => {
      cancelled = true;
      stopListening();
    };
  }, []);

  const report = useCallback((error: unknown) => setNotice(errorText(error)), []);

  // The due count on the app icon, where the platform shows one.
  useEffect(() => {
    if (db && !syncing) refreshAppBadge(db);
  }, [db, syncing, dataVersion, route.name]);

  return (
    <div className="app">
      <header className="topbar">
        <h1>
          <a href="#/" className="brand">Rehearse</a>
        </h1>
        <nav aria-label="Main">
          <NavLink route={{ name: 'decks' }} current={route} label="Decks" />
          <NavLink route={{ name: 'browse' }} current={route} label="Browse" onIntent={preloadBrowseRoutes} />
          <NavLink route={{ name: 'stats', deckId: 'all' }} current={route} label="Stats" onIntent={StatsScreen.preload} />
          <NavLink route={{ name: 'import' }} current={route} label="Import" />
          <NavLink route={{ name: 'settings' }} current={route} label="Settings" />
        </nav>
      </header>
      {notice && (
        <div className="notice error" role="alert">
          {notice}{' '}
          <button type="button" className="link" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      {route.name === 'decks' && <InstallHint />}
      <UpdateNotice />
      {fatal ? (
        <main className="screen">
          <div className="notice error" role="alert">
            {fatal}
          </div>
        </main>
      ) : !db ? (
        <OpeningMessage />
      ) : route.name === 'study' ? (
        <StudyScreen key={`${route.deckId}:${dataVersion}`} db={db} deckId={route.deckId} onError={report} />
      ) : route.name === 'stats' ? (
        <StatsScreen
          key={dataVersion}
          db={db}
          deckId={route.deckId}
          onError={report}
          fallback={
            <main className="screen" aria-busy="true">
              <p className="muted">Loading statistics…</p>
            </main>
          }
        />
      ) : route.name === 'custom' ? (
        <CustomStudyRoute key={`${route.spec}:${dataVersion}`} db={db} spec={route.spec} onError={report} />
      ) : route.name === 'review-card' ? (
        <StudyScreen key={`card:${route.cardId}:${dataVersion}`} db={db} deckId="all" cardId={route.cardId} onError={report} />
      ) : route.name === 'browse' ? (
        <BrowseRoute db={db} dataVersion={dataVersion} onError={report} />
      ) : route.name === 'card' ? (
        <CardRoute key={route.cardId} db={db} cardId={route.cardId} dataVersion={dataVersion} onError={report} />
      ) : route.name === 'import' ? (
        <ImportScreen
          db={db}
          query={route.query ?? ''}
          onError={report}
          fallback={<main className="screen" aria-busy="true"><p className="muted">Opening import…</p></main>}
        />
      ) : route.name === 'add' ? (
        <AddCardScreen
          key={`${route.deckId ?? ''}?${route.query ?? ''}`}
          db={db}
          deckId={route.deckId}
          query={route.query}
          onError={report}
          fallback={<main className="screen" aria-busy="true"><p className="muted">Opening the editor…</p></main>}
        />
      ) : route.name === 'settings' ? (
        <SettingsScreen
          db={db}
          onError={report}
          fallback={<main className="screen" aria-busy="true"><p className="muted">Loading settings…</p></main>}
        />
      ) : (
        <DeckListScreen db={db} dataVersion={dataVersion} syncing={syncing} onError={report} />
      )}
    </div>
  );
}

/** `onIntent`: a finger or the focus on the link, a moment before the tap, starts loading its screen (a load that fails shows its error when the screen opens). */
function NavLink({ route, current, label, onIntent }: { route: Route; current: Route; label: string; onIntent?: () => Promise<void> }) {
  // A review belongs to the deck list, a card screen to the browser.
  const active =
    route.name === current.name ||
    (route.name === 'browse' && current.name === 'card') ||
    (route.name === 'decks' && (current.name === 'study' || current.name === 'review-card' || current.name === 'custom'));
  return (
    <a
      href={routeHref(route)}
      aria-current={active ? 'page' : undefined}
      onPointerDown={onIntent && (() => void onIntent().catch(() => undefined))}
      onFocus={onIntent && (() => void onIntent().catch(() => undefined))}
    >
      {label}
    </a>
  );
}
