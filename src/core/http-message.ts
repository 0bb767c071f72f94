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
  /**
   * The secret values this request carries (device code, client secret, refresh or access token,
   * a Basic credential). The HTTP seam hands them on to the response's `secrets`, so that text a
   * server echoes back can be scrubbed before it is quoted in a message.
   */
  secrets?: readonly string[];
}

/** A response as dialects see it: header names are lower-case, the body is text. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The secrets of the request this answers ({@link HttpRequest.secrets}): never to be quoted. */
  secrets?: readonly string[];
}
