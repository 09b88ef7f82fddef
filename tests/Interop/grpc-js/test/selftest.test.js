'use strict';
// Self-test of the grpc-js interop peer: client.js against server.js for every
// case, plus negative checks (a deliberately broken server must make the
// client fail, unsupported cases must exit 2) and a check of the
// server_compressed_* assertions against a small compressing stub server.
//
//   node --test test/

const test = require('node:test');
const assert = require('node:assert');
const { spawn } = require('node:child_process');
const http2 = require('node:http2');
const path = require('node:path');
const zlib = require('node:zlib');

const { grpc, loadTestingPackage } = require('../common');

const DIR = path.join(__dirname, '..');
const SERVER_COMPRESSED = ['server_compressed_unary', 'server_compressed_streaming'];
const CASES = [
  'empty_unary',
  'large_unary',
  'client_compressed_unary',
  'server_compressed_unary',
  'client_streaming',
  'client_compressed_streaming',
  'server_streaming',
  'server_compressed_streaming',
  'ping_pong',
  'empty_stream',
  'custom_metadata',
  'status_code_and_message',
  'special_status_message',
  'unimplemented_method',
  'unimplemented_service',
  'cancel_after_begin',
  'cancel_after_first_response',
  'timeout_on_sleeping_server',
];

function run(script, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(DIR, script), ...args], { cwd: DIR });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function runClient(port, testCase, extra = []) {
  return run('client.js', ['--server_host=127.0.0.1', `--server_port=${port}`, `--test_case=${testCase}`, ...extra]);
}

function startJsServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(DIR, 'server.js'), '--port=0'], { cwd: DIR });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 10000);
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${err}`)));
  });
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.kill('SIGTERM');
  });
}

function describe(r) {
  return `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
}

// A grpc-js server that gets every case subtly wrong.
function startBrokenServer(testing) {
  const server = new grpc.Server();
  const wrongBody = (n) => ({ body: Buffer.alloc(Math.max(0, n - 1)) });
  server.addService(testing.TestService.service, {
    EmptyCall: (call, cb) => cb({ code: grpc.status.INTERNAL, details: 'broken' }),
    UnaryCall: (call, cb) => {
      const req = call.request;
      if (req.response_status && req.response_status.code) {
        cb({ code: req.response_status.code, details: req.response_status.message.trim() + ' (altered)' });
        return;
      }
      // No metadata echo, payload one byte short.
      cb(null, { payload: wrongBody(req.response_size) });
    },
    StreamingInputCall: (call, cb) => {
      let n = 0;
      call.on('data', (r) => (n += r.payload ? r.payload.body.length : 0));
      call.on('end', () => cb(null, { aggregated_payload_size: n + 1 }));
    },
    StreamingOutputCall: (call) => {
      const ps = call.request.response_parameters;
      for (const p of ps.slice(0, ps.length - 1)) call.write({ payload: { body: Buffer.alloc(p.size) } });
      call.end();
    },
    FullDuplexCall: (call) => {
      call.on('data', (req) => {
        for (const p of req.response_parameters) call.write({ payload: wrongBody(p.size) });
      });
      call.on('end', () => call.end());
    },
  });
  return new Promise((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(err) : resolve({ server, port })
    );
  });
}

// Minimal gRPC-over-HTTP/2 server (node:http2 only) that answers UnaryCall and
// StreamingOutputCall with gzip-compressed messages where asked, so the
// client's server_compressed_* checks can be exercised. With `honest=false`
// it never sets the compressed flag.
function startCompressingStub(testing, honest) {
  const methods = testing.TestService.service;
  const frame = (bytes, compress) => {
    const body = compress ? zlib.gzipSync(bytes) : bytes;
    const head = Buffer.alloc(5);
    head[0] = compress ? 1 : 0;
    head.writeUInt32BE(body.length, 1);
    return Buffer.concat([head, body]);
  };
  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      const data = Buffer.concat(chunks);
      const reply = (messages) => {
        stream.respond(
          { ':status': 200, 'content-type': 'application/grpc', 'grpc-encoding': 'gzip' },
          { waitForTrailers: true }
        );
        stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
        for (const [bytes, compress] of messages) stream.write(frame(bytes, honest && compress));
        stream.end();
      };
      const path = headers[':path'];
      const message = data.length >= 5 ? data.subarray(5, 5 + data.readUInt32BE(1)) : Buffer.alloc(0);
      if (path === '/grpc.testing.TestService/UnaryCall') {
        const req = methods.UnaryCall.requestDeserialize(message);
        const res = methods.UnaryCall.responseSerialize({ payload: { body: Buffer.alloc(req.response_size) } });
        reply([[res, Boolean(req.response_compressed && req.response_compressed.value)]]);
      } else if (path === '/grpc.testing.TestService/StreamingOutputCall') {
        const req = methods.StreamingOutputCall.requestDeserialize(message);
        reply(
          req.response_parameters.map((p) => [
            methods.StreamingOutputCall.responseSerialize({ payload: { body: Buffer.alloc(p.size) } }),
            Boolean(p.compressed && p.compressed.value),
          ])
        );
      } else {
        stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12' }, { endStream: true });
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port }));
  });
}

const testing = loadTestingPackage();

test('client.js against server.js', async (t) => {
  const { child, port } = await startJsServer();
  try {
    for (const name of CASES) {
      if (SERVER_COMPRESSED.includes(name)) continue;
      await t.test(name, async () => {
        const r = await runClient(port, name);
        assert.strictEqual(r.code, 0, describe(r));
      });
    }

    await t.test('all (minus server_compressed_*)', async () => {
      const r = await runClient(port, 'all', [`--skip=${SERVER_COMPRESSED.join(',')}`]);
      assert.strictEqual(r.code, 0, describe(r));
      assert.match(r.stdout, /^16 passed, 0 failed, 0 skipped$/m);
    });

    // grpc-js servers cannot compress responses: the client must report that
    // as a failure, not pass silently.
    for (const name of SERVER_COMPRESSED) {
      await t.test(`${name} fails against the grpc-js server`, async () => {
        const r = await runClient(port, name);
        assert.strictEqual(r.code, 1, describe(r));
        assert.match(r.stderr, /cannot send compressed responses/);
      });
    }

    await t.test('unknown flags are ignored', async () => {
      const r = await runClient(port, 'empty_unary', ['--use_tls=false', '--some_future_flag=1']);
      assert.strictEqual(r.code, 0, describe(r));
      assert.match(r.stderr, /ignoring unknown flag --some_future_flag/);
    });

    await t.test('unsupported case exits 2', async () => {
      const r = await runClient(port, 'cacheable_unary');
      assert.strictEqual(r.code, 2, describe(r));
      assert.match(r.stdout, /^unsupported: cacheable_unary$/m);
    });

    await t.test('use_tls=true exits 2', async () => {
      const r = await runClient(port, 'empty_unary', ['--use_tls=true']);
      assert.strictEqual(r.code, 2, describe(r));
      assert.match(r.stdout, /^unsupported: empty_unary$/m);
    });

    await t.test('unknown case exits 1', async () => {
      const r = await runClient(port, 'no_such_case');
      assert.strictEqual(r.code, 1, describe(r));
      assert.match(r.stderr, /unknown test case/);
    });
  } finally {
    const exit = await stopChild(child);
    await t.test('server exits cleanly on SIGTERM', () => {
      assert.deepStrictEqual(exit, { code: 0, signal: null });
    });
  }
});

test('client.js fails against a broken server', async (t) => {
  const { server, port } = await startBrokenServer(testing);
  try {
    const expectations = {
      empty_unary: /expected status OK, got INTERNAL/,
      large_unary: /payload body is 314158 bytes, expected 314159/,
      client_streaming: /aggregated_payload_size is 74923, expected 74922/,
      server_streaming: /got 3 responses, expected 4/,
      ping_pong: /payload body is 31414 bytes, expected 31415/,
      custom_metadata: /payload body is 314158 bytes|initial metadata/,
      status_code_and_message: /expected status message "test status message", got "test status message \(altered\)"/,
      special_status_message: /expected status message/,
      client_compressed_unary: /expected INVALID_ARGUMENT/,
      unimplemented_service: null, // passes: grpc-js reports UNIMPLEMENTED itself
    };
    for (const [name, reason] of Object.entries(expectations)) {
      if (!reason) continue;
      await t.test(`${name} exits 1`, async () => {
        const r = await runClient(port, name);
        assert.strictEqual(r.code, 1, describe(r));
        assert.match(r.stderr, reason);
      });
    }
    await t.test('all exits 1 and reports each case', async () => {
      const r = await runClient(port, 'all');
      assert.strictEqual(r.code, 1, describe(r));
      assert.match(r.stdout, /^FAIL large_unary$/m);
      assert.match(r.stdout, /^PASS unimplemented_method$/m);
      assert.match(r.stdout, /^\d+ passed, \d+ failed, 0 skipped$/m);
    });
  } finally {
    server.forceShutdown();
  }
});

test('server_compressed_* checks the compressed flag', async (t) => {
  const honest = await startCompressingStub(testing, true);
  const liar = await startCompressingStub(testing, false);
  try {
    for (const name of SERVER_COMPRESSED) {
      await t.test(`${name} passes when responses are compressed as asked`, async () => {
        const r = await runClient(honest.port, name);
        assert.strictEqual(r.code, 0, describe(r));
      });
      await t.test(`${name} fails when the flag is missing`, async () => {
        const r = await runClient(liar.port, name);
        assert.strictEqual(r.code, 1, describe(r));
        assert.match(r.stderr, /compressed flag is clear, expected set/);
      });
    }
  } finally {
    honest.server.close();
    liar.server.close();
  }
});
