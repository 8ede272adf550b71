import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  scryptSync,
  sign,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rawPublicKey } from './ed25519';
import { writeFileAtomic } from './files';
import { noteKeyId } from './signed-note';
import type { NoteSigner } from './signed-note';

/**
 * Supplies the passphrase that encrypts the instance key at rest. Headless: from the
 * environment or a prompt; desktop: from the OS keystore. Called only when needed.
 */
export type PassphraseSource = () => string | Buffer;

export interface InstanceKey extends NoteSigner {
  readonly privateKey: KeyObject;
}

export const DEFAULT_KEY_FILE = 'instance.key';
const FORMAT = 'portcullis-instance-key/v1';
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

type StoredPrivateKey =
  | { encoding: 'plain'; pkcs8: string }
  | {
      encoding: 'scrypt-aes-256-gcm';
      salt: string;
      n: number;
      r: number;
      p: number;
      iv: string;
      tag: string;
      ciphertext: string;
    };

interface KeyFile {
  format: typeof FORMAT;
  name: string;
  public_key: string;
  private_key: StoredPrivateKey;
}

function instanceKey(name: string, privateKey: KeyObject, publicKey: Buffer): InstanceKey {
  return {
    name,
    publicKey,
    keyId: noteKeyId(name, publicKey),
    privateKey,
    sign: (message) => sign(null, message, privateKey),
  };
}

export function generateInstanceKey(name: string): InstanceKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return instanceKey(name, privateKey, rawPublicKey(publicKey));
}

function encrypt(pkcs8: Buffer, passphrase: string | Buffer): StoredPrivateKey {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = scryptSync(passphrase, salt, 32, SCRYPT);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  return {
    encoding: 'scrypt-aes-256-gcm',
    salt: salt.toString('base64'),
    n: SCRYPT.N,
    r: SCRYPT.r,
    p: SCRYPT.p,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

function decrypt(stored: StoredPrivateKey, file: string, passphrase?: PassphraseSource): Buffer {
  if (stored.encoding === 'plain') return Buffer.from(stored.pkcs8, 'base64');
  if (!passphrase) throw new Error(`instance key ${file} is encrypted: a passphrase is required`);
  const key = scryptSync(passphrase(), Buffer.from(stored.salt, 'base64'), 32, {
    N: stored.n,
    r: stored.r,
    p: stored.p,
    maxmem: SCRYPT.maxmem,
  });
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(stored.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(stored.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(stored.ciphertext, 'base64')), decipher.final()]);
  } catch {
    throw new Error(`wrong passphrase for instance key ${file}`);
  }
}

/** Writes the key 0600; encrypted when a passphrase source is given. */
export function writeInstanceKey(file: string, key: InstanceKey, passphrase?: PassphraseSource): void {
  const pkcs8 = key.privateKey.export({ format: 'der', type: 'pkcs8' });
  const content: KeyFile = {
    format: FORMAT,
    name: key.name,
    public_key: key.publicKey.toString('base64'),
    private_key: passphrase ? encrypt(pkcs8, passphrase()) : { encoding: 'plain', pkcs8: pkcs8.toString('base64') },
  };
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`, 0o600);
}

function readKeyFile(file: string): KeyFile {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<KeyFile>;
  if (parsed.format !== FORMAT || typeof parsed.name !== 'string' || typeof parsed.public_key !== 'string') {
    throw new Error(`${file} is not a Portcullis instance key`);
  }
  return parsed as KeyFile;
}

export function readInstanceKey(file: string, passphrase?: PassphraseSource): InstanceKey {
  const stored = readKeyFile(file);
  const privateKey = createPrivateKey({ key: decrypt(stored.private_key, file, passphrase), format: 'der', type: 'pkcs8' });
  const publicKey = Buffer.from(stored.public_key, 'base64');
  if (!rawPublicKey(createPublicKey(privateKey)).equals(publicKey)) {
    throw new Error(`instance key ${file}: public key does not belong to the private key`);
  }
  return instanceKey(stored.name, privateKey, publicKey);
}

/** Public half only: what verification needs, no passphrase. */
export function readInstancePublicKey(file: string): { name: string; publicKey: Buffer } | undefined {
  if (!existsSync(file)) return undefined;
  const stored = readKeyFile(file);
  return { name: stored.name, publicKey: Buffer.from(stored.public_key, 'base64') };
}
