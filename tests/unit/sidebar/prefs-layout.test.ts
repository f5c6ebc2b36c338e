import { describe, expect, it } from 'vitest';
import { frameBox, EDGE_GAP, PANEL_MAX_HEIGHT, PANEL_NARROW_WIDTH, TAB_HEIGHT, TAB_WIDTH, TOAST_WIDTH, PANEL_WIDTH } from '@/lib/page/sidebar-host/layout';
import { isHiddenAnywhere, isHiddenOn, readPrefs, showEverywhere, toggled, withSite } from '@/lib/page/sidebar-host/prefs';
import { readFragment } from '@/entrypoints/sidebar/frame-info';

describe('sidebar prefs', () => {
  it('keeps only well-typed fields and clamps the position', () => {
    expect(readPrefs({ hiddenEverywhere: 'yes', sites: { a: { expanded: true, top: 7, hidden: 1 }, b: 'x' } })).toEqual({
      sites: { a: { expanded: true, top: 1 }, b: {} },
    });
    expect(readPrefs(null)).toEqual({});
  });

  it('hides per site or everywhere, and showing again clears both', () => {
    const here = withSite({}, 'crm.example', { hidden: true });
    expect(isHiddenOn(here, 'crm.example')).toBe(true);
    expect(isHiddenOn(here, 'other.example')).toBe(false);
    const everywhere = { ...here, hiddenEverywhere: true };
    expect(isHiddenOn(everywhere, 'other.example')).toBe(true);
    const shown = showEverywhere(everywhere);
    expect(isHiddenAnywhere(shown)).toBe(false);
    expect(isHiddenOn(shown, 'crm.example')).toBe(false);
  });

  it('the shortcut flips expanded, and shows a hidden sidebar expanded', () => {
    const open = toggled({}, 's');
    expect(open.sites?.s?.expanded).toBe(true);
    expect(toggled(open, 's').sites?.s?.expanded).toBe(false);
    const fromHidden = toggled({ hiddenEverywhere: true, sites: { s: { hidden: true, top: 0.2 } } }, 's');
    expect(fromHidden).toEqual({ hiddenEverywhere: false, sites: { s: { hidden: false, expanded: true, top: 0.2 } } });
  });
});

describe('sidebar frame layout', () => {
  it('sizes the frame per mode', () => {
    expect(frameBox('collapsed', 0.5, 800)).toEqual({ top: 400 - TAB_HEIGHT / 2, width: TAB_WIDTH, height: TAB_HEIGHT });
    expect(frameBox('toast', 0.5, 800).width).toBe(TOAST_WIDTH);
    expect(frameBox('expanded', 0.5, 800)).toEqual({ top: 80, width: PANEL_WIDTH, height: PANEL_MAX_HEIGHT });
    // A laptop screen gets the narrow panel, so the CRM's main column stays in view.
    expect(frameBox('expanded', 0.5, 768, 1366).width).toBe(PANEL_NARROW_WIDTH);
    expect(frameBox('expanded', 0.5, 1080, 1920).width).toBe(PANEL_WIDTH);
  });

  it('keeps the frame inside the viewport at the edges and on short windows', () => {
    expect(frameBox('collapsed', 0, 800).top).toBe(EDGE_GAP);
    expect(frameBox('collapsed', 1, 800).top).toBe(800 - TAB_HEIGHT - EDGE_GAP);
    const short = frameBox('expanded', 0.9, 400);
    expect(short.height).toBe(400 - 2 * EDGE_GAP);
    expect(short.top).toBe(EDGE_GAP);
  });

  it('reads the host fragment, falling back on nonsense', () => {
    expect(readFragment('#vh=720&nav=3')).toEqual({ viewportHeight: 720, navigation: 3 });
    expect(readFragment('#vh=-5&nav=x')).toEqual({ viewportHeight: 800, navigation: 0 });
  });
});
