import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';

/** A CSV field, quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export type TCsvWriter = {
  row: (values: readonly string[]) => Promise<void>;
  close: () => Promise<void>;
};

/** Buffered CSV writer that waits for the stream to drain, so memory stays flat at any size. */
export function createCsvWriter(path: string, header: readonly string[]): TCsvWriter {
  const stream: WriteStream = createWriteStream(path);
  let buffer = `${header.join(',')}\n`;
  const flush = async () => {
    if (!stream.write(buffer)) await once(stream, 'drain');
    buffer = '';
  };
  return {
    async row(values) {
      buffer += `${values.map(csvField).join(',')}\n`;
      if (buffer.length > 1 << 16) await flush();
    },
    async close() {
      await flush();
      stream.end();
      await once(stream, 'finish');
    },
  };
}

function splitLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

/**
 * Streams a CSV file of the benchmark as objects keyed by header. The benchmark's own files never
 * break a quoted field across lines, which lets this reader split on line breaks first; files from
 * the field go through the importer, not through here.
 */
export async function* readCsv(path: string): AsyncGenerator<Record<string, string>> {
  let header: string[] | null = null;
  let rest = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    const lines = text.split('\n');
    rest = lines.pop()!;
    for (const raw of lines) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line === '') continue;
      const values = splitLine(line);
      if (!header) {
        header = values.map((h) => h.replace(/^\uFEFF/, ''));
        continue;
      }
      const row: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) row[header[i]!] = values[i] ?? '';
      yield row;
    }
  }
  if (rest !== '' && header) {
    const values = splitLine(rest);
    const row: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) row[header[i]!] = values[i] ?? '';
    yield row;
  }
}
