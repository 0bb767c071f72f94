/**
 * A person at oidc-provider's own HTML pages, in real headless Chromium (playwright-core, the
 * project's browser set-up in test/inspect/support/chromium.ts): opens the verification address
 * the device showed, types the code or follows the pre-filled link, confirms the device, signs in
 * on the development login page (any login works there) and consents, or aborts instead.
 *
 * The pages load a web font from the internet; the browser is allowed loopback only, every other
 * request is refused and counted in {@link PersonAtPages.blocked}.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** What the device showed the person: the payload of the machine's `codes` event. */
export interface ShownCodes {
  userCode: string;
  verificationUrl: string;
  verificationUrlComplete?: string;
}

/** How the person reaches the confirmation page. */
export type Arrival = 'typesCode' | 'followsCompleteLink';

/** The person's browser tab. */
export interface PersonAtPages {
  readonly page: Page;
  /** Addresses the browser was kept from loading (anything not on 127.0.0.1). */
  readonly blocked: string[];
  /** Approves the device: confirm, sign in as `login`, consent. Resolves on the success page. */
  approve(codes: ShownCodes, options?: { arrival?: Arrival; login?: string }): Promise<void>;
  /** Aborts on the confirmation page ("[ Abort ]"). Resolves when the page says the sign-in was interrupted. */
  abort(codes: ShownCodes, options?: { arrival?: Arrival }): Promise<void>;
  /** Confirms the device, then cancels on the login page ("[ Cancel ]"). */
  cancelAtLogin(codes: ShownCodes): Promise<void>;
  close(): Promise<void>;
}

const HEADING = 'h1';

/**
 * A new tab with no cookies from an earlier test (the provider would otherwise remember the
 * login and the consent, and skip their pages).
 */
export async function openPersonTab(context: BrowserContext): Promise<PersonAtPages> {
  await context.clearCookies();
  const page = await context.newPage();
  const blocked: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    blocked.push(url.origin);
    return route.abort('blockedbyclient');
  });

  /** From the verification address to the "Confirm Device" page showing the code. */
  const reachConfirmation = async (codes: ShownCodes, arrival: Arrival): Promise<void> => {
    if (arrival === 'followsCompleteLink') {
      if (codes.verificationUrlComplete === undefined) throw new Error('the server sent no verification_uri_complete');
      // The link posts the code on by itself (an auto-submitting form).
      await page.goto(codes.verificationUrlComplete);
    } else {
      await page.goto(codes.verificationUrl);
      await page.locator(HEADING).filter({ hasText: 'Sign-in' }).waitFor();
      await page.locator('input[name="user_code"]').fill(codes.userCode);
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await page.locator(HEADING).filter({ hasText: 'Confirm Device' }).waitFor();
    const shown = await page.locator('code').innerText();
    if (shown !== codes.userCode) throw new Error(`the confirmation page shows ${shown}, the device showed ${codes.userCode}`);
  };

  return {
    page,
    blocked,
    async approve(codes, options = {}) {
      await reachConfirmation(codes, options.arrival ?? 'typesCode');
      await page.locator('button[autofocus]').filter({ hasText: 'Continue' }).click();
      await page.locator('input[name="login"]').fill(options.login ?? 'alice');
      await page.locator('input[name="password"]').fill('any password works on the development login page');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.locator(HEADING).filter({ hasText: 'Authorize' }).waitFor();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator(HEADING).filter({ hasText: 'Sign-in Success' }).waitFor();
    },
    async abort(codes, options = {}) {
      await reachConfirmation(codes, options.arrival ?? 'typesCode');
      await page.getByRole('button', { name: '[ Abort ]' }).click();
      await page.getByText('The Sign-in request was interrupted').waitFor();
    },
    async cancelAtLogin(codes) {
      await reachConfirmation(codes, 'typesCode');
      await page.locator('button[autofocus]').filter({ hasText: 'Continue' }).click();
      await page.locator('input[name="login"]').waitFor();
      await page.getByRole('link', { name: '[ Cancel ]' }).click();
      await page.waitForLoadState('load');
    },
    close: () => page.close(),
  };
}
