import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { InputError } from '../errors/errors.js';

/** Ed25519 from node:crypto: no dependency, and `openssl pkeyutl -verify -rawin` checks the same bytes. */
export interface SigningKeyPair {
  privatePem: string;
  publicPem: string;
  fingerprint: `sha256:${string}`;
}

export function generateSigningKeyPair(): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: keyFingerprint(publicKey),
  };
}

/** sha256 of the DER SubjectPublicKeyInfo: `openssl pkey -pubin -outform DER | sha256sum` prints the same. */
export function keyFingerprint(publicKey: KeyObject): `sha256:${string}` {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

export function loadPrivateKey(pem: string | Buffer, file: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw keyError(file, 'is not a PEM private key (make one with `annexa keys generate`)');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw keyError(file, 'is not an Ed25519 key');
  return key;
}

export function loadPublicKey(pem: string | Buffer, file: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw keyError(file, 'is not a PEM public key');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw keyError(file, 'is not an Ed25519 key');
  return key;
}

export function signBytes(bytes: Uint8Array, privateKey: KeyObject): Buffer {
  return sign(null, bytes, privateKey);
}

export function verifyBytes(bytes: Uint8Array, signature: Uint8Array, publicKey: KeyObject): boolean {
  try {
    return verify(null, bytes, publicKey, signature);
  } catch {
    return false;
  }
}

function keyError(file: string, message: string): InputError {
  // Never echo the file's content: it may be a private key.
  return new InputError('usage', [{ location: { file }, message }]);
}
