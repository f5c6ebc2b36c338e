import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionPage, launchExtension, type ExtensionSession } from './harness';
import { textOverflows } from './lib/overflow';

/**
 * The tools for a rep who writes an adapter by hand, in Options, in English and Russian on a
 * laptop screen: the tester says what a pasted request and answer would count or why not, Check
 * warns about an adapter that would count nothing, and a domain shows the pattern it becomes.
 * Everything is reached and run from the keyboard, and no text is cut.
 */
const VIEWPORT = { width: 1366, height: 768 };

const WORDS = {
  en: {
    counted: 'Rule my-crm-contact-create would count: contact, record id 314. Email: yes. Adds to: New contacts with email.',
    noRule: /no rule of this adapter names PATCH https:\/\/crm\.example\.com\/api\/contacts\/314/,
    failed: /Rule my-crm-contact-create: the answer's status is not 200–299/,
    dollar: /"\$\.id" starts with the JSONPath root sign.*write "id"/,
    port: /ignore ports: this covers every port of 127\.0\.0\.1, not only 8000/,
  },
  ru: {
    counted: 'Правило my-crm-contact-create посчитает: contact, номер записи 314. Email: есть. Идёт в: Новые контакты с email.',
    noRule: /ни одно правило адаптера не называет PATCH https:\/\/crm\.example\.com\/api\/contacts\/314/,
    failed: /Правило my-crm-contact-create: статус ответа не 200–299/,
    dollar: /путь «\$\.id» начинается со знака корня JSONPath.*напишите «id»/,
    port: /не учитывают порт: этот шаблон охватывает все порты 127\.0\.0\.1, а не только 8000/,
  },
} as const;

async function expectNoOverflow(page: Page, where: string): Promise<void> {
  const overflows = await textOverflows(page);
  expect(overflows, `${where}: ${JSON.stringify(overflows, null, 1)}`).toEqual([]);
}

/** Types into the focused field from the keyboard, as a rep pasting does. */
async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

for (const language of ['en', 'ru'] as const) {
  describe(`adapter tools in ${language === 'en' ? 'English' : 'Russian'}`, () => {
    const words = WORDS[language];
    let session: ExtensionSession;
    let options: Page;

    beforeAll(async () => {
      session = await launchExtension({ uiLanguage: language, viewport: VIEWPORT });
      const ext = await extensionPage(session);
      expect(await ext.evaluate(() => chrome.i18n.getUILanguage())).toMatch(new RegExp(`^${language}`));
      options = await session.context.newPage();
      await options.goto(`chrome-extension://${session.extensionId}/options.html`);
      await options.getByTestId('section-own-adapters').waitFor();
    }, 60_000);
    afterAll(async () => {
      await session?.close();
    });

    it('the tester says what a pasted create would count, from the keyboard', async () => {
      await options.getByTestId('adapter-example').focus();
      await options.keyboard.press('Enter');
      await expect.poll(() => options.getByTestId('adapter-json').inputValue(), { timeout: 10_000 }).toContain('my-crm-contact-create');
      await typeInto(options, 'tester-url', 'https://crm.example.com/api/contacts');
      await typeInto(options, 'tester-request-body', '{"name":"Ada","email":"ada@example.com"}');
      await typeInto(options, 'tester-status', '201');
      await typeInto(options, 'tester-response-body', '{"id":314}');
      // Tab from the last field reaches the Try button; Enter runs it.
      await options.keyboard.press('Tab');
      expect(await options.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe('tester-run');
      await options.keyboard.press('Enter');
      await expect.poll(() => options.getByTestId('tester-counted').allTextContents(), { timeout: 10_000 }).toEqual([words.counted]);
      expect(await options.getByTestId('tester-miss').count()).toBe(0);
      await expectNoOverflow(options, 'tester, counted');
    });

    it('the tester says why nothing would count: no rule names the request, or the save failed', async () => {
      await options.getByTestId('tester-method').selectOption('PATCH');
      await typeInto(options, 'tester-url', 'https://crm.example.com/api/contacts/314');
      await options.getByTestId('tester-run').click();
      await expect.poll(() => options.getByTestId('tester-miss').allTextContents(), { timeout: 10_000 }).toEqual([expect.stringMatching(words.noRule)]);

      await options.getByTestId('tester-method').selectOption('POST');
      await typeInto(options, 'tester-url', 'https://crm.example.com/api/contacts');
      await typeInto(options, 'tester-status', '422');
      await typeInto(options, 'tester-response-body', '{"errors":{"email":"is invalid"}}');
      await options.getByTestId('tester-run').click();
      await expect.poll(() => options.getByTestId('tester-miss').allTextContents(), { timeout: 10_000 }).toEqual([expect.stringMatching(words.failed)]);
      expect(await options.getByTestId('tester-counted').count()).toBe(0);
      await expectNoOverflow(options, 'tester, miss');
    });

    it('Check warns about a $-rooted path and still lets the adapter save', async () => {
      const json = await options.getByTestId('adapter-json').inputValue();
      await typeInto(options, 'adapter-json', json.replace('"path": "id"', '"path": "$.id"'));
      await options.getByTestId('adapter-check').click();
      await expect.poll(() => options.getByTestId('adapter-warning').allTextContents(), { timeout: 10_000 }).toEqual([expect.stringMatching(words.dollar)]);
      // Check ends with the pattern check in a worker; then it says the adapter is valid.
      await options.getByTestId('adapter-notice').filter({ hasText: 'My CRM' }).waitFor();
      expect(await options.getByTestId('adapter-errors').count()).toBe(0);
      await expectNoOverflow(options, 'Check warnings');
    });

    it('a domain shows the match pattern it becomes and says the port is not kept', async () => {
      await typeInto(options, 'site-domain', '127.0.0.1:8000');
      await expect.poll(() => options.getByTestId('site-preview-pattern').textContent(), { timeout: 10_000 }).toBe('https://127.0.0.1/*');
      expect(await options.getByTestId('site-preview-port').textContent()).toMatch(words.port);
      await options.getByTestId('site-preview-https').waitFor();
      await typeInto(options, 'site-domain', 'http://127.0.0.1:8000/app');
      await expect.poll(() => options.getByTestId('site-preview-pattern').textContent(), { timeout: 10_000 }).toBe('http://127.0.0.1/*');
      expect(await options.getByTestId('site-preview-https').count()).toBe(0);
      await expectNoOverflow(options, 'domain preview');
    });
  });
}
