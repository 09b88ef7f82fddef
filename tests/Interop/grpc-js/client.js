#!/usr/bin/env node
'use strict';
// grpc-js interop test client: runs the client test cases of the gRPC interop
// test descriptions against a grpc.testing.TestService server.
//
//   node client.js --server_host=H --server_port=N --test_case=NAME[,NAME...|all]
//                  [--use_tls=false] [--server_host_override=AUTHORITY]
//                  [--skip=NAME,...] [--case_timeout_ms=30000]
//
// Exit status: 0 = passed, 1 = failed (reason on stderr), 2 = unsupported
// (prints "unsupported: <case>"). With several cases: 1 if any failed, else 2
// if none passed and some were unsupported, else 0.

const {
  grpc,
  parseArgs,
  parseBool,
  loadTestingPackage,
  installClientCompressionHook,
  withCompressionTags,
  wasCompressed,
} = require('./common');

const Status = grpc.status;
const STATUS_NAME = Object.fromEntries(
  Object.entries(Status)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => [v, k])
);

const ECHO_INITIAL = 'x-grpc-test-echo-initial';
const ECHO_INITIAL_VALUE = 'test_initial_metadata_value';
const ECHO_TRAILING = 'x-grpc-test-echo-trailing-bin';
const ECHO_TRAILING_VALUE = Buffer.from([0xab, 0xab, 0xab]);
const GZIP = grpc.compressionAlgorithms.gzip;
const WRITE_NO_COMPRESS = 2; // grpc-js WriteFlags.NoCompress

class CaseFailure extends Error {}
class Unsupported extends Error {}

function check(condition, message) {
  if (!condition) throw new CaseFailure(message);
}

function statusText(s) {
  if (!s) return 'no status';
  return `${STATUS_NAME[s.code] || s.code} (${s.code}) ${JSON.stringify(s.details)}`;
}

function zeros(n) {
  return Buffer.alloc(n);
}

function bodyOf(message) {
  return message && message.payload && message.payload.body ? message.payload.body : Buffer.alloc(0);
}

function checkZeroBody(message, size, what) {
  const body = bodyOf(message);
  check(body.length === size, `${what}: payload body is ${body.length} bytes, expected ${size}`);
  check(body.every((b) => b === 0), `${what}: payload body is not all zeros`);
}

// ---- Call helpers ---------------------------------------------------------

// Runs a unary call; resolves with { error, response, headers, status } once
// both the callback and the status event have arrived.
function unary(client, method, request, options = {}) {
  return new Promise((resolve) => {
    const out = { error: null, response: null, headers: null, status: null };
    let pending = 2;
    const done = () => {
      if (--pending === 0) resolve(out);
    };
    const call = client[method](
      request,
      options.metadata || new grpc.Metadata(),
      options.callOptions || {},
      (err, response) => {
        out.error = err;
        out.response = response;
        done();
      }
    );
    call.on('metadata', (md) => {
      out.headers = md;
    });
    call.on('status', (s) => {
      out.status = s;
      done();
    });
  });
}

// Wraps a readable gRPC call so messages can be awaited one at a time.
// next() resolves to { message } or { end: true, status }.
class Reader {
  constructor(call) {
    this.call = call;
    this.headers = null;
    this.status = null;
    this.messages = [];
    this.waiters = [];
    this.ended = false;
    call.on('metadata', (md) => {
      this.headers = md;
    });
    call.on('data', (m) => {
      this.messages.push(m);
      this.wake();
    });
    call.on('error', () => {
      // The status event carries the details; keep the stream from throwing.
    });
    call.on('status', (s) => {
      this.status = s;
      this.ended = true;
      this.wake();
    });
  }

  wake() {
    while (this.waiters.length > 0 && (this.messages.length > 0 || this.ended)) {
      this.waiters.shift()();
    }
  }

  async next() {
    if (this.messages.length === 0 && !this.ended) {
      await new Promise((resolve) => this.waiters.push(resolve));
    }
    if (this.messages.length > 0) return { message: this.messages.shift() };
    return { end: true, status: this.status };
  }

  // Collects every remaining message and the final status.
  async drain() {
    const messages = [];
    for (;;) {
      const r = await this.next();
      if (r.end) return { messages, status: r.status };
      messages.push(r.message);
    }
  }
}

// Waits for the status of a client-streaming call created with a callback.
function clientStreaming(client, method, options = {}) {
  let resolveResult;
  const result = new Promise((resolve) => {
    resolveResult = resolve;
  });
  const out = { error: null, response: null, headers: null, status: null };
  let pending = 2;
  const done = () => {
    if (--pending === 0) resolveResult(out);
  };
  const call = client[method](
    options.metadata || new grpc.Metadata(),
    options.callOptions || {},
    (err, response) => {
      out.error = err;
      out.response = response;
      done();
    }
  );
  call.on('metadata', (md) => {
    out.headers = md;
  });
  call.on('status', (s) => {
    out.status = s;
    done();
  });
  return { call, result };
}

function echoMetadata() {
  const md = new grpc.Metadata();
  md.set(ECHO_INITIAL, ECHO_INITIAL_VALUE);
  md.set(ECHO_TRAILING, ECHO_TRAILING_VALUE);
  return md;
}

function checkEchoedMetadata(headers, trailers, what) {
  const initial = headers ? headers.get(ECHO_INITIAL) : [];
  check(
    initial.length === 1 && initial[0] === ECHO_INITIAL_VALUE,
    `${what}: initial metadata ${ECHO_INITIAL} is ${JSON.stringify(initial)}, expected ["${ECHO_INITIAL_VALUE}"]`
  );
  const trailing = trailers ? trailers.get(ECHO_TRAILING) : [];
  check(
    trailing.length === 1 && Buffer.isBuffer(trailing[0]) && trailing[0].equals(ECHO_TRAILING_VALUE),
    `${what}: trailing metadata ${ECHO_TRAILING} is ` +
      `[${trailing.map((v) => (Buffer.isBuffer(v) ? '0x' + v.toString('hex') : JSON.stringify(v))).join(', ')}]` +
      ', expected [0xababab]'
  );
}

function checkOk(result, what) {
  const s = result.status;
  check(s && s.code === Status.OK, `${what}: expected status OK, got ${statusText(s)}`);
}

function checkCompressedFlag(message, expected, what) {
  const actual = wasCompressed(message);
  check(actual !== undefined, `${what}: could not observe the compressed flag of the response`);
  check(
    actual === expected,
    `${what}: response message compressed flag is ${actual ? 'set' : 'clear'}, expected ${expected ? 'set' : 'clear'}`
  );
}

// ---- Test cases -------------------------------------------------------------

const LARGE_REQUEST = 271828;
const LARGE_RESPONSE = 314159;
const STREAM_REQUESTS = [27182, 8, 1828, 45904];
const STREAM_RESPONSES = [31415, 9, 2653, 58979];

const cases = {
  async empty_unary(ctx) {
    const r = await unary(ctx.client(), 'EmptyCall', {});
    checkOk(r, 'EmptyCall');
    check(r.response !== null && r.response !== undefined, 'EmptyCall: response is null');
  },

  async large_unary(ctx) {
    const r = await unary(ctx.client(), 'UnaryCall', {
      response_size: LARGE_RESPONSE,
      payload: { body: zeros(LARGE_REQUEST) },
    });
    checkOk(r, 'UnaryCall');
    checkZeroBody(r.response, LARGE_RESPONSE, 'UnaryCall');
  },

  async client_compressed_unary(ctx) {
    const request = (expect) => ({
      expect_compressed: { value: expect },
      response_size: LARGE_RESPONSE,
      payload: { body: zeros(LARGE_REQUEST) },
    });
    // 1. Probe: uncompressed message that claims to be compressed.
    const probe = await unary(ctx.client(), 'UnaryCall', request(true));
    check(
      probe.status && probe.status.code === Status.INVALID_ARGUMENT,
      `probe (uncompressed, expect_compressed=true): expected INVALID_ARGUMENT, got ${statusText(probe.status)}`
    );
    // 2. Compressed message (gzip channel).
    const compressed = await unary(ctx.gzipClient(), 'UnaryCall', request(true));
    checkOk(compressed, 'compressed UnaryCall');
    checkZeroBody(compressed.response, LARGE_RESPONSE, 'compressed UnaryCall');
    // 3. Uncompressed message.
    const plain = await unary(ctx.client(), 'UnaryCall', request(false));
    checkOk(plain, 'uncompressed UnaryCall');
    checkZeroBody(plain.response, LARGE_RESPONSE, 'uncompressed UnaryCall');
  },

  async server_compressed_unary(ctx) {
    ctx.requireResponseFlagInspection();
    for (const compressed of [true, false]) {
      const what = `UnaryCall(response_compressed=${compressed})`;
      const r = await unary(ctx.client(), 'UnaryCall', {
        response_compressed: { value: compressed },
        response_size: LARGE_RESPONSE,
        payload: { body: zeros(LARGE_REQUEST) },
      });
      checkOk(r, what);
      checkCompressedFlag(r.response, compressed, what);
      checkZeroBody(r.response, LARGE_RESPONSE, what);
    }
  },

  async client_streaming(ctx) {
    const { call, result } = clientStreaming(ctx.client(), 'StreamingInputCall');
    for (const size of STREAM_REQUESTS) call.write({ payload: { body: zeros(size) } });
    call.end();
    const r = await result;
    checkOk(r, 'StreamingInputCall');
    const got = r.response && r.response.aggregated_payload_size;
    check(got === 74922, `aggregated_payload_size is ${got}, expected 74922`);
  },

  async client_compressed_streaming(ctx) {
    // 1. Probe: uncompressed message with expect_compressed=true must fail.
    const probe = clientStreaming(ctx.client(), 'StreamingInputCall');
    probe.call.write({ expect_compressed: { value: true }, payload: { body: zeros(27182) } });
    probe.call.end();
    const pr = await probe.result;
    check(
      pr.status && pr.status.code === Status.INVALID_ARGUMENT,
      `probe (uncompressed, expect_compressed=true): expected INVALID_ARGUMENT, got ${statusText(pr.status)}`
    );
    // 2. One compressed and one uncompressed message on the same call.
    const { call, result } = clientStreaming(ctx.gzipClient(), 'StreamingInputCall');
    call.write({ expect_compressed: { value: true }, payload: { body: zeros(27182) } });
    call.write({ expect_compressed: { value: false }, payload: { body: zeros(45904) } }, WRITE_NO_COMPRESS);
    call.end();
    const r = await result;
    checkOk(r, 'compressed StreamingInputCall');
    const got = r.response && r.response.aggregated_payload_size;
    check(got === 73086, `aggregated_payload_size is ${got}, expected 73086`);
  },

  async server_streaming(ctx) {
    const call = ctx.client().StreamingOutputCall({
      response_parameters: STREAM_RESPONSES.map((size) => ({ size })),
    });
    const { messages, status } = await new Reader(call).drain();
    check(status && status.code === Status.OK, `StreamingOutputCall: expected OK, got ${statusText(status)}`);
    check(messages.length === 4, `got ${messages.length} responses, expected 4`);
    messages.forEach((m, i) => checkZeroBody(m, STREAM_RESPONSES[i], `response #${i + 1}`));
  },

  async server_compressed_streaming(ctx) {
    ctx.requireResponseFlagInspection();
    const params = [
      { compressed: { value: true }, size: 31415 },
      { compressed: { value: false }, size: 92653 },
    ];
    const call = ctx.client().StreamingOutputCall({ response_parameters: params });
    const { messages, status } = await new Reader(call).drain();
    check(status && status.code === Status.OK, `StreamingOutputCall: expected OK, got ${statusText(status)}`);
    check(messages.length === 2, `got ${messages.length} responses, expected 2`);
    messages.forEach((m, i) => {
      checkCompressedFlag(m, params[i].compressed.value, `response #${i + 1}`);
      checkZeroBody(m, params[i].size, `response #${i + 1}`);
    });
  },

  async ping_pong(ctx) {
    const call = ctx.client().FullDuplexCall();
    const reader = new Reader(call);
    for (let i = 0; i < 4; i++) {
      call.write({
        response_parameters: [{ size: STREAM_RESPONSES[i] }],
        payload: { body: zeros(STREAM_REQUESTS[i]) },
      });
      const r = await reader.next();
      check(!r.end, `call ended before response #${i + 1}: ${statusText(r.status)}`);
      checkZeroBody(r.message, STREAM_RESPONSES[i], `response #${i + 1}`);
    }
    call.end();
    const rest = await reader.drain();
    check(rest.messages.length === 0, `got ${4 + rest.messages.length} responses, expected 4`);
    check(rest.status && rest.status.code === Status.OK, `FullDuplexCall: expected OK, got ${statusText(rest.status)}`);
  },

  async empty_stream(ctx) {
    const call = ctx.client().FullDuplexCall();
    const reader = new Reader(call);
    call.end();
    const { messages, status } = await reader.drain();
    check(status && status.code === Status.OK, `FullDuplexCall: expected OK, got ${statusText(status)}`);
    check(messages.length === 0, `got ${messages.length} responses, expected 0`);
  },

  async custom_metadata(ctx) {
    // 1. UnaryCall
    const r = await unary(
      ctx.client(),
      'UnaryCall',
      { response_size: LARGE_RESPONSE, payload: { body: zeros(LARGE_REQUEST) } },
      { metadata: echoMetadata() }
    );
    checkOk(r, 'UnaryCall');
    checkZeroBody(r.response, LARGE_RESPONSE, 'UnaryCall');
    checkEchoedMetadata(r.headers, r.status.metadata, 'UnaryCall');
    // 2. FullDuplexCall
    const call = ctx.client().FullDuplexCall(echoMetadata());
    const reader = new Reader(call);
    call.write({ response_parameters: [{ size: LARGE_RESPONSE }], payload: { body: zeros(LARGE_REQUEST) } });
    call.end();
    const { messages, status } = await reader.drain();
    check(status && status.code === Status.OK, `FullDuplexCall: expected OK, got ${statusText(status)}`);
    check(messages.length === 1, `FullDuplexCall: got ${messages.length} responses, expected 1`);
    checkZeroBody(messages[0], LARGE_RESPONSE, 'FullDuplexCall');
    checkEchoedMetadata(reader.headers, status.metadata, 'FullDuplexCall');
  },

  async status_code_and_message(ctx) {
    await checkEchoStatus(ctx, 2, 'test status message');
  },

  async special_status_message(ctx) {
    await checkEchoStatus(ctx, 2, '\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \u{1f608}\t\n', {
      unaryOnly: true,
    });
  },

  async unimplemented_method(ctx) {
    const r = await unary(ctx.client(), 'UnimplementedCall', {});
    check(
      r.status && r.status.code === Status.UNIMPLEMENTED,
      `expected UNIMPLEMENTED, got ${statusText(r.status)}`
    );
  },

  async unimplemented_service(ctx) {
    const r = await unary(ctx.unimplementedClient(), 'UnimplementedCall', {});
    check(
      r.status && r.status.code === Status.UNIMPLEMENTED,
      `expected UNIMPLEMENTED, got ${statusText(r.status)}`
    );
  },

  async cancel_after_begin(ctx) {
    const { call, result } = clientStreaming(ctx.client(), 'StreamingInputCall');
    call.cancel();
    const r = await result;
    check(r.status && r.status.code === Status.CANCELLED, `expected CANCELLED, got ${statusText(r.status)}`);
  },

  async cancel_after_first_response(ctx) {
    const call = ctx.client().FullDuplexCall();
    const reader = new Reader(call);
    call.write({ response_parameters: [{ size: 31415 }], payload: { body: zeros(27182) } });
    const first = await reader.next();
    check(!first.end, `call ended before the first response: ${statusText(first.status)}`);
    checkZeroBody(first.message, 31415, 'first response');
    call.cancel();
    const { status } = await reader.drain();
    check(status && status.code === Status.CANCELLED, `expected CANCELLED, got ${statusText(status)}`);
  },

  async timeout_on_sleeping_server(ctx) {
    const call = ctx.client().FullDuplexCall({ deadline: Date.now() + 1 });
    const reader = new Reader(call);
    call.on('error', () => {});
    try {
      call.write({ payload: { body: zeros(27182) } });
    } catch (_) {
      // the deadline may already have passed; the status tells
    }
    const { status } = await reader.drain();
    check(
      status && status.code === Status.DEADLINE_EXCEEDED,
      `expected DEADLINE_EXCEEDED, got ${statusText(status)}`
    );
  },
};

async function checkEchoStatus(ctx, code, message, opts = {}) {
  const responseStatus = { code, message };
  const r = await unary(ctx.client(), 'UnaryCall', { response_status: responseStatus });
  check(r.status && r.status.code === code, `UnaryCall: expected status code ${code}, got ${statusText(r.status)}`);
  check(
    r.status.details === message,
    `UnaryCall: expected status message ${JSON.stringify(message)}, got ${JSON.stringify(r.status.details)}`
  );
  if (opts.unaryOnly) return;
  const call = ctx.client().FullDuplexCall();
  const reader = new Reader(call);
  call.write({ response_status: responseStatus });
  call.end();
  const { status } = await reader.drain();
  check(status && status.code === code, `FullDuplexCall: expected status code ${code}, got ${statusText(status)}`);
  check(
    status.details === message,
    `FullDuplexCall: expected status message ${JSON.stringify(message)}, got ${JSON.stringify(status.details)}`
  );
}

// Interop case names this client knows but cannot run (need TLS, a caching
// proxy, or cloud credentials).
const UNSUPPORTED = new Set([
  'cacheable_unary',
  'compute_engine_creds',
  'jwt_token_creds',
  'oauth2_auth_token',
  'per_rpc_creds',
  'google_default_credentials',
  'compute_engine_channel_credentials',
  'concurrent_large_unary',
]);

const ALL = Object.keys(cases);

// ---- Context: one set of channels per case ----------------------------------

class Context {
  constructor(testing, target, channelOptions, responseFlagInspection) {
    this.testing = testing;
    this.target = target;
    this.channelOptions = channelOptions;
    this.responseFlagInspection = responseFlagInspection;
    this.clients = [];
    const TestService = grpc.makeGenericClientConstructor(
      withCompressionTags(testing.TestService.service),
      'TestService'
    );
    this.TestService = TestService;
  }

  make(Ctor, extraOptions) {
    const c = new Ctor(
      this.target,
      grpc.credentials.createInsecure(),
      Object.assign({}, this.channelOptions, extraOptions)
    );
    this.clients.push(c);
    return c;
  }

  client() {
    if (!this.plain) this.plain = this.make(this.TestService, {});
    return this.plain;
  }

  // A separate channel whose messages are gzip-compressed by grpc-js.
  gzipClient() {
    if (!this.gzip) {
      this.gzip = this.make(this.TestService, { 'grpc.default_compression_algorithm': GZIP });
    }
    return this.gzip;
  }

  unimplementedClient() {
    if (!this.unimpl) this.unimpl = this.make(this.testing.UnimplementedService, {});
    return this.unimpl;
  }

  requireResponseFlagInspection() {
    if (!this.responseFlagInspection) {
      throw new Unsupported('cannot observe response compressed flags with this grpc-js version');
    }
  }

  close() {
    for (const c of this.clients) c.close();
  }
}

async function runOne(name, makeContext, timeoutMs) {
  const ctx = makeContext();
  let timer;
  try {
    await Promise.race([
      cases[name](ctx),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new CaseFailure(`timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { result: 'pass' };
  } catch (e) {
    if (e instanceof Unsupported) return { result: 'unsupported', reason: e.message };
    if (e instanceof CaseFailure) return { result: 'fail', reason: e.message };
    return { result: 'fail', reason: `unexpected error: ${e && e.stack ? e.stack : e}` };
  } finally {
    clearTimeout(timer);
    ctx.close();
  }
}

async function main() {
  const { flags, rest } = parseArgs(process.argv.slice(2));
  const known = new Set([
    'server_host',
    'server_host_override',
    'server_port',
    'test_case',
    'use_tls',
    'use_test_ca',
    'skip',
    'case_timeout_ms',
  ]);
  for (const k of Object.keys(flags)) {
    if (!known.has(k)) console.error(`warning: ignoring unknown flag --${k}`);
  }
  for (const r of rest) console.error(`warning: ignoring argument ${r}`);

  const usage = (msg) => {
    console.error(msg);
    console.error(
      'usage: node client.js --server_host=H --server_port=N --test_case=NAME[,NAME...|all] ' +
        '[--use_tls=false] [--server_host_override=A] [--skip=NAME,...]'
    );
    console.error(`test cases: ${ALL.join(' ')}`);
    return 1;
  };

  const host = flags.server_host || 'localhost';
  const port = Number(flags.server_port);
  if (!flags.server_port || !Number.isInteger(port) || port <= 0 || port > 65535) {
    return usage(`invalid or missing --server_port (${flags.server_port})`);
  }
  if (!flags.test_case) return usage('missing --test_case');

  let names = [];
  for (const n of flags.test_case.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (n === 'all') names.push(...ALL);
    else names.push(n);
  }
  const skip = new Set((flags.skip || '').split(',').map((s) => s.trim()).filter(Boolean));
  names = names.filter((n) => !skip.has(n));
  const unknown = names.filter((n) => !cases[n] && !UNSUPPORTED.has(n));
  if (unknown.length > 0) return usage(`unknown test case(s): ${unknown.join(', ')}`);

  let useTls;
  try {
    useTls = parseBool(flags.use_tls, 'use_tls');
  } catch (e) {
    return usage(e.message);
  }
  if (useTls) {
    for (const n of names) console.log(`unsupported: ${n}`);
    console.error('TLS is not supported by this interop client (plaintext only)');
    return 2;
  }
  const timeoutMs = flags.case_timeout_ms ? Number(flags.case_timeout_ms) : 30000;

  let testing;
  try {
    testing = loadTestingPackage();
  } catch (e) {
    console.error(e.message);
    return 1;
  }
  const inspection = installClientCompressionHook();
  const target = host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
  const channelOptions = {};
  if (flags.server_host_override) channelOptions['grpc.default_authority'] = flags.server_host_override;
  const makeContext = () => new Context(testing, target, channelOptions, inspection);

  const single = names.length === 1;
  let passed = 0;
  let failed = 0;
  let unsupported = 0;
  for (const name of names) {
    const outcome = UNSUPPORTED.has(name)
      ? { result: 'unsupported', reason: 'needs TLS, a caching proxy or cloud credentials' }
      : await runOne(name, makeContext, timeoutMs);
    if (outcome.result === 'pass') {
      passed++;
      console.log(single ? `${name}: passed` : `PASS ${name}`);
    } else if (outcome.result === 'unsupported') {
      unsupported++;
      console.log(`unsupported: ${name}`);
      console.error(`${name}: ${outcome.reason}`);
    } else {
      failed++;
      if (!single) console.log(`FAIL ${name}`);
      console.error(`FAILED ${name}: ${outcome.reason}`);
    }
  }
  if (!single) console.log(`${passed} passed, ${failed} failed, ${unsupported} skipped`);
  if (failed > 0) return 1;
  if (passed === 0 && unsupported > 0) return 2;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`client error: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
  }
);
