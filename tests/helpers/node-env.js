/**
 * Jest's node environment with the outer realm's typed arrays: onnxruntime-node's native binding
 * builds its output tensors from the process's own Float32Array, which fails the instanceof check
 * of onnxruntime-common when that runs inside jest's vm context with different constructors.
 */
const NodeEnvironment = require('jest-environment-node').TestEnvironment;

const SHARED = ['ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Float32Array', 'Float64Array', 'Float16Array', 'Int8Array', 'Int16Array', 'Int32Array',
  'Uint8Array', 'Uint8ClampedArray', 'Uint16Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array'];

class OrtNodeEnvironment extends NodeEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) if (globalThis[name]) this.global[name] = globalThis[name];
  }
}

module.exports = OrtNodeEnvironment;
