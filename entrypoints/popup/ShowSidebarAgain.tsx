import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { useUiText } from '@/components/ui-context';
import { isHiddenAnywhere, readPrefs, showEverywhere, SIDEBAR_PREFS_KEY, type SidebarPrefs } from '@/lib/page/sidebar-host/prefs';

/** Offered only while the rep has hidden the CRM sidebar on some site or everywhere. */
export function ShowSidebarAgain() {
  const { t } = useUiText();
  const [prefs, setPrefs] = useState<SidebarPrefs>();

  useEffect(() => {
    void browser.storage.local.get(SIDEBAR_PREFS_KEY).then((stored) => setPrefs(readPrefs(stored[SIDEBAR_PREFS_KEY])));
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const change = changes[SIDEBAR_PREFS_KEY];
      if (area === 'local' && change) setPrefs(readPrefs(change.newValue));
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  if (!prefs || !isHiddenAnywhere(prefs)) return null;
  return (
    <div className="banner" data-testid="sidebar-hidden">
      <span>{t('sidebar_hiddenNotice')}</span>{' '}
      <button
        type="button"
        className="button button--link"
        data-testid="show-sidebar-again"
        onClick={() => void browser.storage.local.set({ [SIDEBAR_PREFS_KEY]: showEverywhere(prefs) })}
      >
        {t('sidebar_showAgain')}
      </button>
    </div>
  );
}
