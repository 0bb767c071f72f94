/**
 * The little of oidc-provider's API the end-to-end tests use (the package ships no types, and the
 * DefinitelyTyped ones are not installed).
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** The Koa context oidc-provider hands to middleware, as far as the tests read it. */
  export interface ProviderContext {
    method: string;
    path: string;
    status: number;
    body: unknown;
    get(header: string): string;
    oidc?: {
      route?: string;
      params?: Record<string, unknown>;
      client?: { clientId: string; clientAuthMethod: string };
    };
  }

  /** A stored token artifact (access, refresh or device code). */
  export interface StoredArtifact {
    readonly jti: string;
    readonly isValid: boolean;
  }

  /** Finds a token artifact by its value; `undefined` once it is gone. */
  export interface ArtifactModel {
    find(value: string): Promise<StoredArtifact | undefined>;
  }

  export class Provider {
    constructor(issuer: string, configuration?: Record<string, unknown>);
    readonly issuer: string;
    readonly AccessToken: ArtifactModel;
    readonly RefreshToken: ArtifactModel;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    use(middleware: (ctx: ProviderContext, next: () => Promise<void>) => Promise<void>): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
