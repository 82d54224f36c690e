/**
 * Amazon Bedrock and Google Vertex AI as providers (issue #13) through dist/index.js: J1 from a
 * label to a verified PR with the model behind each provider's own paths, authentication and
 * framing (test/rig/providers.ts) — SigV4 from the standard AWS environment for Bedrock, a
 * workload-identity token exchange (what google-github-actions/auth sets up with OIDC) for Vertex.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rawJobLog } from '../e2e-support/policy.js';
import { ALICE, startRig, type Rig, closeChecked } from './harness.js';
import { issueToPrScript, roleOf } from './scripts.js';

let rig: Rig | undefined;
afterEach(async () => {
  await closeChecked(rig);
  rig = undefined;
});

const AWS = { accessKeyId: 'AKIAKIROTEST0000001', secretAccessKey: 'aws-secret-canary-4b8e1f0d9c', sessionToken: 'aws-session-canary-77aa01', region: 'us-west-2' };
const VERTEX = { project: 'kiro-test-project', region: 'us-east5', accessToken: 'ya29.vertex-canary-5e6f7a8b' };

async function labelIssue(r: Rig, run: Parameters<Rig['run']>[1]) {
  const n = r.github.state.addIssue({ title: 'add() subtracts', body: 'add(2, 3) returns -1.', user: ALICE }).number as number;
  const res = await r.run(r.event('issues.labeled', { label: 'kiro', issue: { number: n, title: 'add() subtracts', user: ALICE }, sender: ALICE }), run);
  return { n, res };
}

describe('model providers', () => {
  it('bedrock: every request goes to /model/<id>/invoke-with-response-stream, SigV4-signed for the region, streamed as EventStream; J1 ends in a verified PR', { timeout: 180_000 }, async () => {
    rig = await startRig({ script: issueToPrScript(), modelOptions: { bedrock: AWS } });
    const { res } = await labelIssue(rig, {
      inputs: { provider: 'bedrock', 'anthropic-api-key': '', model: 'claude-sonnet-4-5' },
      env: {
        AWS_REGION: AWS.region,
        AWS_ACCESS_KEY_ID: AWS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey,
        AWS_SESSION_TOKEN: AWS.sessionToken,
        ANTHROPIC_BEDROCK_BASE_URL: rig.model!.url,
      },
    });
    expect(res.code, res.maskedLog).toBe(0);
    expect(rig.model!.rejected.map((r) => `${r.status} ${r.body.error.message}`)).toEqual([]);
    const reqs = rig.model!.requests;
    expect(reqs.length).toBeGreaterThanOrEqual(3);
    for (const q of reqs) {
      expect(q.provider).toBe('bedrock');
      expect(q.path).toBe('/model/anthropic.claude-sonnet-4-5-v1:0/invoke-with-response-stream');
      expect(q.headers['authorization']).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${AWS.accessKeyId}/\\d{8}/${AWS.region}/bedrock/aws4_request, `));
      expect(q.headers['x-amz-security-token']).toBe(AWS.sessionToken);
      expect(q.headers['x-api-key']).toBeUndefined();
    }
    expect(new Set(reqs.map(roleOf))).toEqual(new Set(['planner', 'coder', 'verifier']));
    expect(rig.github.state.pulls()).toHaveLength(1);
    // the AWS secrets are not in the log, the model's context or GitHub
    for (const secret of [AWS.secretAccessKey, AWS.sessionToken]) {
      expect(rawJobLog(res)).not.toContain(secret);
      expect(JSON.stringify(reqs.map((q) => q.body))).not.toContain(secret);
      expect(JSON.stringify(rig.github.requests)).not.toContain(secret);
    }
  });

  it('vertex: the access token comes from the STS exchange of the workflow credential; requests go to :streamRawPredict of the project and region; J1 ends in a verified PR', { timeout: 180_000 }, async () => {
    rig = await startRig({ script: issueToPrScript(), modelOptions: { vertex: VERTEX } });
    // what google-github-actions/auth writes for workload identity federation
    const dir = mkdtempSync(path.join(tmpdir(), 'kiro-gcp-'));
    writeFileSync(path.join(dir, 'oidc-token'), 'eyJ.oidc-subject-token.sig');
    const creds = path.join(dir, 'gha-creds.json');
    writeFileSync(
      creds,
      JSON.stringify({
        type: 'external_account',
        audience: '//iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/github/providers/github',
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        token_url: `${rig.model!.url}/google/sts/token`,
        credential_source: { file: path.join(dir, 'oidc-token') },
      }),
    );
    const { res } = await labelIssue(rig, {
      inputs: { provider: 'vertex', 'anthropic-api-key': '', model: 'claude-sonnet-4-5@20250929' },
      env: { GOOGLE_APPLICATION_CREDENTIALS: creds, CLOUD_ML_REGION: VERTEX.region, ANTHROPIC_VERTEX_PROJECT_ID: VERTEX.project, ANTHROPIC_VERTEX_BASE_URL: rig.model!.url },
    });
    expect(res.code, res.maskedLog).toBe(0);
    expect(rig.model!.rejected.map((r) => `${r.status} ${r.body.error.message}`)).toEqual([]);
    expect(rig.model!.stsRequests.length).toBeGreaterThanOrEqual(1);
    const reqs = rig.model!.requests;
    for (const q of reqs) {
      expect(q.provider).toBe('vertex');
      expect(q.path).toBe(`/projects/${VERTEX.project}/locations/${VERTEX.region}/publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict`);
      expect(q.headers['authorization']).toBe(`Bearer ${VERTEX.accessToken}`);
    }
    expect(rig.github.state.pulls()).toHaveLength(1);
    expect(JSON.stringify(rig.github.requests)).not.toContain(VERTEX.accessToken);
  });
});
