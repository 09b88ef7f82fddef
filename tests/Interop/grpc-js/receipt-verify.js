#!/usr/bin/env node
'use strict';
// An independent verifier of the bid service's signed receipts, written from
// docs/receipts.md with nothing but Node's own crypto: it shares no code with
// the suite.
//
//   node receipt-verify.js --keys=URL|FILE RECEIPT.json [RECEIPT.json ...]
//
// --keys is a JSON Web Key Set: the gateway's
// http://HOST:5180/.well-known/receipt-keys.json (fetched without a token,
// within --timeout_ms, default 10000) or a file. Each receipt is a receipt in
// the proto JSON mapping, as `procurement bid submit --receipt` saves it. For
// each, one line: "VALID <file>: ..." or "INVALID <file>: <why>". Exit status 0
// when every receipt is valid, 1 when any is not, 2 for a usage or key-set error.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const FORMAT = 'procurement.receipt/v1';
const ALGORITHM = 'ES256';

// "2022-10-30T16:45:00Z" or with 1 to 9 fractional digits (the proto JSON
// mapping of google.protobuf.Timestamp) -> exactly nine digits, the one
// spelling the signed payload uses.
function payloadTime(text) {
  if (text === undefined || text === '') return '';
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/.exec(text);
  if (!match) throw new Error(`receivedAt '${text}' is not an RFC 3339 UTC time`);
  return `${match[1]}.${(match[2] || '').padEnd(9, '0')}Z`;
}

// The signed bytes: "name:length:value\n" per field, length in UTF-8 bytes.
function payload(receipt) {
  const fields = [
    ['format', receipt.signatureFormat ?? ''],
    ['algorithm', receipt.signatureAlgorithm ?? ''],
    ['key_id', receipt.keyId ?? ''],
    ['bid_id', receipt.bidId ?? ''],
    ['version', String(receipt.version ?? 0)],
    ['tender_id', receipt.tenderId ?? ''],
    ['supplier', receipt.supplier ?? ''],
    ['received_at', payloadTime(receipt.receivedAt)],
    ['digest_sha256', receipt.digestSha256 ?? ''],
  ];
  return Buffer.concat(fields.map(([name, value]) =>
    Buffer.concat([Buffer.from(`${name}:${Buffer.byteLength(value, 'utf8')}:`, 'ascii'), Buffer.from(value, 'utf8'), Buffer.from('\n')])));
}

// The EC P-256 signing keys of a JSON Web Key Set, by kid.
function keysOf(jwks) {
  if (!jwks || !Array.isArray(jwks.keys)) throw new Error('not a JSON Web Key Set: no "keys" array');
  const keys = new Map();
  for (const jwk of jwks.keys) {
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') continue;
    if (jwk.use !== undefined && jwk.use !== 'sig') continue;
    if (jwk.alg !== undefined && jwk.alg !== ALGORITHM) continue;
    keys.set(jwk.kid, crypto.createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' }));
  }
  return keys;
}

// { valid, why }
function verify(receipt, keys) {
  if (!receipt.signature) return { valid: false, why: 'signature is missing: the receipt is not signed' };
  if (receipt.signatureFormat !== FORMAT) return { valid: false, why: `signature_format is '${receipt.signatureFormat ?? ''}', not ${FORMAT}` };
  if (receipt.signatureAlgorithm !== ALGORITHM) return { valid: false, why: `signature_algorithm is '${receipt.signatureAlgorithm ?? ''}', not ${ALGORITHM}` };
  const key = keys.get(receipt.keyId);
  if (!key) return { valid: false, why: `key_id '${receipt.keyId ?? ''}' is not in the key set (${[...keys.keys()].join(', ')})` };
  let bytes;
  try {
    bytes = payload(receipt);
  } catch (e) {
    return { valid: false, why: e.message };
  }
  const signature = Buffer.from(receipt.signature, 'base64');
  const ok = signature.length === 64 &&
    crypto.verify('sha256', bytes, { key, dsaEncoding: 'ieee-p1363' }, signature);
  return ok
    ? { valid: true, why: `signature verifies with key ${receipt.keyId}` }
    : { valid: false, why: `signature does not verify with key ${receipt.keyId}` };
}

async function loadKeySet(where, timeoutMs) {
  if (/^https?:\/\//.test(where)) {
    const response = await fetch(where, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`${where}: HTTP ${response.status}`);
    return response.json();
  }
  return JSON.parse(fs.readFileSync(where, 'utf8'));
}

async function main(argv) {
  const options = {};
  const files = [];
  for (const arg of argv) {
    const match = /^--([a-z_]+)=(.*)$/.exec(arg);
    if (match) options[match[1]] = match[2];
    else files.push(arg);
  }
  if (!options.keys || files.length === 0) {
    console.error('usage: node receipt-verify.js --keys=URL|FILE [--timeout_ms=10000] RECEIPT.json [...]');
    return 2;
  }
  let keys;
  try {
    keys = keysOf(await loadKeySet(options.keys, Number(options.timeout_ms ?? 10000)));
  } catch (e) {
    console.error(`key set ${options.keys}: ${e.message}`);
    return 2;
  }
  console.log(`keys: ${keys.size} from ${options.keys}: ${[...keys.keys()].join(', ')}`);
  let allValid = true;
  for (const file of files) {
    const receipt = JSON.parse(fs.readFileSync(file, 'utf8'));
    const { valid, why } = verify(receipt, keys);
    allValid &&= valid;
    const what = valid ? `; bid ${receipt.bidId} version ${receipt.version} of ${receipt.supplier}, received ${receipt.receivedAt}, digest ${receipt.digestSha256}` : '';
    console.log(`${valid ? 'VALID' : 'INVALID'} ${path.basename(file)}: ${why}${what}`);
  }
  return allValid ? 0 : 1;
}

module.exports = { payload, payloadTime, keysOf, verify };

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
