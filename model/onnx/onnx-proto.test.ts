import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from './export-model.js';
import { decodeModel, encodeModel } from './onnx-proto.js';
import type { ModelProto } from './onnx-types.js';
import * as fx from './test-fixtures.js';

const pythonOnnx = spawnSync('/usr/bin/python3', ['-c', 'import onnx']).status === 0;
const options = { producerVersion: '1.2.3' };

describe('encodeModel', () => {
  it('writes the official field numbers in field-number order whatever the key order', () => {
    const model: ModelProto = {
      opset_import: [{ domain: '', version: 15 }],
      producer_name: 'a',
      ir_version: 8,
    };
    // ir_version = 1 (varint), producer_name = 2 (bytes), opset_import = 8 (message: domain 1, version 2).
    expect([...encodeModel(model)]).toEqual([0x08, 8, 0x12, 1, 0x61, 0x42, 4, 0x0a, 0, 0x10, 15]);
  });

  it('packs TensorProto float_data as proto2 [packed = true] says', () => {
    const model: ModelProto = { graph: { initializer: [{ float_data: [1] }] } };
    // graph = 7, initializer = 5, float_data = 4 packed: tag 0x22, 4 bytes, 1.0f little endian.
    expect([...encodeModel(model)]).toEqual([0x3a, 8, 0x2a, 6, 0x22, 4, 0, 0, 0x80, 0x3f]);
  });
});

describe('decodeModel', () => {
  it('round-trips an exported model byte for byte', () => {
    for (const model of [fx.logistic, fx.mixedTrees]) {
      const bytes = exportOnnx(model, fx.features, fx.classes, options);
      expect(encodeModel(decodeModel(bytes))).toEqual(bytes);
    }
  });

  it('keeps int64 values beyond 2^53 exactly', () => {
    // graph (7) > initializer (5) > int64_data (7, packed) = [2^56 - 1]: a 8-byte varint.
    const bytes = new Uint8Array([
      0x3a, 12, 0x2a, 10, 0x3a, 8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
    ]);
    const value = decodeModel(bytes).graph?.initializer?.[0]?.int64_data?.[0];
    expect(value).toMatchObject({ low: -1, high: 2 ** 24 - 1 });
    expect(encodeModel(decodeModel(bytes))).toEqual(bytes);
  });

  it.runIf(pythonOnnx)(
    'round-trips every message and field python onnx writes, byte for byte',
    () => {
      const result = spawnSync('/usr/bin/python3', ['-c', RICH_MODEL_PY], { encoding: 'buffer' });
      expect(result.status, result.stderr.toString()).toBe(0);
      const bytes = new Uint8Array(result.stdout);
      expect(bytes.length).toBeGreaterThan(500);
      expect(encodeModel(decodeModel(bytes))).toEqual(bytes);
    },
  );

  it.runIf(pythonOnnx)('writes models that python onnx parses without unknown fields', () => {
    const dir = mkdtempSync(join(tmpdir(), 'onnx-proto-'));
    const path = join(dir, 'model.onnx');
    writeFileSync(path, exportOnnx(fx.mixedTrees, fx.features, fx.classes, options));
    const script =
      'import onnx,sys; b=open(sys.argv[1],"rb").read(); print(onnx.load_from_string(b).SerializeToString()==b)';
    const result = spawnSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' });
    expect(result.stdout.trim()).toBe('True');
  });
});

/** Builds (with python onnx 1.12) a model using every message type of onnx.proto that 1.12 knows. */
const RICH_MODEL_PY = String.raw`
import sys
import onnx
from onnx import helper, TensorProto as T

def tensor(name):
    return helper.make_tensor(name, T.FLOAT, [2], [1.5, -2.0])

def entry(key, value):
    return onnx.StringStringEntryProto(key=key, value=value)

MAP = onnx.TypeProto()
MAP.map_type.key_type = T.INT64
MAP.map_type.value_type.CopyFrom(helper.make_tensor_type_proto(T.FLOAT, []))
m = onnx.ModelProto()
m.ir_version = 8
m.producer_name = "py"; m.producer_version = "1"; m.domain = "d"; m.model_version = 3; m.doc_string = "doc"
m.opset_import.extend([helper.make_opsetid("", 15), helper.make_opsetid("ai.onnx.ml", 3)])
g = m.graph
g.name = "g"; g.doc_string = "gd"
g.input.extend([helper.make_tensor_value_info("x", T.FLOAT, ["N", 3], doc_string="xi")])
g.output.extend([
    helper.make_tensor_value_info("y", T.FLOAT, [None, 3]),
    helper.make_value_info("s", helper.make_sequence_type_proto(MAP)),
    helper.make_value_info("o", helper.make_optional_type_proto(helper.make_tensor_type_proto(T.DOUBLE, [1]))),
    helper.make_value_info("sp", helper.make_sparse_tensor_type_proto(T.FLOAT, [4, 5])),
])
g.output[0].type.denotation = "TENSOR"
g.output[0].type.tensor_type.shape.dim[1].denotation = "DATA_CHANNEL"
n = helper.make_node("Foo", ["x"], ["y"], name="n", domain="custom", doc_string="nd",
    f=1.25, i=-7, s="str", t=tensor("tt"), floats=[1.0, 2.0], ints=[1, -2, 3], strings=["a", "b"],
    g=helper.make_graph([], "sub", [], []), graphs=[helper.make_graph([], "sub2", [], [])],
    tensors=[tensor("t1")])
sp = helper.make_sparse_tensor(tensor("spv"), helper.make_tensor("spi", T.INT64, [2], [0, 3]), [4])
n.attribute.extend([helper.make_attribute("sp", sp), helper.make_attribute("sps", [sp])])
ra = onnx.AttributeProto(); ra.name = "ref"; ra.ref_attr_name = "alpha"; ra.type = onnx.AttributeProto.FLOAT
n.attribute.append(ra)
g.node.append(n)
t = g.initializer.add(); t.name = "raw"; t.data_type = T.FLOAT; t.dims.extend([2]); t.raw_data = b"\x00\x00\x80?\x00\x00\x00@"
t.segment.begin = 0; t.segment.end = 2; t.doc_string = "td"
e = g.initializer.add(); e.name = "ext"; e.data_type = T.FLOAT; e.dims.extend([100]); e.data_location = T.EXTERNAL
e.external_data.extend([entry("location", "w.bin"), entry("offset", "0")])
g.initializer.extend([
    helper.make_tensor("i32", T.INT32, [2], [1, -1]), helper.make_tensor("i64", T.INT64, [2], [2**40, -3]),
    helper.make_tensor("str", T.STRING, [2], [b"x", b"yz"]), helper.make_tensor("dbl", T.DOUBLE, [1], [0.1]),
    helper.make_tensor("u64", T.UINT64, [1], [2**63 + 5])])
g.sparse_initializer.append(sp)
g.value_info.extend([helper.make_tensor_value_info("v", T.BOOL, [1])])
qa = g.quantization_annotation.add(); qa.tensor_name = "x"
qa.quant_parameter_tensor_names.extend([entry("SCALE_TENSOR", "x_scale")])
helper.set_model_props(m, {"k1": "v1", "k2": "v2"})
ti = m.training_info.add()
ti.initialization.CopyFrom(helper.make_graph([], "init", [], []))
ti.algorithm.CopyFrom(helper.make_graph([], "algo", [], []))
ti.initialization_binding.extend([entry("a", "b")])
ti.update_binding.extend([entry("c", "d")])
fn = m.functions.add(); fn.name = "F"; fn.domain = "custom"; fn.input.extend(["a"]); fn.output.extend(["b"])
fn.attribute.extend(["alpha"]); fn.doc_string = "fd"
fn.node.extend([helper.make_node("Identity", ["a"], ["b"])]); fn.opset_import.extend([helper.make_opsetid("", 15)])
sys.stdout.buffer.write(m.SerializeToString())
`;
