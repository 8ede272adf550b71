import { describe, expect, it } from 'vitest';
import { found, foundOf } from './helpers';

const GH = 'ghp_R8x2Lq0ZmN4vT7bW1cY9dK3sF6hJ5gP0aE2u';
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyIjoiYm9iIn0.Qm9iX3NpZ25hdHVyZV9oZXJlX2xvbmdfZW5vdWdo';

describe('vendor tokens', () => {
  it('finds each format by its prefix and length', () => {
    const text = [
      'AKIA4HXJ2Q7MZK3PLW5T',
      GH,
      'glpat-x9Kq2mZr7TbW4nLp0VdY',
      'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
      'sk_live_51Hq8ZeK2mT9vLx0PqW3nB7c',
      'sk-proj-a8Kd92LmQx7VbN3cZ1pW0rT5yU4iO6eST3BlbkFJz9Xc7Vb5Nm3Lk1Jh8Gf6Ds4Aq2',
      `sk-ant-api03-${'Zk3mQ9xR2vT7bN1c'.repeat(6)}AA`,
    ].join(' ');
    expect(classifyTypes(text)).toEqual(['AWS_ACCESS_KEY', 'GITHUB_TOKEN', 'GITLAB_TOKEN', 'SLACK_TOKEN', 'STRIPE_KEY', 'OPENAI_KEY', 'ANTHROPIC_KEY']);
  });
  it('ignores publishable keys, the AWS sample key and placeholders', () => {
    expect(found('pk_live_51Hq8ZeK2mT9vLx0PqW3nB7c AKIAIOSFODNN7EXAMPLE ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX')).toEqual([]);
  });
  it('reports a token embedded in a URL credential as the token, not a connection string', () => {
    expect(found(`https://x-access-token:${GH}@github.com/acme/infra.git`)).toEqual([`GITHUB_TOKEN:${GH}`]);
  });
});

function classifyTypes(text: string): string[] {
  return found(text).map((s) => s.slice(0, s.indexOf(':')));
}

describe('keys, JWTs and AWS secrets', () => {
  it('finds a full PEM private key block but not public keys or elided bodies', () => {
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7'.repeat(2);
    const pem = `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`;
    expect(foundOf('PRIVATE_KEY', `key:\n${pem}\n`)).toEqual([pem]);
    expect(found(`-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----`)).toEqual([]);
    expect(found('-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----')).toEqual([]);
  });
  it('finds JWTs whose header decodes to JSON with alg', () => {
    expect(foundOf('JWT', `Authorization: Bearer ${JWT}`)).toEqual([JWT]);
    expect(foundOf('JWT', 'eyJub3RhbGciOjF9.eyJ1c2VyIjoiYm9iIn0.c2ln')).toEqual([]);
  });
  it('needs AWS secret context for a 40-character secret', () => {
    const secret = 'q8Zr0bXh2Lw+9nTfPa4Kc1VsYdGm7EuJiO3RkQ6x';
    expect(found(`aws_secret_access_key = ${secret}`)).toEqual([`AWS_SECRET_KEY:${secret}`]);
    expect(found(`checksum = ${secret}`)).toEqual([]);
    expect(found('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toEqual([]);
  });
});

describe('PASSWORD, CONNECTION_STRING, GENERIC_SECRET', () => {
  it('finds password values in fields, assignments, flags and sentences', () => {
    expect(found('{"user":"ops","password":"Gr33nT3a!2025"}')).toEqual(['PASSWORD:Gr33nT3a!2025']);
    expect(foundOf('PASSWORD', 'DB_PASSWORD=hunter2x\nmysql -u root --password=S3cure!Pass')).toEqual(['hunter2x', 'S3cure!Pass']);
    expect(foundOf('PASSWORD', 'the wifi password is Blu3Sky$42 - enjoy')).toEqual(['Blu3Sky$42']);
  });
  it('ignores placeholders, masks and prose about passwords', () => {
    for (const v of ['********', '${DB_PASSWORD}', '<your-password>', '{{ .Values.pw }}', 'REDACTED', '']) {
      expect(found(JSON.stringify({ password: v }))).toEqual([]);
    }
    expect(found('Reset your password at https://app.acme.io/reset - password too short')).toEqual([]);
  });
  it('reports a DSN with a real password as one span, with nothing nested', () => {
    const dsn = 'postgresql://reporting:Vq7mX2pL9zR4@10.0.3.7:5432/analytics?sslmode=require';
    expect(found(`DATABASE_URL=${dsn}`)).toEqual([`CONNECTION_STRING:${dsn}`]);
    const ado = 'Server=tcp:sql1.corp.local,1433;Database=hr;User ID=svc;Password=Q7xk29Lm;';
    expect(found(`"${ado}"`)).toEqual([`CONNECTION_STRING:${ado}`]);
    expect(found('postgres://app:${DB_PASS}@db:5432/app')).toEqual([]);
  });
  it('finds high-entropy values in secret fields, not UUIDs or low-entropy values', () => {
    const secret = 'e7Yq2LmZ9xR4vT1bN8cW3pK6sD0fJ5gH2aQ7uI';
    expect(found(JSON.stringify({ client_secret: secret }))).toEqual([`GENERIC_SECRET:${secret}`]);
    expect(found(JSON.stringify({ client_secret: '5f8d0d55-b54a-4c5a-9b1e-8f0c2d3e4a6b', api_key: 'a'.repeat(40) }))).toEqual([]);
  });
});
