#!/usr/bin/env node
'use strict';
// Uses a server's standard services the way grpcurl does, from grpc-js:
// server reflection (list, describe, unknown symbol, calls built only from the
// descriptors the server returned) and grpc.health.v1.Health/Check.
//
//   node reflect.js --server_host=H --server_port=N [--reflection=v1|v1alpha]
//                   [--call=package.Service/Method ...] [--expect_service=NAME ...]
//                   [--timeout_ms=10000] [--token=JWT]
//
// --token sends "authorization: Bearer JWT" on the reflection stream and the
// calls (a gateway that needs a signed-in caller); health is asked without it.
//
// --call and --expect_service may be repeated or given comma-separated values.
// Prints what it finds on stdout and every failed check as "FAILED: <reason>"
// on stderr. Exit status: 0 if every check passed, 1 otherwise (usage errors
// too).

const fs = require('fs');
const path = require('path');
const protoLoader = require('@grpc/proto-loader');
const { grpc, parseArgs, protoRoot } = require('./common');

// protobufjs is the copy proto-loader depends on (not a direct dependency of
// this package); its descriptor extension decodes FileDescriptorProto bytes and
// adds Root.fromDescriptor.
const loaderDir = path.dirname(require.resolve('@grpc/proto-loader/package.json'));
const protobuf = require(require.resolve('protobufjs', { paths: [loaderDir] }));
const descriptor = require(require.resolve('protobufjs/ext/descriptor', { paths: [loaderDir] }));

const Status = grpc.status;
const STATUS_NAME = Object.fromEntries(
  Object.entries(Status)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => [v, k])
);

const REFLECTION_PROTOS = {
  v1: 'grpc/reflection/v1/reflection.proto',
  v1alpha: 'grpc/reflection/v1alpha/reflection.proto',
};
const HEALTH_PROTO = 'grpc/health/v1/health.proto';
const UNKNOWN_SYMBOL = 'no.such.pkg.NoSuchService';
const UNKNOWN_HEALTH_SERVICE = 'no.such.Service';

class Failure extends Error {}

function check(condition, message) {
  if (!condition) throw new Failure(message);
}

function statusText(s) {
  if (!s) return 'no status';
  return `${STATUS_NAME[s.code] || 'code'} (${s.code}) ${JSON.stringify(s.details)}`;
}

function withTimeout(promise, ms, what, onTimeout) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => {
        if (onTimeout) onTimeout();
        reject(new Failure(`${what}: no answer within ${ms} ms`));
      }, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------
// Local protos (reflection and health only; the services being described are
// never loaded from local files).

function loadLocal(rel) {
  const root = protoRoot();
  const file = path.join(root, rel);
  if (!fs.existsSync(file)) {
    throw new Error(
      `cannot find ${file}; install Debian's grpc-proto package or set ` +
        `GRPC_PROTO_ROOT to the directory that contains ${rel}`
    );
  }
  const definition = protoLoader.loadSync(rel, {
    includeDirs: [root],
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true, // virtual "message_request" / "message_response" fields
  });
  return grpc.loadPackageDefinition(definition);
}

// ---------------------------------------------------------------------------
// The ServerReflectionInfo stream: one request at a time, each answered by one
// response (the protocol answers requests in order).

class ReflectionStream {
  constructor(client, timeoutMs, metadata) {
    this.timeoutMs = timeoutMs;
    this.call = client.ServerReflectionInfo(metadata || new grpc.Metadata());
    this.responses = [];
    this.waiters = [];
    this.status = null;
    this.endReported = false; // a Failure already said the stream ended early
    this.call.on('data', (r) => {
      this.responses.push(r);
      this.wake();
    });
    this.call.on('error', () => {
      // The status event carries the details.
    });
    this.call.on('status', (s) => {
      this.status = s;
      this.wake();
    });
  }

  wake() {
    while (this.waiters.length > 0 && (this.responses.length > 0 || this.status)) {
      this.waiters.shift()();
    }
  }

  async ask(request, what) {
    if (this.status) {
      this.endReported = true;
      throw new Failure(`${what}: the reflection stream already ended with ${statusText(this.status)}`);
    }
    this.call.write(request);
    if (this.responses.length === 0 && !this.status) {
      await withTimeout(
        new Promise((resolve) => this.waiters.push(resolve)),
        this.timeoutMs,
        what,
        () => this.call.cancel()
      );
    }
    if (this.responses.length > 0) return this.responses.shift();
    this.endReported = true;
    throw new Failure(`${what}: the reflection stream ended without an answer: ${statusText(this.status)}`);
  }

  // Half-closes and returns the final status.
  async close() {
    this.call.end();
    if (!this.status) {
      await withTimeout(
        new Promise((resolve) => this.waiters.push(resolve)),
        this.timeoutMs,
        'closing the reflection stream',
        () => this.call.cancel()
      );
    }
    check(this.responses.length === 0, `the reflection stream sent ${this.responses.length} unrequested response(s)`);
    return this.status;
  }
}

// Checks that a response carries `kind`; an error_response becomes a Failure.
function expectKind(response, kind, what) {
  const got = response.message_response;
  if (got === 'error_response') {
    const e = response.error_response;
    throw new Failure(
      `${what}: server answered error_response ${STATUS_NAME[e.error_code] || 'code'} (${e.error_code}) ` +
        JSON.stringify(e.error_message)
    );
  }
  check(got === kind, `${what}: expected ${kind}, got ${got || 'no message_response'}`);
  return response[kind];
}

// original_request should echo the request. grpcurl does not rely on it, so
// a mismatch is reported as a warning only.
function checkEcho(response, request, what) {
  const [field] = Object.keys(request);
  const echo = response.original_request;
  if (!echo || echo.message_request !== field || echo[field] !== request[field]) {
    const got = echo ? `${echo.message_request || 'nothing'}=${JSON.stringify(echo[echo.message_request])}` : 'none';
    console.error(`WARNING: ${what}: original_request is ${got}, expected ${field}=${JSON.stringify(request[field])}`);
  }
}

// ---------------------------------------------------------------------------
// Descriptors received over the stream, keyed by file name.

class DescriptorPool {
  constructor() {
    this.files = new Map(); // name -> { proto, bytes }
  }

  // Decodes and stores one serialized FileDescriptorProto; returns its name.
  add(bytes, what) {
    let proto;
    try {
      proto = descriptor.FileDescriptorProto.decode(bytes);
    } catch (e) {
      throw new Failure(`${what}: a file_descriptor_proto does not decode as FileDescriptorProto: ${e.message}`);
    }
    check(proto.name, `${what}: a FileDescriptorProto has no name`);
    const known = this.files.get(proto.name);
    if (known) {
      check(
        Buffer.compare(known.bytes, bytes) === 0,
        `${what}: the server sent two different descriptors for ${proto.name}`
      );
    } else {
      this.files.set(proto.name, { proto, bytes: Buffer.from(bytes) });
    }
    return proto.name;
  }

  findService(fullName) {
    for (const [name, { proto }] of this.files) {
      const prefix = proto.package ? `${proto.package}.` : '';
      for (const service of proto.service || []) {
        if (prefix + service.name === fullName) return { file: name, service };
      }
    }
    return null;
  }

  // The file and its transitive dependencies, dependencies first.
  closure(fileName, what) {
    const order = [];
    const seen = new Set();
    const visit = (name, from) => {
      if (seen.has(name)) return;
      seen.add(name);
      const entry = this.files.get(name);
      check(entry, `${what}: dependency ${name} of ${from} was never received`);
      for (const dep of entry.proto.dependency || []) visit(dep, name);
      order.push(entry.proto);
    };
    visit(fileName, fileName);
    return order;
  }

  // A protobufjs Root built from the file's closure only, so that a missing
  // "dependency" entry shows up as an unresolvable type.
  root(fileName, what) {
    const files = this.closure(fileName, what);
    try {
      return protobuf.Root.fromDescriptor(descriptor.FileDescriptorSet.create({ file: files }));
    } catch (e) {
      throw new Failure(
        `${what}: the descriptors of ${fileName} and its dependencies (${files.map((f) => f.name).join(', ')}) ` +
          `do not resolve: ${e.message}`
      );
    }
  }
}

// Adds the files of a file_descriptor_response and fetches any dependency that
// is neither in it nor sent earlier on the stream. Such an omission breaks
// "with transitive dependencies" and is a failure, but like grpcurl we then
// ask for the file by name so the rest can still be checked.
async function absorb(stream, pool, response, what, failures) {
  const blobs = response.file_descriptor_proto || [];
  const before = new Set(pool.files.keys());
  const names = blobs.map((b) => pool.add(b, what));
  const pending = [...names];
  const asked = new Set();
  while (pending.length > 0) {
    const name = pending.shift();
    for (const dep of pool.files.get(name).proto.dependency || []) {
      if (pool.files.has(dep) || asked.has(dep)) continue;
      asked.add(dep);
      failures.push(
        `${what}: dependency ${dep} of ${name} is missing from the response and was not sent earlier on the stream`
      );
      const req = { file_by_filename: dep };
      const r = await stream.ask(req, `file_by_filename ${dep}`);
      checkEcho(r, req, `file_by_filename ${dep}`);
      const more = expectKind(r, 'file_descriptor_response', `file_by_filename ${dep}`).file_descriptor_proto || [];
      for (const b of more) pending.push(pool.add(b, `file_by_filename ${dep}`));
      check(pool.files.has(dep), `file_by_filename ${dep}: the response does not contain ${dep}`);
    }
  }
  return { names, fresh: names.filter((n) => !before.has(n)) };
}

async function fetchSymbol(stream, pool, symbol, failures) {
  const what = `file_containing_symbol ${symbol}`;
  const req = { file_containing_symbol: symbol };
  const response = await stream.ask(req, what);
  checkEcho(response, req, what);
  const fdr = expectKind(response, 'file_descriptor_response', what);
  const { names } = await absorb(stream, pool, fdr, what, failures);
  return names;
}

// "describe": the service, found in the received descriptors, with each
// method's request and response types resolved.
function describeService(pool, serviceName) {
  const what = `describe ${serviceName}`;
  const found = pool.findService(serviceName);
  check(found, `${what}: no received FileDescriptorProto defines service ${serviceName}`);
  const root = pool.root(found.file, what);
  let service;
  try {
    service = root.lookupService(serviceName);
  } catch (e) {
    throw new Failure(`${what}: ${e.message}`);
  }
  const methods = Object.values(service.methods);
  check(methods.length > 0, `${what}: the service has no methods`);
  const lines = methods.map((m) => {
    check(m.resolvedRequestType && m.resolvedResponseType, `${what}: method ${m.name} has unresolved types`);
    const req = m.resolvedRequestType.fullName.replace(/^\./, '');
    const res = m.resolvedResponseType.fullName.replace(/^\./, '');
    return `  rpc ${m.name}(${m.requestStream ? 'stream ' : ''}${req}) returns (${m.responseStream ? 'stream ' : ''}${res})`;
  });
  return { file: found.file, root, service, methods, lines };
}

// ---------------------------------------------------------------------------
// Unary call with types built from reflection descriptors only.

function callWithReflectedTypes(client, described, methodName, timeoutMs, metadata) {
  const { service } = described;
  const method = service.methods[methodName];
  const full = `${service.fullName.replace(/^\./, '')}/${methodName}`;
  check(method, `call ${full}: the service has no method ${methodName}`);
  check(!method.requestStream && !method.responseStream, `call ${full}: not a unary method`);
  const reqType = method.resolvedRequestType;
  const resType = method.resolvedResponseType;
  const serialize = (obj) => Buffer.from(reqType.encode(reqType.fromObject(obj)).finish());
  const deserialize = (bytes) => resType.decode(bytes);
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      `/${full}`,
      serialize,
      deserialize,
      {},
      metadata || new grpc.Metadata(),
      { deadline: Date.now() + timeoutMs },
      (err, response) => {
        if (err) {
          reject(new Failure(`call ${full}: ${statusText(err)}`));
          return;
        }
        resolve({
          full,
          json: resType.toObject(response, { longs: String, enums: String, bytes: String, json: true }),
        });
      }
    );
  });
}

// Metadata carrying "authorization: Bearer <token>", or none without a token.
function bearer(token) {
  const metadata = new grpc.Metadata();
  if (token) metadata.add('authorization', `Bearer ${token}`);
  return metadata;
}

function unary(client, method, request, timeoutMs) {
  return new Promise((resolve) => {
    client[method](request, { deadline: Date.now() + timeoutMs }, (err, response) => resolve({ err, response }));
  });
}

// ---------------------------------------------------------------------------

function listFlag(argv, name) {
  const out = [];
  const prefix = `--${name}=`;
  for (const a of argv) {
    if (a.startsWith(prefix)) {
      out.push(
        ...a
          .slice(prefix.length)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      );
    }
  }
  return out;
}

async function main() {
  const argv = process.argv.slice(2);
  const { flags, rest } = parseArgs(argv);
  const known = new Set(['server_host', 'server_port', 'reflection', 'call', 'expect_service', 'timeout_ms', 'token']);
  for (const k of Object.keys(flags)) {
    if (!known.has(k)) console.error(`warning: ignoring unknown flag --${k}`);
  }
  for (const r of rest) console.error(`warning: ignoring argument ${r}`);

  const usage = (msg) => {
    console.error(msg);
    console.error(
      'usage: node reflect.js --server_host=H --server_port=N [--reflection=v1|v1alpha] ' +
        '[--call=package.Service/Method ...] [--expect_service=NAME ...] [--timeout_ms=10000] [--token=JWT]'
    );
    return 1;
  };

  const host = flags.server_host || 'localhost';
  const port = Number(flags.server_port);
  if (!flags.server_port || !Number.isInteger(port) || port <= 0 || port > 65535) {
    return usage(`invalid or missing --server_port (${flags.server_port})`);
  }
  const version = flags.reflection || 'v1';
  if (!REFLECTION_PROTOS[version]) return usage(`--reflection must be v1 or v1alpha, got "${version}"`);
  const timeoutMs = flags.timeout_ms ? Number(flags.timeout_ms) : 10000;
  if (!(timeoutMs > 0)) return usage(`invalid --timeout_ms (${flags.timeout_ms})`);
  const expected = listFlag(argv, 'expect_service');
  const calls = [];
  for (const c of listFlag(argv, 'call')) {
    const m = /^([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\/([A-Za-z_]\w*)$/.exec(c);
    if (!m) return usage(`--call expects package.Service/Method, got "${c}"`);
    calls.push({ service: m[1], method: m[2] });
  }

  let reflectionPkg;
  let healthPkg;
  try {
    reflectionPkg = loadLocal(REFLECTION_PROTOS[version]).grpc.reflection[version];
    healthPkg = loadLocal(HEALTH_PROTO).grpc.health.v1;
  } catch (e) {
    console.error(e.message);
    return 1;
  }

  const target = host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
  const creds = grpc.credentials.createInsecure();
  const reflectionClient = new reflectionPkg.ServerReflection(target, creds);
  const healthClient = new healthPkg.Health(target, creds);
  const genericClient = new grpc.Client(target, creds);

  const signedIn = () => bearer(flags.token);
  const stream = new ReflectionStream(reflectionClient, timeoutMs, signedIn());
  const failures = [];
  const fail = (e) => {
    if (e instanceof Failure) failures.push(e.message);
    else failures.push(`unexpected error: ${e && e.stack ? e.stack : e}`);
  };
  // Runs a step; failures are recorded and the next step still runs.
  const step = async (fn) => {
    const before = failures.length;
    try {
      await fn();
    } catch (e) {
      fail(e);
    }
    for (const f of failures.slice(before)) console.error(`FAILED: ${f}`);
  };
  // Once a failure has said that the reflection stream ended early, the
  // remaining steps on it are skipped instead of failing again.
  const streamStep = (fn) => (stream.endReported ? undefined : step(fn));

  console.log(`reflection: grpc.reflection.${version}.ServerReflection at ${target}`);
  const pool = new DescriptorPool();
  const described = new Map(); // service name -> describeService() result
  let services = [];

  // 1. list_services
  await step(async () => {
    const req = { list_services: '*' };
    const r = await stream.ask(req, 'list_services');
    checkEcho(r, req, 'list_services');
    const list = expectKind(r, 'list_services_response', 'list_services');
    services = (list.service || []).map((s) => s.name);
    check(services.length > 0, 'list_services: the server listed no services');
    for (const s of services) console.log(`listed ${s}`);
    check(services.every((s) => s), 'list_services: a listed service has an empty name');
    check(new Set(services).size === services.length, `list_services: duplicate names in ${services.join(', ')}`);
    const missing = expected.filter((s) => !services.includes(s));
    check(missing.length === 0, `list_services: expected service(s) not listed: ${missing.join(', ')}`);
  });

  // 2. file_containing_symbol + describe, for every listed service
  for (const name of services) {
    await streamStep(async () => {
      const files = await fetchSymbol(stream, pool, name, failures);
      const d = describeService(pool, name);
      described.set(name, d);
      console.log(`service ${name}: methods ${d.methods.map((m) => m.name).join(', ')}`);
      console.log(`  (in ${d.file}; response carried ${files.join(', ') || 'no files'})`);
      for (const line of d.lines) console.log(line);
    });
  }

  // 3. unknown symbol -> error_response NOT_FOUND; then the stream must still
  // answer (here a second list_services, with an empty string this time) and
  // end with OK after half-close.
  await streamStep(async () => {
    const req = { file_containing_symbol: UNKNOWN_SYMBOL };
    const what = `file_containing_symbol ${UNKNOWN_SYMBOL}`;
    const r = await stream.ask(req, what);
    checkEcho(r, req, what);
    check(
      r.message_response === 'error_response',
      `${what}: expected error_response, got ${r.message_response || 'no message_response'}`
    );
    const e = r.error_response;
    check(
      e.error_code === Status.NOT_FOUND,
      `${what}: error_code is ${STATUS_NAME[e.error_code] || ''} (${e.error_code}), expected NOT_FOUND (5)`
    );
    console.log(`unknown symbol ${UNKNOWN_SYMBOL}: error_response NOT_FOUND (5) ${JSON.stringify(e.error_message)}`);
  });
  await streamStep(async () => {
    const req = { list_services: '' };
    const r = await stream.ask(req, 'list_services after the error');
    checkEcho(r, req, 'list_services after the error');
    const again = (expectKind(r, 'list_services_response', 'list_services after the error').service || []).map(
      (s) => s.name
    );
    check(
      again.join() === services.join(),
      `list_services after the error: got [${again.join(', ')}], expected [${services.join(', ')}]`
    );
  });
  await streamStep(async () => {
    check(!stream.status, `reflection stream: ended with ${statusText(stream.status)} before the client half-closed`);
    const status = await stream.close();
    check(status.code === Status.OK, `reflection stream: ended with ${statusText(status)} after half-close`);
    console.log('reflection stream: OK after half-close');
  });

  // 4. calls built only from reflected descriptors
  for (const c of calls) {
    await step(async () => {
      const full = `${c.service}/${c.method}`;
      let d = described.get(c.service);
      if (!d) {
        // Not listed (or its describe failed): ask for it on a new stream.
        const s = new ReflectionStream(reflectionClient, timeoutMs, signedIn());
        await fetchSymbol(s, pool, c.service, failures);
        await s.close();
        d = describeService(pool, c.service);
      }
      const { json } = await callWithReflectedTypes(genericClient, d, c.method, timeoutMs, signedIn());
      console.log(`call ${full} (types from reflection): OK ${JSON.stringify(json)}`);
    });
  }

  // 5. health, from the local health.proto
  await step(async () => {
    const { err, response } = await unary(healthClient, 'Check', { service: '' }, timeoutMs);
    check(!err, `Health/Check "": ${statusText(err)}`);
    check(response.status === 'SERVING', `Health/Check "": status ${response.status}, expected SERVING`);
    console.log('health Check "": SERVING');
  });
  await step(async () => {
    const { err, response } = await unary(healthClient, 'Check', { service: UNKNOWN_HEALTH_SERVICE }, timeoutMs);
    check(err, `Health/Check "${UNKNOWN_HEALTH_SERVICE}": succeeded with ${JSON.stringify(response)}, expected NOT_FOUND`);
    check(
      err.code === Status.NOT_FOUND,
      `Health/Check "${UNKNOWN_HEALTH_SERVICE}": ${statusText(err)}, expected NOT_FOUND (5)`
    );
    console.log(`health Check "${UNKNOWN_HEALTH_SERVICE}": NOT_FOUND (5)`);
  });

  reflectionClient.close();
  healthClient.close();
  genericClient.close();

  if (failures.length > 0) {
    console.log(`FAIL: ${failures.length} check(s) failed`);
    return 1;
  }
  console.log('PASS');
  return 0;
}

module.exports = {
  Failure, check, statusText, loadLocal, bearer, ReflectionStream, DescriptorPool, fetchSymbol, describeService,
  callWithReflectedTypes, STATUS_NAME,
};

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`reflect error: ${e && e.stack ? e.stack : e}`);
      process.exit(1);
    }
  );
}
