/**
 * Amazon Bedrock and Google Vertex AI front-ends for the loopback model server: the same
 * Messages API behind the providers' own paths, bodies, authentication and (Bedrock) response
 * framing, as Anthropic's Bedrock and Vertex SDKs speak them.
 *
 * - Bedrock (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithResponseStream.html):
 *   `POST /model/{modelId}/invoke-with-response-stream` (or `/invoke`), body without `model` and
 *   `stream`, with `anthropic_version` (the SDK moves its `anthropic-version` header there); SigV4-signed (`AWS4-HMAC-SHA256`, service
 *   `bedrock`) — the signature is verified with the test's secret key; the stream is AWS
 *   EventStream framing (`application/vnd.amazon.eventstream`), one `chunk` event per SSE event
 *   with `{"bytes": base64(event JSON)}`.
 * - Vertex (https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude):
 *   `POST /projects/{p}/locations/{r}/publishers/anthropic/models/{model}:streamRawPredict` (or
 *   `:rawPredict`, and `count-tokens:rawPredict`), `anthropic_version` in the body,
 *   `authorization: Bearer <access token>`; the token comes from a Google STS endpoint
 *   (`POST /google/sts/token`, the token exchange of workload identity federation — what
 *   `google-github-actions/auth` sets up with OIDC).
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';

export interface BedrockOptions {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region: string;
}

export interface VertexOptions {
  project: string;
  region: string;
  /** The access token the STS endpoint hands out and requests must carry. */
  accessToken: string;
}

/** A request to a provider path, turned into a Messages API request. */
export interface ProviderRequest {
  provider: 'bedrock' | 'vertex';
  /** The model id from the path. */
  model: string;
  stream: boolean;
  countTokens: boolean;
  /** The Messages API body (`model` and `stream` set, `anthropic_version` removed). */
  body: Record<string, unknown>;
}

export class ProviderError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** The body's API version: the providers' own (`bedrock-2023-05-31`, `vertex-2023-10-16`) or the `anthropic-version` date the SDK moves into the body. */
const VERSION = /^(bedrock-2023-05-31|vertex-2023-10-16|\d{4}-\d{2}-\d{2})$/;
const BEDROCK_PATH = /^\/model\/([^/]+)\/(invoke-with-response-stream|invoke)$/;
const VERTEX_PATH = /^\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/anthropic\/models\/([^/:]+):(streamRawPredict|rawPredict)$/;

/** Whether `path` is one of the providers' paths. */
export function isProviderPath(path: string): boolean {
  return BEDROCK_PATH.test(path) || VERTEX_PATH.test(path);
}

/**
 * Checks a provider request (auth, version, shape) and turns it into a Messages request.
 * @throws ProviderError with the status and error type the provider would answer
 */
export async function adaptProviderRequest(
  req: { method: string; path: string; rawPath: string; host: string; headers: Record<string, string>; body: unknown; raw: string },
  o: { bedrock?: BedrockOptions; vertex?: VertexOptions },
): Promise<ProviderRequest> {
  const body = req.body && typeof req.body === 'object' ? { ...(req.body as Record<string, unknown>) } : undefined;
  const b = BEDROCK_PATH.exec(req.path);
  if (b) {
    if (!o.bedrock) throw new ProviderError(404, 'not_found_error', 'model-server: no Bedrock front-end configured');
    await verifySigV4(req, o.bedrock);
    if (!body) throw new ProviderError(400, 'invalid_request_error', 'Bedrock: the body must be a JSON object');
    if (!VERSION.test(String(body.anthropic_version))) throw new ProviderError(400, 'invalid_request_error', `Bedrock: anthropic_version is required ("bedrock-2023-05-31" or an API version date), got ${JSON.stringify(body.anthropic_version)}`);
    if ('model' in body || 'stream' in body) throw new ProviderError(400, 'invalid_request_error', 'Bedrock: `model` and `stream` are not body fields (they are in the path)');
    const model = decodeURIComponent(b[1]!);
    delete body.anthropic_version;
    delete body.anthropic_beta;
    return { provider: 'bedrock', model, stream: b[2] === 'invoke-with-response-stream', countTokens: false, body: { ...body, model, stream: b[2] === 'invoke-with-response-stream' } };
  }
  const v = VERTEX_PATH.exec(req.path);
  if (v) {
    if (!o.vertex) throw new ProviderError(404, 'not_found_error', 'model-server: no Vertex front-end configured');
    if (v[1] !== o.vertex.project || v[2] !== o.vertex.region) throw new ProviderError(404, 'not_found_error', `Vertex: no project ${v[1]} in ${v[2]}`);
    if (req.headers['authorization'] !== `Bearer ${o.vertex.accessToken}`) throw new ProviderError(401, 'authentication_error', 'Vertex: request had invalid authentication credentials');
    if (!body) throw new ProviderError(400, 'invalid_request_error', 'Vertex: the body must be a JSON object');
    if (!VERSION.test(String(body.anthropic_version))) throw new ProviderError(400, 'invalid_request_error', `Vertex: anthropic_version is required ("vertex-2023-10-16" or an API version date), got ${JSON.stringify(body.anthropic_version)}`);
    delete body.anthropic_version;
    if (v[3] === 'count-tokens') return { provider: 'vertex', model: String(body.model), stream: false, countTokens: true, body };
    if ('model' in body) throw new ProviderError(400, 'invalid_request_error', 'Vertex: `model` is not a body field (it is in the path)');
    const model = decodeURIComponent(v[3]!);
    const stream = v[4] === 'streamRawPredict';
    return { provider: 'vertex', model, stream, countTokens: false, body: { ...body, model, stream } };
  }
  throw new ProviderError(404, 'not_found_error', `model-server: no route for ${req.path}`);
}

/** Verifies a SigV4 `authorization` header by signing the same request again with the known secret. */
async function verifySigV4(req: { method: string; rawPath: string; host: string; headers: Record<string, string>; raw: string }, o: BedrockOptions): Promise<void> {
  const auth = req.headers['authorization'] ?? '';
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) throw new ProviderError(403, 'permission_error', 'Bedrock: missing or malformed SigV4 authorization header');
  const [, keyId, , region, service, signedHeaders, signature] = m;
  if (keyId !== o.accessKeyId) throw new ProviderError(403, 'permission_error', 'Bedrock: The security token included in the request is invalid.');
  if (region !== o.region || service !== 'bedrock') throw new ProviderError(403, 'permission_error', `Bedrock: credential scope ${region}/${service} is not ${o.region}/bedrock`);
  if (o.sessionToken && req.headers['x-amz-security-token'] !== o.sessionToken) throw new ProviderError(403, 'permission_error', 'Bedrock: the session token is missing or wrong');
  const amzDate = req.headers['x-amz-date'] ?? '';
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!date) throw new ProviderError(403, 'permission_error', 'Bedrock: x-amz-date is missing');
  const headers: Record<string, string> = {};
  for (const h of signedHeaders!.split(';')) headers[h] = req.headers[h] ?? '';
  const [pathname, query = ''] = req.rawPath.split('?');
  const signer = new SignatureV4({
    service: 'bedrock',
    region: o.region,
    sha256: Sha256,
    credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey, ...(o.sessionToken ? { sessionToken: o.sessionToken } : {}) },
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: req.method,
      protocol: 'http:',
      hostname: req.host.split(':')[0]!,
      ...(req.host.includes(':') ? { port: Number(req.host.split(':')[1]) } : {}),
      path: pathname!,
      query: Object.fromEntries(new URLSearchParams(query)),
      headers,
      body: req.raw,
    }),
    { signingDate: new Date(Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!, +date[4]!, +date[5]!, +date[6]!)) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers['authorization'] ?? ''))?.[1];
  if (expected !== signature) throw new ProviderError(403, 'permission_error', 'Bedrock: The request signature we calculated does not match the signature you provided.');
}

const codec = new EventStreamCodec(
  (b) => Buffer.from(b).toString('utf8'),
  (s) => new Uint8Array(Buffer.from(s, 'utf8')),
);

/** One SSE event as a Bedrock EventStream `chunk` frame. */
export function bedrockFrame(data: unknown): Uint8Array {
  const payload = JSON.stringify({ bytes: Buffer.from(JSON.stringify(data)).toString('base64') });
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: 'chunk' },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: new Uint8Array(Buffer.from(payload)),
  });
}

/** The Google STS token exchange (RFC 8693 as Google serves it): any subject token gets `accessToken`. */
export function stsResponse(form: string, o: VertexOptions): { status: number; body: unknown } {
  const p = new URLSearchParams(form);
  if (p.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:token-exchange' || !p.get('subject_token')) {
    return { status: 400, body: { error: 'invalid_request', error_description: 'grant_type token-exchange and subject_token are required' } };
  }
  return { status: 200, body: { access_token: o.accessToken, issued_token_type: 'urn:ietf:params:oauth:token-type:access_token', token_type: 'Bearer', expires_in: 3600 } };
}
