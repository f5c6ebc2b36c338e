import { describe, expect, it } from 'vitest';
import { luminance, pageTheme, parseColor, themeOfBackground } from '@/lib/page/sidebar-host/page-theme';

describe('the CRM page theme', () => {
  it('reads computed colours, with and without alpha', () => {
    expect(parseColor('rgb(20, 23, 28)')).toEqual([20, 23, 28, 1]);
    expect(parseColor('rgba(0, 0, 0, 0)')).toEqual([0, 0, 0, 0]);
    expect(parseColor('rgb(10 20 30 / 50%)')).toEqual([10, 20, 30, 0.5]);
    expect(parseColor('transparent')).toBeUndefined();
    expect(luminance([255, 255, 255])).toBeCloseTo(1);
    expect(luminance([0, 0, 0])).toBe(0);
  });

  it('calls dark CRM backgrounds dark, light and mid greys light, see-through ones unknown', () => {
    expect(themeOfBackground('rgb(22, 50, 92)')).toBe('dark'); // Salesforce-like dark header navy
    expect(themeOfBackground('rgb(30, 30, 30)')).toBe('dark');
    expect(themeOfBackground('rgb(243, 242, 242)')).toBe('light');
    expect(themeOfBackground('rgb(160, 160, 160)')).toBe('light');
    expect(themeOfBackground('rgba(0, 0, 0, 0)')).toBeUndefined();
    expect(themeOfBackground('rgba(0, 0, 0, 0.2)')).toBeUndefined();
  });

  it('takes the nearest opaque background under the point, then the root, then the color-scheme', () => {
    const styles = new Map<Element, Partial<CSSStyleDeclaration>>();
    const el = (parent: Element | null, backgroundColor: string) => {
      const node = { parentElement: parent } as unknown as Element;
      styles.set(node, { backgroundColor });
      return node;
    };
    const html = el(null, 'rgba(0, 0, 0, 0)');
    const body = el(html, 'rgba(0, 0, 0, 0)');
    const app = el(body, 'rgb(18, 18, 18)');
    const cell = el(app, 'rgba(0, 0, 0, 0)');
    let scheme = 'normal';
    const doc = (hit: Element | null) =>
      ({
        body,
        documentElement: html,
        elementFromPoint: () => hit,
        defaultView: { getComputedStyle: (e: Element) => ({ colorScheme: scheme, ...styles.get(e) }) },
      }) as unknown as Document;
    expect(pageTheme(doc(cell), 10, 10, false)).toBe('dark');
    expect(pageTheme(doc(body), 10, 10, true)).toBe('light');
    scheme = 'dark';
    expect(pageTheme(doc(body), 10, 10, false)).toBe('dark');
    scheme = 'light dark';
    expect(pageTheme(doc(body), 10, 10, true)).toBe('dark');
    expect(pageTheme(doc(body), 10, 10, false)).toBe('light');
  });
});

describe('the theme the host passes to the sidebar frame', () => {
  it('is read from the fragment and applied to the frame document; anything else leaves the OS setting', async () => {
    const { applyTheme, readFragment } = await import('@/entrypoints/sidebar/frame-info');
    expect(readFragment('#vh=700&nav=2&theme=dark')).toEqual({ viewportHeight: 700, navigation: 2, theme: 'dark' });
    expect(readFragment('#vh=700&theme=purple')).toEqual({ viewportHeight: 700, navigation: 0 });
    const root = { dataset: {} as Record<string, string> } as unknown as HTMLElement;
    applyTheme(root, readFragment('#theme=dark'));
    expect(root.dataset.theme).toBe('dark');
    applyTheme(root, readFragment('#vh=1'));
    expect(root.dataset.theme).toBeUndefined();
  });
});
