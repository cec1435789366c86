import { request } from 'node:http';
import { startBlumeops, waitFor, type CliResult } from './cli.js';

export interface RunningService {
  /** The page's address, e.g. http://127.0.0.1:40123/ */
  url: string;
  output: { stdout: string; stderr: string };
  /** Cycles logged so far ("cycle N:" lines). */
  cycles(): number;
  /** Ctrl-C, then the exit. */
  stop(): Promise<CliResult>;
}

/** Starts `blumeops watch --listen 127.0.0.1:0 …` and waits until it serves and its first cycle is done. */
export async function startWatchService(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<RunningService> {
  const watch = startBlumeops(['watch', '--listen', '127.0.0.1:0', ...args], options);
  let exited: CliResult | undefined;
  void watch.exited.then((result) => (exited = result));
  const cycles = () => (watch.output.stdout.match(/ cycle \d+:/g) ?? []).length;
  const describe = () => `${watch.output.stdout}${watch.output.stderr}${exited ? ` (exited ${exited.code})` : ''}`;
  await waitFor(() => exited !== undefined || cycles() >= 1, 30_000, 'the first cycle').catch((error: Error) => {
    throw new Error(`${error.message}: ${describe()}`);
  });
  if (exited) throw new Error(`watch exited: ${describe()}`);
  const url = /serving the status page on (http:\/\/\S+\/)/.exec(watch.output.stdout)?.[1];
  if (!url) throw new Error(`no address printed: ${describe()}`);
  return {
    url,
    output: watch.output,
    cycles,
    stop: async () => {
      watch.child.kill('SIGINT');
      return watch.exited;
    },
  };
}

export interface EventStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  events: { event: string; data: string }[];
  close(): void;
}

/** Opens /api/v1/events and collects the frames as they come. */
export function openEvents(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const call = request(new URL('api/v1/events', url), { headers }, (response) => {
      const stream: EventStream = { status: response.statusCode ?? 0, headers: response.headers, events: [], close: () => call.destroy() };
      let buffer = '';
      response.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (event && data !== undefined) stream.events.push({ event, data });
        }
      });
      response.on('error', () => undefined);
      resolve(stream);
    });
    call.on('error', reject);
    call.end();
  });
}
