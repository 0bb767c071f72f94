/** Help texts of the `device-auth` command line. */
import { LIBRARY_VERSION } from '../index.js';
import { RECORD_HELP } from './record-option.js';

/** `device-auth --help`. */
export const MAIN_HELP = `device-auth ${LIBRARY_VERSION}: sign in to Trakt (OAuth device flow) from a terminal.

Usage: device-auth <command> [options]

Commands:
  login     Sign in with a code shown here and approved on another device
  status    Who is signed in, and when the token expires and refreshes
  refresh   Refresh the saved token now
  logout    Revoke the saved token and delete it
  demo      The whole flow offline, against the embedded Trakt-compatible server
  mock      Run the embedded Trakt-compatible server
  replay    Show a trace recorded with --record: diagram, context, time travel

Options:
  -h, --help     Show help (also: device-auth <command> --help)
  -v, --version  Show the version

Credentials come from --client-id/--client-secret or TRAKT_CLIENT_ID/TRAKT_CLIENT_SECRET.
Exit codes: 0 signed in, 1 failed, 2 usage, 3 denied, 4 expired, 5 already used,
6 invalid code, 129 hung up (SIGHUP), 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
`;

/** `device-auth login --help`. */
export const LOGIN_HELP = `Usage: device-auth login [--provider NAME] [options]

Shows a code and a link; open the link on a phone or computer, enter the code, approve.
The token is saved atomically with mode 0600, with the provider it belongs to (never the
client secret), so status, refresh and logout need not be told again. Only https: links are
shown (http: only on this computer: localhost, 127.0.0.0/8, ::1); text from the server is
printed without control characters, and the device code and tokens never appear in any output.

Provider (default trakt):
  --provider NAME       trakt, github, google, microsoft, gitlab or rfc8628 (any RFC 8628 server)
  --issuer URL          rfc8628: discover the endpoints from the issuer's metadata (RFC 8414)
  --device-authorization-endpoint URL
                        rfc8628: the device authorization endpoint (with --token-endpoint)
  --token-endpoint URL  rfc8628: the token endpoint
  --revocation-endpoint URL
                        rfc8628: the RFC 7009 revocation endpoint (none: logout cannot revoke)
  --scope S             Scopes to ask for, space separated (required by google and microsoft;
                        not for trakt)
  --tenant T            microsoft: common, organizations, consumers, a tenant id or a domain
                        (default common)

Options:
  --client-id ID        The app's client id (trakt default: $TRAKT_CLIENT_ID)
  --client-secret S     The app's client secret: required by trakt (default:
                        $TRAKT_CLIENT_SECRET) and google, optional elsewhere
  --base-url URL        trakt: API origin (default: $TRAKT_BASE_URL or https://api.trakt.tv);
                        gitlab: the instance (default https://gitlab.com)
  --token-file PATH     Where to save the token: a regular file or none yet, checked before a
                        code is requested (default: $XDG_CONFIG_HOME/device-auth/token.json
                        or ~/.config/device-auth/token.json)
  --user-agent UA       User-Agent to send (Trakt blocks requests without one); printable, no
                        line breaks or control characters
  --json                One JSON object per line, one per event; secrets left out. A sign-in
                        that does not succeed also prints one line on stderr
  --no-qr               Do not draw a QR code
  --inspect             Serve a live view of the statechart (diagram with the current state,
                        context, event log; secrets redacted) on http://127.0.0.1 until the
                        sign-in ends; the address is printed (to stderr with --json)
  --inspect-port N      Port for --inspect, digits only (default: a free port; implies --inspect)
${RECORD_HELP}  -h, --help            Show this help

Ctrl-C, SIGTERM and SIGHUP cancel the sign-in and the request in flight; nothing is written.

Exit codes: 0 signed in, 1 failed (also: a verification link that is not https:), 2 usage
(also: a --token-file that is empty, a directory, a device or a FIFO), 3 denied, 4 expired,
5 already used, 6 invalid code, 129 hung up (SIGHUP), 130 interrupted (Ctrl-C),
143 terminated (SIGTERM).
`;

/** `device-auth demo --help`. */
export const DEMO_HELP = `Usage: device-auth demo [--json] [--no-qr] [--inspect] [--inspect-port N] [--record FILE]

Starts the embedded Trakt-compatible server on a free loopback port, signs in against it,
plays the person by approving after a couple of polls, and saves the token to a temporary file.
Needs no network and no account. --inspect serves the live statechart viewer meanwhile;
--record FILE writes a trace of the sign-in (open it with device-auth replay FILE).
`;

/** `device-auth mock --help`. */
export const MOCK_HELP = `Usage: device-auth mock [options]

Runs the embedded Trakt-compatible OAuth server until Ctrl-C (or SIGTERM, SIGHUP). People
approve codes at <url>/activate. Client id/secret: mock-client-id / mock-client-secret.

Numbers are plain digits (a decimal point where fractions are allowed; no 1e3, 0x10 or spaces).

Options:
  --port N                  Port to listen on (default: a free port)
  --interval S              Polling interval in seconds (fractions allowed; default 5)
  --expires-in S            Code lifetime in seconds (default 600)
  --auto-approve-after N    Approve each code after N polls
  --auto-deny-after N       Deny each code after N polls
  --fault-rate R            Share (0..1) of polls answered with an injected fault
  --dialect NAME            trakt (default) or rfc8628 (standard paths and form bodies,
                            RFC 8414 discovery, GitHub's paths too)
  -h, --help                Show this help
`;

const TOKEN_FLAGS = `The provider (and its endpoints, client id, tenant, scope) is read from the token file
that login wrote; a file written before providers were recorded is a Trakt file.

Options:
  --client-id ID        The app's client id (default: the token file's; trakt: $TRAKT_CLIENT_ID)
  --client-secret S     The app's client secret where the provider needs one (trakt default:
                        $TRAKT_CLIENT_SECRET; never saved in the token file)
  --base-url URL        trakt: API origin (default: $TRAKT_BASE_URL, the token file's, or
                        https://api.trakt.tv)
  --token-file PATH     The saved token, a regular file (default: as for login)
  --user-agent UA       User-Agent to send
  --json                One JSON object on stdout; secrets left out; a failure also
                        prints one line on stderr
  -h, --help            Show this help
`;

/** `device-auth status --help`. */
export const STATUS_HELP = `Usage: device-auth status [options]

Shows who is signed in (asks Trakt when credentials are set; other providers: which one),
the scope, when the token expires and when it will be refreshed. Exit 0 when a usable token is saved, 1 otherwise.

${TOKEN_FLAGS}`;

/** `device-auth refresh --help`. */
export const REFRESH_HELP = `Usage: device-auth refresh [options]

Refreshes the saved token now with the provider it belongs to (refresh tokens may be
single-use, as Trakt's are: the new pair is saved before anything else uses it). Exit 0
refreshed, 1 not signed in, no refresh token, or failed.

${TOKEN_FLAGS}${RECORD_HELP}`;

/** `device-auth logout --help`. */
export const LOGOUT_HELP = `Usage: device-auth logout [options]

Revokes the saved token with the provider it belongs to and deletes it; the file is deleted
even when revoking fails, without credentials, or when the provider has no revocation
endpoint (github, microsoft; then it is not revoked, and says so). Exit 0 signed out,
1 when the file could not be deleted.

${TOKEN_FLAGS}${RECORD_HELP}`;

/** `device-auth replay --help`. */
export const REPLAY_HELP = `Usage: device-auth replay FILE [--html OUT | --port N]

Shows a trace written by --record (login, demo, refresh, logout) or by an app's
createTraceRecorder(): the statechart with the state highlighted, the context, every event,
state change and HTTP exchange, and the timeline of polls. Click a row to see that moment;
the arrow keys step through time, Esc returns to the end. No network, no machine running.

Options:
  --html OUT    Write one self-contained HTML file instead (opens from disk in any browser)
  --port N      Serve on this port of 127.0.0.1, digits only (default: a free port)
  -h, --help    Show this help

Serves until Ctrl-C. A trace recorded by another version opens with a warning naming both
versions. Exit codes: 0 shown or written, 1 not a readable trace (named: cut short, wrong
format, a field of the wrong type) or the file could not be written, 2 usage.
`;
