/**
 * The two messages that cross the HTTP seam: a request built by a dialect and the response it
 * classifies. Plain data, so dialects stay pure and testable without a network.
 */

/** A request built by a dialect. */
export interface HttpRequest {
  method: 'POST' | 'GET';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** A response as dialects see it: header names are lower-case, the body is text. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}
