/**
 * The part of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) that bulkmock writes and
 * reads. Written by hand rather than taken from `@types/har-format` so that the public replay API
 * (which takes a parsed HAR) does not make every consumer install a types package. Browsers add
 * fields of their own (`_initiator`, `_resourceType`, `pages`); they are allowed and ignored.
 */
export interface HarNameValue {
  name: string;
  value: string;
  comment?: string;
}

export interface HarPostData {
  mimeType: string;
  text?: string;
  params?: Array<{ name: string; value?: string }>;
  comment?: string;
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  postData?: HarPostData;
  headersSize: number;
  bodySize: number;
  comment?: string;
}

export interface HarContent {
  size: number;
  mimeType: string;
  text?: string;
  /** `base64` when `text` holds the body base64-encoded (browsers do this for binary bodies). */
  encoding?: string;
  comment?: string;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
  comment?: string;
}

export interface HarTimings {
  send: number;
  wait: number;
  receive: number;
  blocked?: number;
  dns?: number;
  connect?: number;
  ssl?: number;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, unknown>;
  timings: HarTimings;
  pageref?: string;
  comment?: string;
  [extension: `_${string}`]: unknown;
}

export interface HarLog {
  log: {
    version: string;
    creator: { name: string; version: string; comment?: string };
    browser?: { name: string; version: string };
    pages?: unknown[];
    entries: HarEntry[];
    comment?: string;
  };
}

/** Marks where bulkmock cut a body it recorded (`content.comment`, `postData.comment`). */
export const truncatedNote = 'bulkmock-truncated';

/**
 * Checks that a value read from a file is a HAR log bulkmock can use and names the first thing that
 * is not; the entries keep every field they had.
 */
export function parseHar(value: unknown, source = 'the HAR'): HarLog {
  const fail = (where: string, what: string): never => {
    throw new Error(`${source}: ${where} ${what}`);
  };
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as HarLog).log !== 'object' ||
    (value as HarLog).log === null
  ) {
    fail('the top level', 'must be an object with a "log" object (HAR 1.2)');
  }
  const log = (value as HarLog).log;
  if (!Array.isArray(log.entries)) fail('log.entries', 'must be an array');
  log.entries.forEach((entry, index) => {
    const at = `log.entries[${index}]`;
    if (typeof entry !== 'object' || entry === null) fail(at, 'must be an object');
    const { request, response } = entry;
    if (typeof request?.method !== 'string' || typeof request.url !== 'string')
      fail(`${at}.request`, 'must have a method and a url');
    try {
      new URL(request.url);
    } catch {
      fail(`${at}.request.url`, `is not an absolute URL: "${request.url}"`);
    }
    if (typeof response?.status !== 'number') fail(`${at}.response.status`, 'must be a number');
    if (!Array.isArray(request.headers) || !Array.isArray(response.headers))
      fail(at, 'must have request.headers and response.headers arrays');
    if (typeof response.content !== 'object' || response.content === null)
      fail(`${at}.response.content`, 'must be an object');
  });
  return value as HarLog;
}

/** Whether bulkmock (or the browser) recorded only part of this response's body. */
export function isTruncated(content: HarContent): boolean {
  return (content.comment ?? '').includes(truncatedNote);
}
