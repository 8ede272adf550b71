import { describe, expect, it } from 'vitest';
import { found, foundOf } from './helpers';

describe('AWS_SECRET_KEY context', () => {
  it('takes `secret_key` as the AWS secret next to an AWS provider or access key id', () => {
    const tf = 'provider "aws" {\n  region = "us-west-2"\n  secret_key = "Qx4dV8mK2pLr7TnW9zYb3HcF6gJs1eUo5iRa0NvE"\n}';
    expect(foundOf('AWS_SECRET_KEY', tf)).toEqual(['Qx4dV8mK2pLr7TnW9zYb3HcF6gJs1eUo5iRa0NvE']);
    expect(foundOf('AWS_SECRET_KEY', 'AWS Secret Access Key [****]: Qx4dV8mK2pLr7TnW9zYb3HcF6gJs1eUo5iRa0NvE')).toHaveLength(1);
  });
  it('a `secret_key` elsewhere is a generic secret', () => {
    const minio = 'provider "minio" {\n  secret_key = "Qx4dV8mK2pLr7TnW9zYb3HcF6gJs1eUo5iRa0NvE"\n}';
    expect(found(minio)).toEqual(['GENERIC_SECRET:Qx4dV8mK2pLr7TnW9zYb3HcF6gJs1eUo5iRa0NvE']);
  });
});

describe('GENERIC_SECRET forms', () => {
  it('judges hex values against the hex alphabet, and reads secret flags', () => {
    expect(foundOf('GENERIC_SECRET', 'SENTRY_AUTH_TOKEN=5c1e07a9b3d24f86a0e9c7b1d35f2a48')).toEqual(['5c1e07a9b3d24f86a0e9c7b1d35f2a48']);
    expect(foundOf('GENERIC_SECRET', 'vault login --client-secret Tq8~vR2mLx9KpZ4wNc7YhB1sDf6GjE3aUi0oXe5q')).toHaveLength(1);
    expect(foundOf('GENERIC_SECRET', 'az login --service-principal -u 0f6c2d1e-4a3b-4c5d-8e9f-1a2b3c4d5e6f -p Tq8~vR2mLx9KpZ4wNc7YhB1sDf6GjE3aUi0oXe5q --tenant x')).toEqual([
      'Tq8~vR2mLx9KpZ4wNc7YhB1sDf6GjE3aUi0oXe5q',
    ]);
  });
  it('leaves repetitive hex and low-entropy flags alone', () => {
    expect(found('SENTRY_AUTH_TOKEN=abababababababababababababababab')).toEqual([]);
    expect(found('tool --token aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbb')).toEqual([]);
  });
});

describe('PASSWORD sentences and tools', () => {
  it('reads "the password for X is Y" in other languages', () => {
    expect(foundOf('PASSWORD', 'Das Kennwort für das WLAN lautet Gr8!Wolke-77.')).toEqual(['Gr8!Wolke-77']);
    expect(foundOf('PASSWORD', 'Le mot de passe du routeur est Ch4t#Noir9')).toEqual(['Ch4t#Noir9']);
    expect(foundOf('PASSWORD', 'A senha do painel é Lua!2024x')).toEqual(['Lua!2024x']);
  });
  it('needs the verb after a "for X" clause, and a password-like value', () => {
    expect(found('The password for the staging-db is rotated weekly.')).toEqual([]);
    expect(found('Das Passwort für den Server ist geheim.')).toEqual([]);
  });
  it('reads passwords passed as tool arguments', () => {
    expect(foundOf('PASSWORD', 'htpasswd -bc /srv/.htpasswd deploy Tr0ub4dor&3')).toEqual(['Tr0ub4dor&3']);
    expect(foundOf('PASSWORD', 'sshpass -p N0rth!Gate ssh ops@10.1.4.2')).toEqual(['N0rth!Gate']);
    expect(found('htpasswd -c /srv/.htpasswd deploy')).toEqual([]);
  });
});

describe('CONNECTION_STRING libpq keywords', () => {
  it('spans a keyword/value string with a password as one finding', () => {
    const dsn = 'host=db.internal.lan port=6432 dbname=ledger user=svc password=Wq7!rT2p sslmode=verify-full';
    expect(found(`psql "${dsn}"`)).toEqual([`CONNECTION_STRING:${dsn}`]);
  });
  it('needs a server or database key and a real password', () => {
    expect(foundOf('CONNECTION_STRING', 'user=svc password=Wq7!rT2p')).toEqual([]);
    expect(foundOf('CONNECTION_STRING', 'host=db.internal.lan dbname=ledger password=${PGPASSWORD}')).toEqual([]);
  });
});
