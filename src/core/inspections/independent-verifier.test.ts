/**
 * The documented algorithm re-implemented from docs/inspections.md with nothing but node:crypto, as
 * an outside verifier would: it must agree with `runDraw` on every draw.
 */

import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeUscc } from '../ids/uscc.ts';
import { commitSeed, prepareDraw, runDraw, type TFrameEntry, verifyDraw } from './draw.ts';

type TDoc = {
  drawId: string;
  seedCommitment: string;
  beacon: { source: string } | null;
  frame: { uscc: string; stratum: string }[];
  quotas: { stratum: string; count: number }[];
};

/** The verifier of docs/inspections.md, line for line. */
function outsideVerifier(json: string, publishedHash: string, seed: string, beacon?: string): string[] {
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  if (sha256(json) !== publishedHash) throw new Error('the published file was changed');
  const doc = JSON.parse(json) as TDoc;
  if (sha256(seed) !== doc.seedCommitment) throw new Error('the seed does not match the commitment');
  const key = doc.beacon ? `${seed}:${beacon}` : seed;
  const drawn: string[] = [];
  for (const { stratum, count } of doc.quotas) {
    const scored = doc.frame
      .filter((e) => e.stratum === stratum)
      .map((e) => ({
        uscc: e.uscc,
        score: createHmac('sha256', key).update(`${doc.drawId}\n${stratum}\n${e.uscc}`).digest('hex'),
      }))
      .sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : a.uscc < b.uscc ? -1 : 1));
    for (const e of scored.slice(0, count)) drawn.push(`${stratum} ${e.uscc}`);
  }
  return drawn;
}

const levels = ['county', 'municipal', 'provincial', 'national'] as const;

describe('an outside verifier following the documentation', () => {
  it('draws exactly what runDraw draws, for any frame, quotas and seed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...levels), { minLength: 1, maxLength: 60 }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        fc.integer({ min: 0, max: 100 }),
        (frameLevels, seed, quotaPercent) => {
          const frame: TFrameEntry[] = frameLevels.map((level, i) => ({
            uscc: composeUscc('5', '1', '330100', String(i * 7919).padStart(8, '0')),
            level,
            category: null,
          }));
          const strata = levels.map((level) => ({ id: level, label: { zh: level, en: level }, level }));
          const quotas: Record<string, number> = {};
          for (const level of levels) {
            quotas[level] = Math.floor((frameLevels.filter((l) => l === level).length * quotaPercent) / 100);
          }
          const { published } = prepareDraw({
            drawId: 'p',
            kind: 'yearly',
            title: { zh: '抽查', en: 'draw' },
            publishedOn: '2026-03-02',
            frame,
            strata,
            quotas,
            seedCommitment: commitSeed(seed),
          });
          const result = runDraw({ published, seed });
          expect(outsideVerifier(published.json, published.sha256, seed)).toEqual(
            result.selections.map((s) => `${s.stratum} ${s.uscc}`),
          );
          expect(verifyDraw({ published, seed, result }).ok).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses, like verifyDraw, a file changed by one character', () => {
    const frame: TFrameEntry[] = [0, 1, 2, 3].map((i) => ({
      uscc: composeUscc('5', '1', '330100', String(i + 10).padStart(8, '0')),
      level: 'county',
      category: null,
    }));
    const seed = 'f'.repeat(64);
    const { published } = prepareDraw({
      drawId: 'p',
      kind: 'yearly',
      title: { zh: '抽查', en: 'draw' },
      publishedOn: '2026-03-02',
      frame,
      strata: [{ id: 'county', label: { zh: '县', en: 'county' }, level: 'county' }],
      quotas: { county: 1 },
      seedCommitment: commitSeed(seed),
    });
    const changed = published.json.replace('"count":1', '"count":2');
    expect(() => outsideVerifier(changed, published.sha256, seed)).toThrow(/changed/);
    const result = runDraw({ published, seed });
    expect(verifyDraw({ published: { ...published, json: changed }, seed, result })).toMatchObject({
      ok: false,
      code: 'published_tampered',
    });
  });
});
