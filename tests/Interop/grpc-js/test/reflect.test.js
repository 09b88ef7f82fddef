'use strict';
// Self-test of reflect.js against an in-process grpc-js stub that serves
// reflection v1 and health for a tiny service (stub.Echo/Ping, whose types
// live in a second file). The stub can be made to misbehave in one way at a
// time; reflect.js must pass against the correct stub and fail, with the right
// reason, against each broken one.
//
//   node --test test/

const test = require('node:test');
const assert = require('node:assert');
const { spawn } = require('node:child_process');
const path = require('node:path');
const protoLoader = require('@grpc/proto-loader');

const { grpc, protoRoot } = require('../common');

const DIR = path.join(__dirname, '..');
const loaderDir = path.dirname(require.resolve('@grpc/proto-loader/package.json'));
const descriptor = require(require.resolve('protobufjs/ext/descriptor', { paths: [loaderDir] }));

const LOAD_OPTIONS = { includeDirs: [protoRoot()], keepCase: true, longs: String, enums: String, oneofs: true };
const reflectionV1 = grpc.loadPackageDefinition(
  protoLoader.loadSync('grpc/reflection/v1/reflection.proto', LOAD_OPTIONS)
).grpc.reflection.v1;
const health = grpc.loadPackageDefinition(protoLoader.loadSync('grpc/health/v1/health.proto', LOAD_OPTIONS)).grpc
  .health.v1;

// stub/types.proto: message Msg { string text = 1; }
// stub/echo.proto:  import "stub/types.proto"; service Echo { rpc Ping(Msg) returns (Msg); }
function fileBytes(withDependency) {
  const encode = (f) => Buffer.from(descriptor.FileDescriptorProto.encode(descriptor.FileDescriptorProto.create(f)).finish());
  return {
    types: encode({
      name: 'stub/types.proto',
      package: 'stub',
      syntax: 'proto3',
      messageType: [{ name: 'Msg', field: [{ name: 'text', number: 1, label: 1, type: 9, jsonName: 'text' }] }],
    }),
    echo: encode({
      name: 'stub/echo.proto',
      package: 'stub',
      syntax: 'proto3',
      dependency: withDependency ? ['stub/types.proto'] : [],
      service: [{ name: 'Echo', method: [{ name: 'Ping', inputType: '.stub.Msg', outputType: '.stub.Msg' }] }],
    }),
  };
}

// Modes: ok, omit_dependency, undeclared_dependency, wrong_error_code,
// health_lies.
function startStub(mode) {
  const files = fileBytes(mode !== 'undeclared_dependency');
  const server = new grpc.Server();
  server.addService(reflectionV1.ServerReflection.service, {
    ServerReflectionInfo: (call) => {
      call.on('data', (req) => {
        const reply = (body) => call.write(Object.assign({ original_request: req }, body));
        const notFound = () =>
          reply({ error_response: { error_code: mode === 'wrong_error_code' ? 2 : 5, error_message: 'not found' } });
        const fdr = (list) => reply({ file_descriptor_response: { file_descriptor_proto: list } });
        switch (req.message_request) {
          case 'list_services':
            reply({ list_services_response: { service: [{ name: 'stub.Echo' }] } });
            break;
          case 'file_containing_symbol':
            if (req.file_containing_symbol === 'stub.Echo') {
              fdr(mode === 'omit_dependency' ? [files.echo] : [files.echo, files.types]);
            } else if (req.file_containing_symbol === 'stub.Msg') fdr([files.types]);
            else notFound();
            break;
          case 'file_by_filename':
            if (req.file_by_filename === 'stub/types.proto') fdr([files.types]);
            else if (req.file_by_filename === 'stub/echo.proto') fdr([files.echo]);
            else notFound();
            break;
          default:
            notFound();
        }
      });
      call.on('end', () => call.end());
    },
  });
  server.addService(health.Health.service, {
    Check: (call, cb) => {
      if (call.request.service === '' || mode === 'health_lies') cb(null, { status: 'SERVING' });
      else cb({ code: grpc.status.NOT_FOUND, details: 'unknown service' });
    },
    Watch: (call) => call.end(),
  });
  const raw = (b) => b;
  server.addService(
    {
      Ping: {
        path: '/stub.Echo/Ping',
        requestStream: false,
        responseStream: false,
        requestSerialize: raw,
        requestDeserialize: raw,
        responseSerialize: raw,
        responseDeserialize: raw,
      },
    },
    // Msg { text: "pong" }
    { Ping: (call, cb) => cb(null, Buffer.from([0x0a, 4, ...Buffer.from('pong')])) }
  );
  return new Promise((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(err) : resolve({ server, port })
    );
  });
}

function runReflect(port, args = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(DIR, 'reflect.js'), '--server_host=127.0.0.1', `--server_port=${port}`, ...args],
      { cwd: DIR }
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function describe(r) {
  return `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
}

async function withStub(mode, fn) {
  const { server, port } = await startStub(mode);
  try {
    await fn(port);
  } finally {
    server.forceShutdown();
  }
}

const CALL = ['--call=stub.Echo/Ping', '--expect_service=stub.Echo'];

test('reflect.js passes against a correct stub', () =>
  withStub('ok', async (port) => {
    const r = await runReflect(port, CALL);
    assert.strictEqual(r.code, 0, describe(r));
    assert.match(r.stdout, /^listed stub\.Echo$/m);
    assert.match(r.stdout, /^service stub\.Echo: methods Ping$/m);
    assert.match(r.stdout, /^ {2}rpc Ping\(stub\.Msg\) returns \(stub\.Msg\)$/m);
    assert.match(r.stdout, /^unknown symbol .*NOT_FOUND \(5\)/m);
    assert.match(r.stdout, /^call stub\.Echo\/Ping \(types from reflection\): OK \{"text":"pong"\}$/m);
    assert.match(r.stdout, /^PASS$/m);
    assert.strictEqual(r.stderr, '', describe(r));
  }));

test('reflect.js fails when a check fails', async (t) => {
  await t.test('expected service not listed', () =>
    withStub('ok', async (port) => {
      const r = await runReflect(port, ['--expect_service=stub.Other']);
      assert.strictEqual(r.code, 1, describe(r));
      assert.match(r.stderr, /expected service\(s\) not listed: stub\.Other/);
    }));
  await t.test('dependency left out of file_containing_symbol', () =>
    withStub('omit_dependency', async (port) => {
      const r = await runReflect(port, CALL);
      assert.strictEqual(r.code, 1, describe(r));
      assert.match(r.stderr, /dependency stub\/types\.proto of stub\/echo\.proto is missing from the response/);
      // It was fetched by name, so describe and the call still work.
      assert.match(r.stdout, /^call stub\.Echo\/Ping \(types from reflection\): OK/m);
    }));
  await t.test('dependency not declared in the FileDescriptorProto', () =>
    withStub('undeclared_dependency', async (port) => {
      const r = await runReflect(port, CALL);
      assert.strictEqual(r.code, 1, describe(r));
      assert.match(r.stderr, /describe stub\.Echo: the descriptors of stub\/echo\.proto .* do not resolve/);
    }));
  await t.test('unknown symbol answered with the wrong error code', () =>
    withStub('wrong_error_code', async (port) => {
      const r = await runReflect(port);
      assert.strictEqual(r.code, 1, describe(r));
      assert.match(r.stderr, /error_code is UNKNOWN \(2\), expected NOT_FOUND \(5\)/);
    }));
  await t.test('health says SERVING for an unknown service', () =>
    withStub('health_lies', async (port) => {
      const r = await runReflect(port);
      assert.strictEqual(r.code, 1, describe(r));
      assert.match(r.stderr, /Health\/Check "no\.such\.Service": succeeded/);
    }));
  await t.test('call to a missing method', () =>
    withStub('ok', async (port) => {
      const r = await runReflect(port, ['--call=stub.Echo/Nope']);
      assert.strictEqual(r.code, 1, describe(r));
      assert.match(r.stderr, /the service has no method Nope/);
    }));
  await t.test('server without reflection (v1alpha not served by the stub)', () =>
    withStub('ok', async (port) => {
      const r = await runReflect(port, ['--reflection=v1alpha']);
      assert.strictEqual(r.code, 1, describe(r));
      assert.match(r.stderr, /list_services: the reflection stream ended without an answer: UNIMPLEMENTED/);
    }));
  await t.test('usage errors', async () => {
    const r = await runReflect(1, ['--reflection=v2']);
    assert.strictEqual(r.code, 1, describe(r));
    assert.match(r.stderr, /--reflection must be v1 or v1alpha/);
  });
});
