import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { browser } from 'wxt/browser';
import { UiTextContext, type UiText } from '@/components/ui-context';
import type { ManualRecordKpi } from '@/lib/background/record-count';
import { t } from '@/lib/i18n/messages';
import { ask } from '@/lib/messages/client';
import { DEFAULT_TOP, type SidebarPrefs } from '@/lib/page/sidebar-host/prefs';
import { CollapsedTab } from './CollapsedTab';
import { ConfirmationNote } from './ConfirmationNote';
import { hostFacts, onHostFacts } from './host-facts';
import { Panel } from './Panel';
import { useConfirmation } from './use-confirmation';
import { HeldQuestion } from './HeldQuestion';
import { useHeld, useOwnTab } from './use-held';
import type { ChangedNotice } from '@/lib/messages/schemas';
import { useSidebarPrefs } from './use-prefs';
import { useSidebarData, type SidebarStart } from './use-sidebar-data';

const browserTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export interface AppProps {
  locale: string;
  site: string;
  /** The stored sidebar prefs, when main.tsx had them before the first render. */
  initialPrefs?: SidebarPrefs;
  start: SidebarStart;
}

export function App({ locale, site, initialPrefs, start }: AppProps) {
  const { prefs, here, setSite, hideEverywhere } = useSidebarPrefs(site, initialPrefs);
  const pageFacts = useSyncExternalStore(onHostFacts, hostFacts);
  const expanded = here?.expanded === true;
  const ownTab = useOwnTab();
  const held = useHeld(ownTab);
  const { confirmation, onNotice: onCountNotice, dismiss, hold } = useConfirmation(!expanded, ownTab, held.held !== undefined);
  const onNotice = useCallback(
    (notice: ChangedNotice) => {
      onCountNotice(notice);
      held.onNotice(notice);
    },
    [onCountNotice, held.onNotice],
  );
  const { snapshot, timeZone, details, error, refresh, afterWrite } = useSidebarData(expanded, pageFacts.navigation, onNotice, start);
  // A save the page's loading counted (a server-rendered CRM posts and redirects) was counted
  // before this frame was there to hear it: asked once, it is confirmed like any other.
  useEffect(() => {
    ask<ChangedNotice | null>({ type: 'sidebar-landed' })
      .then((notice) => notice && onCountNotice({ ...notice, tabId: undefined }))
      .catch(() => undefined);
  }, [onCountNotice]);
  const [busy, setBusy] = useState(false);
  const [shortcut, setShortcut] = useState<string>();
  // Focus follows the rep's own actions only: a page load never pulls focus into the sidebar.
  const focusNext = useRef(false);
  const tabRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // The shortcut can be changed by the rep in the browser's settings: show the real one.
    browser.commands
      ?.getAll()
      .then((commands) => setShortcut(commands.find((c) => c.name === 'toggle-sidebar')?.shortcut || undefined))
      .catch(() => undefined);
    // After the shortcut the host focuses this frame: move focus on to the panel's first control.
    const onFocus = () =>
      requestAnimationFrame(() => {
        if (document.activeElement === document.body) document.querySelector<HTMLElement>('[data-autofocus]')?.focus();
      });
    window.addEventListener('focus', onFocus);
    return () => {
      window.removeEventListener('focus', onFocus);
    };
  }, []);

  const setExpanded = useCallback(
    (value: boolean) => {
      focusNext.current = true;
      void setSite({ expanded: value });
    },
    [setSite],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && expanded) {
        event.preventDefault();
        setExpanded(false);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [expanded, setExpanded]);

  useEffect(() => {
    if (!expanded && focusNext.current) tabRef.current?.focus();
    focusNext.current = false;
  }, [expanded]);

  const uiText = useMemo<UiText>(
    () => ({ t, locale, timeZone: timeZone ?? browserTimeZone }),
    [locale, timeZone],
  );

  /** One write at a time; the background's cached copy and notice then update every view. */
  const write = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
    } catch {
      // Refused: nothing changed, and the state is read again below to show it as it is.
    } finally {
      setBusy(false);
      afterWrite();
    }
  };
  const undo = (keys: string[]) =>
    write(async () => {
      for (const key of keys) await ask({ type: 'undo', key });
      dismiss();
    });
  const count = (kpi: ManualRecordKpi, amount?: number, currency?: string) => {
    const record = details?.offer?.record;
    if (!record) return;
    const { adapter, kind, recordId, url } = record;
    return write(() =>
      ask({
        type: 'count-record',
        record: { adapter, kind, recordId, ...(url !== undefined && { url }) },
        kpi,
        ...(amount !== undefined && { amount }),
        ...(currency !== undefined && { currency }),
      }),
    );
  };

  if (!prefs) return null;

  const note = held.held ? (
    <HeldQuestion held={held.held} busy={held.busy} onAnswer={held.answer} />
  ) : (
    confirmation && <ConfirmationNote confirmation={confirmation} busy={busy} onUndo={(keys) => void undo(keys)} onDismiss={dismiss} onHold={hold} />
  );

  return (
    <UiTextContext.Provider value={uiText}>
      {expanded ? (
        <Panel
          snapshot={snapshot}
          details={details}
          error={error}
          busy={busy}
          note={note}
          shortcut={shortcut}
          focusOnOpen={focusNext.current}
          onCollapse={() => setExpanded(false)}
          onRetry={refresh}
          onCount={(kpi, amount, currency) => void count(kpi, amount, currency)}
          onUndo={(key) => void undo([key])}
          onSetSiteCurrency={(site, currency) => void write(() => ask({ type: 'set-site-currency', site, currency }))}
          onHideHere={() => void setSite({ hidden: true, expanded: false })}
          onHideEverywhere={() => void hideEverywhere()}
          teachSend={ask}
        />
      ) : (
        <div className="sb-collapsed">
          <div className="sb-collapsed__note" aria-live="polite">
            {note}
          </div>
          <CollapsedTab
            tabRef={tabRef}
            snapshot={snapshot}
            failed={error !== undefined && !snapshot}
            top={here?.top ?? DEFAULT_TOP}
            viewportHeight={pageFacts.viewportHeight}
            onOpen={() => setExpanded(true)}
            onMove={(top) => void setSite({ top })}
          />
        </div>
      )}
    </UiTextContext.Provider>
  );
}
