import { PassThrough } from 'node:stream';
import { replayProgress } from './audit-progress.js';

const captured = () => {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString()));
  return { stream, text: () => chunks.join('') };
};

describe('the replay progress bar', () => {
  it('draws the records read against the high-water marks when enabled', () => {
    const { stream, text } = captured();
    const progress = replayProgress(true, stream);
    progress.start('verify', 4);
    for (let i = 0; i < 4; i++) progress.advance();
    progress.stop();
    expect(text()).toContain('audit verify');
    expect(text()).toContain('4/4 records');
  });

  it('writes nothing when disabled', () => {
    const { stream, text } = captured();
    const progress = replayProgress(false, stream);
    progress.start('verify', 4);
    progress.advance();
    progress.stop();
    expect(text()).toBe('');
  });
});
