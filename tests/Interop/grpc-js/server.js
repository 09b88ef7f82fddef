#!/usr/bin/env node
'use strict';
// grpc-js interop test server: serves grpc.testing.TestService as described
// in the gRPC interop test descriptions (server features section).
//
//   node server.js --port=N [--host=127.0.0.1] [--use_tls=false]
//
// Prints "listening on PORT" once bound (port 0 picks a free port).

const {
  grpc,
  parseArgs,
  parseBool,
  loadTestingPackage,
  installServerCompressionHook,
  withCompressionTags,
  wasCompressed,
} = require('./common');

const Status = grpc.status;

const ECHO_INITIAL = 'x-grpc-test-echo-initial';
const ECHO_TRAILING = 'x-grpc-test-echo-trailing-bin';

// Request-compression inspection (CompressedRequest feature) relies on a
// read-only hook into grpc-js internals; see common.js.
const canInspectCompression = installServerCompressionHook();

function log(...args) {
  if (process.env.INTEROP_SERVER_VERBOSE) console.error('[server]', ...args);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function statusError(code, details, metadata) {
  const err = new Error(details);
  err.code = code;
  err.details = details;
  if (metadata) err.metadata = metadata;
  return err;
}

// ---- Echo Metadata --------------------------------------------------------

function echoInitialMetadata(call) {
  const values = call.metadata.get(ECHO_INITIAL);
  if (values.length === 0) return;
  const md = new grpc.Metadata();
  for (const v of values) md.add(ECHO_INITIAL, v);
  call.sendMetadata(md);
}

function echoTrailers(call) {
  const md = new grpc.Metadata();
  for (const v of call.metadata.get(ECHO_TRAILING)) md.add(ECHO_TRAILING, v);
  return md;
}

// ---- Request checks ---------------------------------------------------------

// Echo Status: a non-OK response_status ends the call with that status.
function echoStatusError(req, trailers) {
  const s = req.response_status;
  if (s && s.code !== 0) return statusError(s.code, s.message, trailers);
  return null;
}

// CompressedRequest: expect_compressed set means the message must (true) or
// must not (false) have arrived with the compressed flag set.
function expectCompressedError(req, trailers) {
  const expect = req.expect_compressed;
  if (!expect) return null;
  const actual = wasCompressed(req);
  if (actual === undefined) {
    return statusError(
      Status.UNIMPLEMENTED,
      'this grpc-js server cannot observe whether a request was compressed',
      trailers
    );
  }
  if (expect.value && !actual) {
    return statusError(Status.INVALID_ARGUMENT, 'expected a compressed request message', trailers);
  }
  if (!expect.value && actual) {
    return statusError(Status.INVALID_ARGUMENT, 'expected an uncompressed request message', trailers);
  }
  return null;
}

function responseTypeError(req, trailers) {
  const t = req.response_type;
  if (t === 'COMPRESSABLE' || t === 0 || t === undefined || t === null) return null;
  return statusError(Status.INVALID_ARGUMENT, `unsupported response_type ${t}`, trailers);
}

// grpc-js 1.14 servers always send messages with the compressed flag clear
// (and grpc-encoding: identity), so CompressedResponse cannot be honoured.
function compressionRequestedError(trailers) {
  return statusError(
    Status.UNIMPLEMENTED,
    'grpc-js server cannot send compressed responses (CompressedResponse feature unsupported)',
    trailers
  );
}

function payloadOf(size) {
  return { type: 'COMPRESSABLE', body: Buffer.alloc(size) };
}

function sizeError(size, trailers) {
  if (!Number.isInteger(size) || size < 0) {
    return statusError(Status.INVALID_ARGUMENT, `invalid size ${size}`, trailers);
  }
  return null;
}

// ---- Streaming output shared by StreamingOutputCall / Full / HalfDuplexCall

// Sends one response per ResponseParameters, sleeping interval_us before each
// one. Resolves to an error to end the call with, or null.
async function sendResponses(call, req, trailers, state) {
  const err = echoStatusError(req, trailers) || responseTypeError(req, trailers);
  if (err) return err;
  for (const p of req.response_parameters || []) {
    if (state.done) return null;
    const e = sizeError(p.size, trailers);
    if (e) return e;
    if (p.compressed && p.compressed.value) return compressionRequestedError(trailers);
    if (p.interval_us > 0) await sleep(p.interval_us / 1000);
    if (state.done) return null;
    const ok = call.write({ payload: payloadOf(p.size) });
    if (!ok) {
      await new Promise((resolve) => {
        const finish = () => {
          call.removeListener('drain', finish);
          call.removeListener('cancelled', finish);
          resolve();
        };
        call.once('drain', finish);
        call.once('cancelled', finish);
      });
    }
  }
  return null;
}

function trackCancel(call) {
  const state = { done: false };
  call.on('cancelled', () => {
    state.done = true;
  });
  call.on('error', (e) => {
    state.done = true;
    log('stream error', e && e.message);
  });
  return state;
}

function finishWithError(call, state, err) {
  if (state.done) return;
  state.done = true;
  call.emit('error', err);
}

function finishOk(call, state, trailers) {
  if (state.done) return;
  state.done = true;
  call.end(trailers);
}

// ---- Handlers -----------------------------------------------------------------

const handlers = {
  EmptyCall(call, callback) {
    echoInitialMetadata(call);
    callback(null, {}, echoTrailers(call));
  },

  UnaryCall(call, callback) {
    echoInitialMetadata(call);
    const req = call.request;
    const trailers = echoTrailers(call);
    const err =
      expectCompressedError(req, trailers) ||
      echoStatusError(req, trailers) ||
      responseTypeError(req, trailers) ||
      sizeError(req.response_size, trailers) ||
      (req.response_compressed && req.response_compressed.value
        ? compressionRequestedError(trailers)
        : null);
    if (err) {
      callback(err);
      return;
    }
    const response = {};
    if (req.response_size > 0) response.payload = payloadOf(req.response_size);
    callback(null, response, trailers);
  },

  CacheableUnaryCall(call, callback) {
    // Payload = current time in nanoseconds as ASCII decimal; cacheable for 60s.
    const md = new grpc.Metadata();
    for (const v of call.metadata.get(ECHO_INITIAL)) md.add(ECHO_INITIAL, v);
    md.set('cache-control', 'max-age=60, public');
    call.sendMetadata(md);
    const ns = BigInt(Date.now()) * 1000000n + (process.hrtime.bigint() % 1000000n);
    callback(
      null,
      { payload: { type: 'COMPRESSABLE', body: Buffer.from(ns.toString(), 'ascii') } },
      echoTrailers(call)
    );
  },

  StreamingOutputCall(call) {
    echoInitialMetadata(call);
    const trailers = echoTrailers(call);
    const state = trackCancel(call);
    sendResponses(call, call.request, trailers, state).then(
      (err) => (err ? finishWithError(call, state, err) : finishOk(call, state, trailers)),
      (e) => finishWithError(call, state, statusError(Status.INTERNAL, String(e), trailers))
    );
  },

  StreamingInputCall(call, callback) {
    echoInitialMetadata(call);
    const trailers = echoTrailers(call);
    let total = 0;
    let finished = false;
    const finish = (err, value) => {
      if (finished) return;
      finished = true;
      if (err) callback(err);
      else callback(null, value, trailers);
    };
    call.on('data', (req) => {
      if (finished) return;
      const err = expectCompressedError(req, trailers);
      if (err) {
        finish(err);
        return;
      }
      total += req.payload && req.payload.body ? req.payload.body.length : 0;
    });
    call.on('end', () => finish(null, { aggregated_payload_size: total }));
    call.on('cancelled', () => {
      finished = true;
    });
    call.on('error', () => {
      finished = true;
    });
  },

  FullDuplexCall(call) {
    echoInitialMetadata(call);
    const trailers = echoTrailers(call);
    const state = trackCancel(call);
    // Requests are handled strictly in order; each may sleep (interval_us).
    let chain = Promise.resolve();
    const fail = (e) => finishWithError(call, state, statusError(Status.INTERNAL, String(e), trailers));
    call.on('data', (req) => {
      chain = chain
        .then(async () => {
          if (state.done) return;
          const err = await sendResponses(call, req, trailers, state);
          if (err) finishWithError(call, state, err);
        })
        .catch(fail);
    });
    call.on('end', () => {
      chain = chain.then(() => finishOk(call, state, trailers)).catch(fail);
    });
  },

  HalfDuplexCall(call) {
    echoInitialMetadata(call);
    const trailers = echoTrailers(call);
    const state = trackCancel(call);
    const requests = [];
    call.on('data', (req) => requests.push(req));
    call.on('end', async () => {
      try {
        for (const req of requests) {
          if (state.done) return;
          const err = await sendResponses(call, req, trailers, state);
          if (err) {
            finishWithError(call, state, err);
            return;
          }
        }
        finishOk(call, state, trailers);
      } catch (e) {
        finishWithError(call, state, statusError(Status.INTERNAL, String(e), trailers));
      }
    });
  },

  // UnimplementedCall is deliberately absent: grpc-js answers UNIMPLEMENTED.
};

// ---- Main -----------------------------------------------------------------

function main() {
  const { flags, rest } = parseArgs(process.argv.slice(2));
  const known = new Set(['port', 'host', 'use_tls']);
  for (const k of Object.keys(flags)) {
    if (!known.has(k)) console.error(`warning: ignoring unknown flag --${k}`);
  }
  for (const r of rest) console.error(`warning: ignoring argument ${r}`);

  let useTls;
  try {
    useTls = parseBool(flags.use_tls, 'use_tls');
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
  if (useTls) {
    console.error('unsupported: --use_tls=true (this server only serves plaintext)');
    process.exit(2);
  }
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`invalid --port=${flags.port}`);
    process.exit(1);
  }
  const host = flags.host || '127.0.0.1';

  let testing;
  try {
    testing = loadTestingPackage();
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
  if (!canInspectCompression) {
    console.error('warning: cannot inspect request compression flags; expect_compressed requests will fail');
  }

  const server = new grpc.Server();
  server.addService(withCompressionTags(testing.TestService.service), handlers);

  const address = host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
  server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err, boundPort) => {
    if (err) {
      console.error(`failed to bind ${address}: ${err.message}`);
      process.exit(1);
    }
    process.stdout.write(`listening on ${boundPort}\n`);
  });

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    log(`received ${signal}, shutting down`);
    const force = setTimeout(() => {
      server.forceShutdown();
      process.exit(0);
    }, 2000);
    force.unref();
    server.tryShutdown(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main();
