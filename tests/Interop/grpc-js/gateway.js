#!/usr/bin/env node
'use strict';
// A foreign gRPC peer (grpc-js) at the suite's gateway, knowing nothing of the
// suite but what the gateway's reflection tells it:
//
//   node gateway.js --target=HOST:PORT --token=JWT [--timeout_ms=10000]
//
// JWT is a procurement officer's bearer token. Each case prints one line,
// "ok <case>: ..." or "FAILED <case>: ...". Exit status 0 when every case
// passed, 1 otherwise.
//
// Cases: health (no token), the tender service's types from reflection, a
// signed-in call and one without a token (metadata in), a deadline that
// expires, a cancelled call, a refusal in the rich error model decoded field by
// field (metadata out: grpc-status-details-bin), and an over-limit message.

const { grpc, parseArgs } = require('./common');
const {
  Failure, check, statusText, loadLocal, bearer, ReflectionStream, DescriptorPool, fetchSymbol, describeService,
} = require('./reflect');

const path = require('path');
const loaderDir = path.dirname(require.resolve('@grpc/proto-loader/package.json'));
const protobuf = require(require.resolve('protobufjs', { paths: [loaderDir] }));

const TENDER_SERVICE = 'procurement.tender.v1.TenderService';
const Status = grpc.status;

// google.rpc.Status and google.rpc.BadRequest, declared from their published
// field numbers: the peer decodes the standard trailer without our protos.
const rich = (() => {
  const root = new protobuf.Root();
  root.define('google.protobuf').add(
    new protobuf.Type('Any').add(new protobuf.Field('type_url', 1, 'string')).add(new protobuf.Field('value', 2, 'bytes'))
  );
  const rpc = root.define('google.rpc');
  rpc.add(
    new protobuf.Type('Status')
      .add(new protobuf.Field('code', 1, 'int32'))
      .add(new protobuf.Field('message', 2, 'string'))
      .add(new protobuf.Field('details', 3, 'google.protobuf.Any', 'repeated'))
  );
  const violation = new protobuf.Type('FieldViolation')
    .add(new protobuf.Field('field', 1, 'string'))
    .add(new protobuf.Field('description', 2, 'string'));
  rpc.add(
    new protobuf.Type('BadRequest')
      .add(violation)
      .add(new protobuf.Field('field_violations', 1, 'FieldViolation', 'repeated'))
  );
  root.resolveAll();
  return { Status: root.lookupType('google.rpc.Status'), BadRequest: root.lookupType('google.rpc.BadRequest') };
})();

// A unary call of the tender service with types from reflection; resolves to
// { err, response, trailers }.
function call(client, service, method, request, { metadata, deadline, cancelAfter } = {}) {
  const m = service.methods[method];
  check(m, `the reflected ${TENDER_SERVICE} has no method ${method}`);
  const reqType = m.resolvedRequestType;
  const resType = m.resolvedResponseType;
  return new Promise((resolve) => {
    let trailers = null;
    const c = client.makeUnaryRequest(
      `/${TENDER_SERVICE}/${method}`,
      (obj) => Buffer.from(reqType.encode(reqType.fromObject(obj)).finish()),
      (bytes) => resType.toObject(resType.decode(bytes), { longs: String, enums: String, json: true }),
      request,
      metadata || new grpc.Metadata(),
      { deadline },
      (err, response) => resolve({ err, response, trailers: err ? err.metadata : trailers })
    );
    c.on('status', (s) => {
      trailers = s.metadata;
    });
    if (cancelAfter !== undefined) setImmediate(() => c.cancel());
  });
}

async function main() {
  const { flags } = parseArgs(process.argv.slice(2));
  const target = flags.target;
  const token = flags.token;
  const timeoutMs = flags.timeout_ms ? Number(flags.timeout_ms) : 10000;
  if (!target || !token || !(timeoutMs > 0)) {
    console.error('usage: node gateway.js --target=HOST:PORT --token=JWT [--timeout_ms=10000]');
    return 1;
  }
  const soon = () => Date.now() + timeoutMs;
  const creds = grpc.credentials.createInsecure();
  const failed = [];
  const run = async (name, fn) => {
    try {
      console.log(`ok ${name}: ${await fn()}`);
    } catch (e) {
      failed.push(name);
      console.log(`FAILED ${name}: ${e instanceof Failure ? e.message : e && e.stack ? e.stack : e}`);
    }
  };

  const health = new (loadLocal('grpc/health/v1/health.proto').grpc.health.v1.Health)(target, creds);
  const reflection = new (loadLocal('grpc/reflection/v1/reflection.proto').grpc.reflection.v1.ServerReflection)(target, creds);
  const client = new grpc.Client(target, creds);

  await run('health', async () => {
    const answers = [];
    for (const service of ['', TENDER_SERVICE]) {
      const status = await new Promise((resolve, reject) =>
        health.Check({ service }, { deadline: soon() }, (err, r) => (err ? reject(new Failure(`Check "${service}": ${statusText(err)}`)) : resolve(r.status)))
      );
      check(status === 'SERVING', `Check "${service}": ${status}, expected SERVING`);
      answers.push(`"${service}" SERVING`);
    }
    return `without a token: ${answers.join(', ')}`;
  });

  let service;
  await run('reflection', async () => {
    const stream = new ReflectionStream(reflection, timeoutMs, bearer(token));
    const pool = new DescriptorPool();
    const problems = [];
    await fetchSymbol(stream, pool, TENDER_SERVICE, problems);
    check(problems.length === 0, problems.join('; '));
    await stream.close();
    service = describeService(pool, TENDER_SERVICE).service;
    return `${TENDER_SERVICE} described: ${Object.keys(service.methods).length} methods`;
  });
  if (!service) {
    console.log('FAIL: without the reflected types no further case can run');
    return 1;
  }

  await run('metadata-in', async () => {
    const signed = await call(client, service, 'ListTenders', {}, { metadata: bearer(token), deadline: soon() });
    check(!signed.err, `ListTenders signed in: ${statusText(signed.err)}`);
    const anonymous = await call(client, service, 'ListTenders', {}, { deadline: soon() });
    check(anonymous.err && anonymous.err.code === Status.UNAUTHENTICATED,
      `ListTenders without a token: ${statusText(anonymous.err)}, expected UNAUTHENTICATED`);
    return `the bearer token in the request metadata signs the caller in (without it: UNAUTHENTICATED ${JSON.stringify(anonymous.err.details)})`;
  });

  await run('deadline', async () => {
    const r = await call(client, service, 'ListTenders', {}, { metadata: bearer(token), deadline: Date.now() + 1 });
    check(r.err && r.err.code === Status.DEADLINE_EXCEEDED, `a 1 ms deadline: ${statusText(r.err)}, expected DEADLINE_EXCEEDED`);
    return 'a 1 ms deadline ends DEADLINE_EXCEEDED';
  });

  await run('cancel', async () => {
    const r = await call(client, service, 'ListTenders', {}, { metadata: bearer(token), deadline: soon(), cancelAfter: 0 });
    check(r.err && r.err.code === Status.CANCELLED, `a cancelled call: ${statusText(r.err)}, expected CANCELLED`);
    return 'a call cancelled by the client ends CANCELLED';
  });

  await run('rich-error', async () => {
    const draft = await call(client, service, 'CreateDraft', { content: {} }, { metadata: bearer(token), deadline: soon() });
    check(!draft.err, `CreateDraft: ${statusText(draft.err)}`);
    const refused = await call(client, service, 'Publish', { tender_id: draft.response.id, expected_version: draft.response.version },
      { metadata: bearer(token), deadline: soon() });
    check(refused.err && refused.err.code === Status.INVALID_ARGUMENT, `Publish of an empty draft: ${statusText(refused.err)}, expected INVALID_ARGUMENT`);
    const details = refused.trailers && refused.trailers.get('grpc-status-details-bin');
    check(details && details.length === 1, 'the refusal carries no grpc-status-details-bin trailer');
    const status = rich.Status.decode(details[0]);
    check(status.code === Status.INVALID_ARGUMENT, `google.rpc.Status code ${status.code}, expected 3`);
    check(status.message === refused.err.details, 'google.rpc.Status message differs from grpc-message');
    const badRequest = status.details.find((a) => a.type_url === 'type.googleapis.com/google.rpc.BadRequest');
    check(badRequest, `no google.rpc.BadRequest among the details (${status.details.map((a) => a.type_url).join(', ')})`);
    const violations = rich.BadRequest.decode(badRequest.value).field_violations;
    check(violations.length > 0 && violations.every((v) => v.field && v.description), 'BadRequest has no complete field violation');
    for (const v of violations) console.log(`  ${v.field}: ${v.description}`);
    return `INVALID_ARGUMENT with ${violations.length} field violation(s) decoded from grpc-status-details-bin`;
  });

  await run('over-limit', async () => {
    const title = 'x'.repeat(5 * 1024 * 1024);
    const r = await call(client, service, 'CreateDraft', { content: { title } }, { metadata: bearer(token), deadline: soon() });
    check(r.err && r.err.code === Status.RESOURCE_EXHAUSTED, `a 5 MiB request: ${statusText(r.err)}, expected RESOURCE_EXHAUSTED`);
    return `a 5 MiB request ends RESOURCE_EXHAUSTED: ${JSON.stringify(r.err.details)}`;
  });

  health.close();
  reflection.close();
  client.close();
  console.log(failed.length === 0 ? 'PASS' : `FAIL: ${failed.join(', ')}`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`gateway error: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
  }
);
