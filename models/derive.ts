// Model variants Kindred makes itself from verified upstream files: the same weights, rewired at the
// graph's edges so the hot path feeds the network what it already has. Deterministic: the same
// source bytes and library versions give the same bytes, which the manifest pins by sha256.
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  AttributeProto_AttributeType,
  AttributeProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  TensorProto_DataType,
  TensorProtoSchema,
  TensorShapeProto_DimensionSchema,
  ValueInfoProtoSchema,
  type AttributeProto,
  type GraphProto,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from 'onnx-buf';
import type { Recipe } from './recipes.ts';


/** The derived model's bytes; throws if the source does not have the shape the recipe expects. */
export function deriveModel(recipe: Recipe, source: Uint8Array): Uint8Array {
  const model = fromBinary(ModelProtoSchema, source);
  const graph = model.graph;
  if (!graph) throw new Error('model has no graph');
  if (recipe === 'uint8-rgb-input') uint8RgbInput(graph);
  else if (recipe === 'dynamic-batch') dynamicBatch(graph);
  else preluAsMax(graph);
  model.producerName = `${model.producerName} + kindred models/derive.ts (${recipe})`;
  return toBinary(ModelProtoSchema, model);
}

/**
 * YuNet takes float BGR planes [N,3,H,W] of raw 0-255 values with H and W multiples of 32. This
 * variant takes what a decoder gives, packed uint8 RGB [N,H,W,3] of any size: the graph pads right
 * and bottom with zeros to the next multiple of 32, transposes and casts; the first convolution's
 * weights are reordered from BGR to RGB, so no channel shuffle runs at all. Decoded coordinates are
 * those of the padded input, exactly as for the original.
 */
function uint8RgbInput(graph: GraphProto): void {
  const input = onlyInput(graph, 'input');
  const [, channels] = dims(input);
  if (channels !== 3n) throw new Error(`expected 3 input channels, got ${channels}`);
  const consumers = graph.node.filter((n) => n.input.includes(input.name));
  if (consumers.length === 0 || consumers.some((n) => n.opType !== 'Conv' || n.input[0] !== input.name)) {
    throw new Error('expected the input to feed only convolutions');
  }
  for (const conv of consumers) reverseInputChannels(initializer(graph, conv.input[1]!));

  const image = 'image';
  const k = (name: string) => `kindred_${name}`;
  graph.initializer.push(
    int64Tensor(k('hw_index'), [1n, 2n]),
    int64Tensor(k('multiple'), [32n]),
    int64Tensor(k('pads_head'), [0n, 0n, 0n, 0n, 0n]),
    int64Tensor(k('pads_tail'), [0n]),
  );
  const prologue: NodeProto[] = [
    node('Shape', [image], [k('shape')]),
    node('Gather', [k('shape'), k('hw_index')], [k('hw')], [intAttr('axis', 0n)]),
    node('Neg', [k('hw')], [k('neg_hw')]),
    // Integer Mod with fmod=0 takes the divisor's sign: (-h) mod 32 is the padding that reaches a multiple.
    node('Mod', [k('neg_hw'), k('multiple')], [k('pad_hw')], [intAttr('fmod', 0n)]),
    // NHWC pads: begins (n, h, w, c) then ends (n, h, w, c); only the h and w ends are non-zero.
    node('Concat', [k('pads_head'), k('pad_hw'), k('pads_tail')], [k('pads')], [intAttr('axis', 0n)]),
    node('Pad', [image, k('pads')], [k('padded')], [stringAttr('mode', 'constant')]),
    // Transposed while still bytes, then cast: a quarter of the memory traffic of a float transpose.
    node('Transpose', [k('padded')], [k('planes')], [intsAttr('perm', [0n, 3n, 1n, 2n])]),
    node('Cast', [k('planes')], [input.name], [intAttr('to', BigInt(TensorProto_DataType.FLOAT))]),
  ];
  graph.node.unshift(...prologue);
  graph.input.splice(graph.input.indexOf(input), 1, valueInfo(image, TensorProto_DataType.UINT8, ['batch', 'height', 'width', 3n]));
}

/**
 * The recogniser's batch dimension is fixed at 1; here it is symbolic, and every constant Reshape
 * target that pinned it to 1 copies the input's batch instead (0 in Reshape means "same as input").
 */
function dynamicBatch(graph: GraphProto): void {
  const input = onlyInput(graph, 'input');
  if (graph.node.some((n) => ['Flatten', 'Shape', 'Expand', 'Tile'].includes(n.opType))) throw new Error('graph has shape-dependent ops this recipe does not rewrite');
  setBatch(input);
  for (const out of graph.output) setBatch(out);
  for (const info of graph.valueInfo) if (info.type?.value.case === 'tensorType' && dims(info)[0] === 1n) setBatch(info);
  let reshapes = 0;
  for (const n of graph.node.filter((x) => x.opType === 'Reshape')) {
    const shape = initializer(graph, n.input[1]!);
    const values = int64Values(shape);
    if (values[0] !== 1n) throw new Error(`Reshape ${n.name || n.output[0]} does not start with batch 1: [${values.join(', ')}]`);
    setInt64Values(shape, [0n, ...values.slice(1)]);
    reshapes++;
  }
  if (reshapes === 0 && graph.output.length === 0) throw new Error('nothing to rewrite');
}

/**
 * ONNX Runtime's CPU PRelu is a generic broadcast: half of the recogniser's time for a tenth of its
 * arithmetic (ORT's profiler: 6.3 of 12.4 ms a face). With every slope of a layer at most 1,
 * PRelu(x) = max(x, slope * x) exactly (the same product where x < 0, x itself elsewhere), and Mul and
 * Max are ORT's vectorised element-wise kernels: 12.5 -> 7 ms a face. The one layer with slopes above 1,
 * where that identity does not hold, gets another exact one.
 */
function preluAsMax(graph: GraphProto): void {
  if (!graph.node.some((n) => n.opType === 'PRelu')) throw new Error('graph has no PRelu to rewrite');
  const zero = 'kindred_zero';
  graph.initializer.push(create(TensorProtoSchema, { name: zero, dataType: TensorProto_DataType.FLOAT, dims: [], rawData: new Uint8Array(4) }));
  graph.node = graph.node.flatMap((n) => {
    if (n.opType !== 'PRelu') return [n];
    const [x, slope] = n.input as [string, string];
    const y = n.output[0]!;
    const k = (name: string) => `kindred_${y}_${name}`;
    if (floatValues(initializer(graph, slope)).every((s) => s <= 1)) return [node('Mul', [x, slope], [k('scaled')]), node('Max', [x, k('scaled')], [y])];
    // A slope above 1: relu(x) + slope * min(x, 0), as exact (x + 0 where x >= 0, 0 + slope * x below).
    return [node('Relu', [x], [k('pos')]), node('Min', [x, zero], [k('neg')]), node('Mul', [k('neg'), slope], [k('scaled')]), node('Add', [k('pos'), k('scaled')], [y])];
  });
}

function floatValues(t: TensorProto): Float32Array {
  if (t.dataType !== TensorProto_DataType.FLOAT) throw new Error(`${t.name} is not float`);
  return t.rawData.length ? new Float32Array(new Uint8Array(t.rawData).buffer) : Float32Array.from(t.floatData);
}

function onlyInput(graph: GraphProto, name: string): ValueInfoProto {
  const inits = new Set(graph.initializer.map((i) => i.name));
  const inputs = graph.input.filter((i) => !inits.has(i.name));
  if (inputs.length !== 1 || inputs[0]!.name !== name) throw new Error(`expected one graph input named "${name}", got ${inputs.map((i) => i.name).join(', ')}`);
  return inputs[0]!;
}

function tensorType(info: ValueInfoProto) {
  const t = info.type?.value;
  if (t?.case !== 'tensorType' || !t.value.shape) throw new Error(`${info.name} is not a shaped tensor`);
  return t.value;
}

/** Static dimensions of a value, null for symbolic ones. */
function dims(info: ValueInfoProto): Array<bigint | null> {
  return tensorType(info).shape!.dim.map((d) => (d.value.case === 'dimValue' ? d.value.value : null));
}

function setBatch(info: ValueInfoProto): void {
  tensorType(info).shape!.dim[0] = create(TensorShapeProto_DimensionSchema, { value: { case: 'dimParam', value: 'batch' } });
}

function initializer(graph: GraphProto, name: string): TensorProto {
  const t = graph.initializer.find((i) => i.name === name);
  if (!t) throw new Error(`no initializer ${name}`);
  return t;
}

/** Reverse axis 1 (input channels) of a float OIHW convolution weight. */
function reverseInputChannels(w: TensorProto): void {
  if (w.dataType !== TensorProto_DataType.FLOAT || w.dims.length !== 4 || w.rawData.length === 0) throw new Error(`unexpected weight layout for ${w.name}`);
  const [o, i, h, kw] = w.dims.map(Number) as [number, number, number, number];
  const src = new Float32Array(new Uint8Array(w.rawData).buffer);
  const out = new Float32Array(src.length);
  const block = h * kw;
  for (let oc = 0; oc < o; oc++) {
    for (let ic = 0; ic < i; ic++) out.set(src.subarray((oc * i + ic) * block, (oc * i + ic + 1) * block), (oc * i + (i - 1 - ic)) * block);
  }
  w.rawData = new Uint8Array(out.buffer);
}

function int64Values(t: TensorProto): bigint[] {
  if (t.dataType !== TensorProto_DataType.INT64) throw new Error(`${t.name} is not int64`);
  if (t.rawData.length) return [...new BigInt64Array(new Uint8Array(t.rawData).buffer)];
  return [...t.int64Data];
}

function setInt64Values(t: TensorProto, values: bigint[]): void {
  t.rawData = new Uint8Array(new BigInt64Array(values).buffer);
  t.int64Data = [];
}

function int64Tensor(name: string, values: bigint[]): TensorProto {
  return create(TensorProtoSchema, { name, dataType: TensorProto_DataType.INT64, dims: [BigInt(values.length)], rawData: new Uint8Array(new BigInt64Array(values).buffer) });
}

function valueInfo(name: string, elemType: TensorProto_DataType, shape: Array<string | bigint>): ValueInfoProto {
  return create(ValueInfoProtoSchema, {
    name,
    type: {
      value: {
        case: 'tensorType',
        value: {
          elemType,
          shape: { dim: shape.map((d) => ({ value: typeof d === 'string' ? { case: 'dimParam' as const, value: d } : { case: 'dimValue' as const, value: d } })) },
        },
      },
    },
  });
}

function node(opType: string, input: string[], output: string[], attribute: AttributeProto[] = []): NodeProto {
  return create(NodeProtoSchema, { opType, input, output, name: `kindred_${opType.toLowerCase()}_${output[0]}`, attribute });
}

const intAttr = (name: string, i: bigint) => create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.INT, i });
const intsAttr = (name: string, ints: bigint[]) => create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.INTS, ints });
const stringAttr = (name: string, s: string) => create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.STRING, s: new TextEncoder().encode(s) });

