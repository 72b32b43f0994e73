// axe-core (the installed devDependency) inside every webview panel (a11yPanels.ts) under VS Code's
// light, dark, high-contrast and high-contrast-light themes (captured from code-server, see
// harness.ts): no violation of any rule axe runs by default (WCAG 2.0–2.2 A/AA and best
// practices). axe is evaluated through the DevTools protocol, so the panel's strict CSP stays on.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildWebviewBundle, type Harness, startHarness, THEME_NAMES } from './harness';
import { PANELS } from './a11yPanels';

const AXE_SOURCE = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const harnesses = new Map<string, Harness>();

before(async () => {
  for (const panel of PANELS) harnesses.set(panel.name, await startHarness(await buildWebviewBundle(panel.app.script), panel.app));
});
after(async () => {
  for (const h of harnesses.values()) await h.close();
});

/** Readable lines for a failed assertion: rule, impact, element, why. */
function describe(violations: AxeViolation[]): string {
  return violations
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(' ')}: ${v.help}${n.failureSummary ? ` | ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`))
    .join('\n');
}

for (const panel of PANELS) {
  for (const theme of THEME_NAMES) {
    test(`axe: the ${panel.name} panel has no violation in the ${theme} theme`, async () => {
      const page = await harnesses.get(panel.name)!.open({ theme });
      try {
        await panel.show(page);
        await page.evaluate(AXE_SOURCE);
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
        });
        assert.equal(violations.length, 0, `axe violations:\n${describe(violations as AxeViolation[])}`);
      } finally {
        await page.close();
      }
    });
  }
}
