'use strict';
// The independent receipt verifier against a receipt signed with the public
// development key (fixtures/, signed with openssl from the bytes docs/receipts.md
// describes): it verifies, and any field changed makes it fail.

const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { payload, payloadTime, keysOf, verify } = require('../receipt-verify');

const fixtures = path.join(__dirname, 'fixtures');
const receipt = require('./fixtures/development-receipt.json');
const keys = keysOf(require('./fixtures/development-keys.json'));

test('the payload is the documented bytes', () => {
  assert.strictEqual(payload(receipt).toString('utf8'),
    'format:22:procurement.receipt/v1\nalgorithm:5:ES256\nkey_id:11:development\n' +
    'bid_id:36:b7e0c1d2-3a4b-4c5d-8e9f-a0b1c2d3e4f5\nversion:1:1\ntender_id:36:6a1d5a8e-2f3c-4b7e-9d41-0c2e7f5b9a10\n' +
    'supplier:14:victim-support\nreceived_at:30:2022-10-30T16:45:00.000000000Z\n' +
    'digest_sha256:64:04bc2f3fb16062fe63df258bf94e9fef55377df8404087156547c475a8f04bee\n');
});

test('times take exactly nine fractional digits', () => {
  assert.strictEqual(payloadTime('2022-10-30T16:45:00Z'), '2022-10-30T16:45:00.000000000Z');
  assert.strictEqual(payloadTime('2022-10-30T16:45:00.123456Z'), '2022-10-30T16:45:00.123456000Z');
  assert.throws(() => payloadTime('2022-10-30T16:45:00+01:00'));
});

test('the signed receipt verifies', () => {
  assert.deepStrictEqual(verify(receipt, keys), { valid: true, why: 'signature verifies with key development' });
});

const alterations = {
  bidId: 'b7e0c1d2-3a4b-4c5d-8e9f-a0b1c2d3e4f6',
  version: 2,
  tenderId: '6a1d5a8e-2f3c-4b7e-9d41-0c2e7f5b9a11',
  supplier: 'catch-22',
  receivedAt: '2022-10-30T16:45:01Z',
  digestSha256: '0'.repeat(64),
  keyId: 'k2',
  signatureFormat: 'procurement.receipt/v2',
  signatureAlgorithm: 'ES384',
  signature: Buffer.alloc(64, 1).toString('base64'),
};

for (const [field, value] of Object.entries(alterations)) {
  test(`a changed ${field} is rejected`, () => {
    const result = verify({ ...receipt, [field]: value }, keys);
    assert.strictEqual(result.valid, false, result.why);
  });
}

test('a receipt one microsecond later is rejected', () => {
  assert.strictEqual(verify({ ...receipt, receivedAt: '2022-10-30T16:45:00.000001Z' }, keys).valid, false);
});

test('the command line says VALID or INVALID for each file, and exits 1 if any is invalid', () => {
  const run = spawnSync(process.execPath, [path.join(__dirname, '..', 'receipt-verify.js'),
    `--keys=${path.join(fixtures, 'development-keys.json')}`, path.join(fixtures, 'development-receipt.json')], { encoding: 'utf8' });
  assert.strictEqual(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^VALID development-receipt\.json: signature verifies with key development/m);
});
