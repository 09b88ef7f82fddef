'use strict';
// Shared helpers for the grpc-js interop peer: argument parsing, loading the
// standard grpc.testing protos, and observing the per-message "compressed"
// flag of gRPC length-prefixed messages inside grpc-js.

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const DEFAULT_PROTO_ROOT = '/usr/share/grpc-proto';
const TEST_PROTO = 'grpc/testing/test.proto';

// ---------------------------------------------------------------------------
// Command line: --key=value, --flag (meaning true). Everything else is kept in
// `rest` so callers can warn about it; nothing is fatal.
function parseArgs(argv) {
  const flags = {};
  const rest = [];
  for (const arg of argv) {
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    if (!m) {
      rest.push(arg);
      continue;
    }
    flags[m[1]] = m[2] === undefined ? 'true' : m[2];
  }
  return { flags, rest };
}

function parseBool(value, name) {
  if (value === undefined) return false;
  const v = String(value).toLowerCase();
  if (v === 'true' || v === '1' || v === 'yes') return true;
  if (v === 'false' || v === '0' || v === 'no' || v === '') return false;
  throw new Error(`--${name} expects true or false, got "${value}"`);
}

// ---------------------------------------------------------------------------
// Protos. They are read from the system's grpc-proto package, never copied.
function protoRoot() {
  return process.env.GRPC_PROTO_ROOT || DEFAULT_PROTO_ROOT;
}

function loadTestingPackage() {
  const root = protoRoot();
  const file = path.join(root, TEST_PROTO);
  if (!fs.existsSync(file)) {
    throw new Error(
      `cannot find ${file}; install Debian's grpc-proto package or set ` +
        'GRPC_PROTO_ROOT to the directory that contains grpc/testing/test.proto'
    );
  }
  const definition = protoLoader.loadSync(TEST_PROTO, {
    includeDirs: [root],
    keepCase: true, // field names exactly as in the .proto (snake_case)
    longs: String,
    enums: String,
    defaults: true, // unset scalars read as defaults, unset messages as null
    oneofs: true,
  });
  return grpc.loadPackageDefinition(definition).grpc.testing;
}

// ---------------------------------------------------------------------------
// Observing the compressed flag.
//
// grpc-js's public API hands applications deserialized messages only; the
// 1-byte compressed flag of each length-prefixed message is consumed inside
// the library. The interop cases client_compressed_* / server_compressed_*
// need to see that flag, so we wrap (without changing behaviour) the two
// internal functions of the pinned grpc-js version that receive the framed
// bytes:
//   client: CompressionFilter.prototype.receiveMessage (framed -> plain bytes)
//   server: BaseServerInterceptingCall.prototype.decompressMessage
// Each records, for the plain-bytes Buffer it produces, whether the frame had
// the flag set. Our own (de)serializer wrappers then tag the decoded message
// object with a non-enumerable symbol. If the internals are not where
// expected (another grpc-js version), the hooks report `false` and callers
// treat compression inspection as unavailable.

const COMPRESSED = Symbol('grpc-interop.compressed');
const flagByPlainBytes = new WeakMap();
const HOOKED = Symbol('grpc-interop.hooked');

function record(plain, compressed) {
  if (plain && typeof plain === 'object') flagByPlainBytes.set(plain, compressed);
  return plain;
}

function frameFlag(framed) {
  return Buffer.isBuffer(framed) && framed.length >= 5 ? framed[0] === 1 : undefined;
}

let clientHook;
function installClientCompressionHook() {
  if (clientHook !== undefined) return clientHook;
  clientHook = false;
  let mod;
  try {
    mod = require('@grpc/grpc-js/build/src/compression-filter');
  } catch (_) {
    return clientHook;
  }
  const proto = mod && mod.CompressionFilter && mod.CompressionFilter.prototype;
  if (!proto || typeof proto.receiveMessage !== 'function') return clientHook;
  if (!proto[HOOKED]) {
    const original = proto.receiveMessage;
    proto.receiveMessage = async function (message) {
      const framed = await message;
      const plain = await original.call(this, Promise.resolve(framed));
      return record(plain, frameFlag(framed));
    };
    proto[HOOKED] = true;
  }
  clientHook = true;
  return clientHook;
}

let serverHook;
function installServerCompressionHook() {
  if (serverHook !== undefined) return serverHook;
  serverHook = false;
  let mod;
  try {
    mod = require('@grpc/grpc-js/build/src/server-interceptors');
  } catch (_) {
    return serverHook;
  }
  const proto = mod && mod.BaseServerInterceptingCall && mod.BaseServerInterceptingCall.prototype;
  if (!proto || typeof proto.decompressMessage !== 'function') return serverHook;
  if (!proto[HOOKED]) {
    const original = proto.decompressMessage;
    proto.decompressMessage = function (framed, encoding) {
      const flag = frameFlag(framed);
      const result = original.call(this, framed, encoding);
      if (result && typeof result.then === 'function') {
        return result.then((plain) => record(plain, flag));
      }
      return record(result, flag);
    };
    proto[HOOKED] = true;
  }
  serverHook = true;
  return serverHook;
}

function tagging(deserialize) {
  return (bytes) => {
    const message = deserialize(bytes);
    const flag = flagByPlainBytes.get(bytes);
    if (flag !== undefined && message && typeof message === 'object') {
      Object.defineProperty(message, COMPRESSED, { value: flag, enumerable: false });
    }
    return message;
  };
}

// Returns a copy of a service definition whose deserializers tag messages
// with COMPRESSED (true / false, or absent when unknown).
function withCompressionTags(serviceDefinition) {
  const out = {};
  for (const [name, method] of Object.entries(serviceDefinition)) {
    out[name] = Object.assign({}, method, {
      requestDeserialize: tagging(method.requestDeserialize),
      responseDeserialize: tagging(method.responseDeserialize),
    });
  }
  return out;
}

// true / false when the flag was observed for this message, undefined if not.
function wasCompressed(message) {
  return message && typeof message === 'object' ? message[COMPRESSED] : undefined;
}

module.exports = {
  grpc,
  parseArgs,
  parseBool,
  protoRoot,
  loadTestingPackage,
  installClientCompressionHook,
  installServerCompressionHook,
  withCompressionTags,
  wasCompressed,
};
