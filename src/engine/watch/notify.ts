import { redact } from '../../exec/redact.js';

export interface Notification {
  title: string;
  body: string;
  /** ntfy priorities: 1 (min) … 5 (max). */
  priority: 2 | 3 | 4 | 5;
  tags: string[];
}

export interface NotifyTarget {
  url: string;
  format: 'text' | 'json';
}

/**
 * Posts to an ntfy-style topic: a plain-text body with Title / Priority / Tags headers, or (json)
 * a JSON document. A failed post is reported, never fatal: the watch goes on.
 */
export async function notify(target: NotifyTarget, message: Notification, document: unknown): Promise<string | undefined> {
  const headers: Record<string, string> = { Title: redact(message.title), Priority: String(message.priority), Tags: message.tags.join(',') };
  let body: string;
  if (target.format === 'json') {
    headers['Content-Type'] = 'application/json';
    body = redact(JSON.stringify(document));
  } else {
    headers['Content-Type'] = 'text/plain; charset=utf-8';
    body = redact(message.body);
  }
  try {
    const response = await fetch(target.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
    return response.ok ? undefined : `notification to ${target.url} failed: HTTP ${response.status}`;
  } catch (error) {
    return `notification to ${target.url} failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
