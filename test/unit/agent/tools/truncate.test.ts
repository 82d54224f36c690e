import { describe, expect, it } from 'vitest';
import { truncateOutput } from '../../../../src/agent/tools/truncate.js';

describe('truncateOutput', () => {
  it('leaves short text alone', () => {
    expect(truncateOutput('a\nb')).toBe('a\nb');
  });

  it('keeps head and tail lines and names the omitted range', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `L${i + 1}`).join('\n');
    const out = truncateOutput(text, { maxLines: 10, hint: (c) => `use view_range [${c.fromLine}, ${c.toLine}]` });
    const lines = out.split('\n');
    expect(lines.slice(0, 5)).toEqual(['L1', 'L2', 'L3', 'L4', 'L5']);
    const omitted = text.split('\n').slice(5, 995).join('\n').length + 1;
    expect(lines[5]).toBe(`[… 990 lines (${omitted} characters) omitted: lines 6–995 of 1000. use view_range [6, 995] …]`);
    expect(lines.slice(6)).toEqual(['L996', 'L997', 'L998', 'L999', 'L1000']);
  });

  it('numbers lines from firstLine and respects headShare', () => {
    const text = Array.from({ length: 100 }, (_, i) => `x${i}`).join('\n');
    const out = truncateOutput(text, { maxLines: 10, headShare: 0.3, firstLine: 201 });
    expect(out.split('\n')[3]).toContain('omitted: lines 204–293 of 300');
  });

  it('cuts by characters when lines are long', () => {
    const text = Array.from({ length: 50 }, () => 'y'.repeat(1000)).join('\n');
    const out = truncateOutput(text, { maxChars: 5000 });
    expect(out.length).toBeLessThan(6000);
    expect(out).toMatch(/omitted: lines 3–48 of 50/);
  });

  it('cuts one enormous line by characters', () => {
    const out = truncateOutput('z'.repeat(100_000), { maxChars: 1000 });
    expect(out).toMatch(/^z{500}\n\[… 99000 characters omitted \(very long lines\)\. .* …\]\nz{500}$/);
  });
});
