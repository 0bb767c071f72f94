/**
 * The viewer page: one self-contained response (diagram, styles and script inline, a CSP that
 * forbids loading anything else), served only to requests addressed to the loopback host.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { machineToDot } from '../../scripts/visualize/dot.js';
import { renderSvg } from '../../scripts/visualize/render-svg.js';
import { svgElement } from '../../src/inspect/diagram-svg.js';
import { serveInspector, type InspectorServer } from '../../src/inspect/serve-inspector.js';
import { activeStateIds } from '../../src/inspect/viewer-messages.js';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';

/** A GET with a chosen Host header (fetch does not let a caller set one). */
function rawRequest(url: string, options: { method?: string; host?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname, method: options.method ?? 'GET', headers: options.host ? { Host: options.host } : {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject).end();
  });
}

describe('the viewer page', () => {
  let viewer: InspectorServer | undefined;
  afterEach(async () => {
    await viewer?.close();
  });

  it('inlines the diagram the package ships for the machine, and loads nothing from anywhere', async () => {
    viewer = await serveInspector();
    expect(viewer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(viewer.diagram).toBe('shipped');
    const response = await fetch(viewer.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    const page = await response.text();
    expect(page).toContain(`<script nonce="${nonce}">`);
    expect(page).toContain(`<style nonce="${nonce}">`);
    for (const id of ['deviceAuth.idle', 'deviceAuth.awaitingUser.waiting', 'deviceAuth.authorized', 'cluster_deviceAuth.awaitingUser']) {
      expect(page).toContain(`<title>${id}</title>`);
    }
    expect(page).not.toMatch(/<script[^>]+src=|<link|@import|url\(/i);
    // The only absolute URLs are the SVG namespace names, which are never fetched.
    const urls = [...page.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map(([url]) => url);
    expect(urls.every((url) => url.startsWith('http://www.w3.org/'))).toBe(true);

    const again = await fetch(viewer.url);
    expect(again.headers.get('content-security-policy')).not.toBe(csp);
  });

  it('answers only requests addressed to it, and only GET and HEAD', async () => {
    viewer = await serveInspector();
    const { port } = viewer;
    expect((await rawRequest(viewer.url, { host: `localhost:${port}` })).status).toBe(200);
    expect((await rawRequest(viewer.url, { host: `attacker.example:${port}` })).status).toBe(421);
    expect((await rawRequest(`${viewer.url}events`, { host: 'attacker.example' })).status).toBe(421);
    expect((await rawRequest(viewer.url, { method: 'POST' })).status).toBe(405);
    expect((await rawRequest(viewer.url, { method: 'HEAD' })).body).toBe('');
    expect((await fetch(`${viewer.url}nothing-here`)).status).toBe(404);
    expect((await fetch(`${viewer.url}favicon.ico`)).status).toBe(204);
  });

  it('draws any machine it is given, and names active states by their state node ids', async () => {
    const toggle = createMachine({
      id: 'toggle',
      initial: 'off',
      states: { off: { on: { flip: 'on' } }, on: { id: 'lit', initial: 'dim', states: { dim: {}, bright: {} }, on: { flip: 'off' } } },
    });
    viewer = await serveInspector({ machine: toggle, diagramSvg: await renderSvg(machineToDot(toggle)) });
    expect(viewer.diagram).toBe('supplied');
    const page = await (await fetch(viewer.url)).text();
    expect(page).toContain('<title>toggle.off</title>');
    expect(page).toContain('<span id="machine">toggle</span>');
    expect(page).toContain('<title>cluster_lit</title>');
    // A custom id names its state; its children keep XState's path ids.
    expect(activeStateIds(toggle, { on: 'bright' })).toEqual(['lit', 'toggle.on.bright']);
    expect(page).toContain('<title>toggle.on.bright</title>');
    expect(activeStateIds(deviceAuthMachine, { awaitingUser: 'polling' })).toEqual(['deviceAuth.awaitingUser', 'deviceAuth.awaitingUser.polling']);
    expect(activeStateIds(deviceAuthMachine, 'nowhere')).toEqual([]);
  });

  it('svgElement keeps the <svg> element only', () => {
    expect(svgElement('<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- c -->\n<svg width="1"><g/></svg>\n')).toBe('<svg width="1"><g/></svg>');
    expect(svgElement('no picture')).toBeUndefined();
  });
});
