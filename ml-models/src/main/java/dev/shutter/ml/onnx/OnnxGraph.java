package dev.shutter.ml.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.shutter.models.TensorSpec;
import java.util.Map;

/**
 * An ONNX graph written on the protobuf classes directly: DJL cannot write ONNX and Tribuo's
 * helpers lack the operators the towers need (MatMul, Relu, LpNormalization). Node outputs are
 * named by the graph ({@code name_1}, ...), so callers chain them as values.
 */
public final class OnnxGraph {

    /** The default domain's opset: ReduceSum and Unsqueeze take their axes as inputs from 13 on. */
    public static final long OPSET = 17;
    private static final long IR_VERSION = 8;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private int counter;

    public OnnxGraph(String name) {
        graph.setName(name);
    }

    public String input(TensorSpec spec) {
        graph.addInput(valueInfo(spec));
        return spec.name();
    }

    /** Marks {@code value} as the graph's output {@code spec} (renamed by an Identity). */
    public void output(String value, TensorSpec spec) {
        node("Identity", new String[] {value}, spec.name(), Map.of());
        graph.addOutput(valueInfo(spec));
    }

    public String floats(String name, float[] values, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(unique(name))
                .setDataType(TensorProto.DataType.FLOAT.getNumber());
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        // Raw little-endian bytes: a repeated float field would cost 5 bytes a value and a slow parse.
        java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(values.length * Float.BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        tensor.setRawData(com.google.protobuf.ByteString.copyFrom(raw.array()));
        graph.addInitializer(tensor);
        return tensor.getName();
    }

    public String longs(String name, long... values) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(unique(name))
                .setDataType(TensorProto.DataType.INT64.getNumber()).addDims(values.length);
        for (long value : values) {
            tensor.addInt64Data(value);
        }
        graph.addInitializer(tensor);
        return tensor.getName();
    }

    public String scalar(String name, float value) {
        return floats(name, new float[] {value});
    }

    /** Adds a node and returns its (single) output's name. */
    public String node(String op, String[] inputs, Map<String, Object> attributes) {
        return node(op, inputs, unique(op.toLowerCase(java.util.Locale.ROOT)), attributes);
    }

    public String node(String op, String... inputs) {
        return node(op, inputs, Map.of());
    }

    private String node(String op, String[] inputs, String output, Map<String, Object> attributes) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(output + "_node").addOutput(output);
        for (String input : inputs) {
            node.addInput(input);
        }
        attributes.forEach((name, value) -> node.addAttribute(attribute(name, value)));
        graph.addNode(node);
        return output;
    }

    public byte[] toModel(String producerVersion) {
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("shutter-ml-models")
                .setProducerVersion(producerVersion)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build()
                .toByteArray();
    }

    private String unique(String base) {
        return base + "_" + (++counter);
    }

    private static AttributeProto attribute(String name, Object value) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name);
        switch (value) {
            case Long l -> attribute.setType(AttributeProto.AttributeType.INT).setI(l);
            case Integer i -> attribute.setType(AttributeProto.AttributeType.INT).setI(i);
            case Float f -> attribute.setType(AttributeProto.AttributeType.FLOAT).setF(f);
            default -> throw new IllegalArgumentException("unsupported attribute " + name + ": " + value);
        }
        return attribute.build();
    }

    private static ValueInfoProto valueInfo(TensorSpec spec) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long dim : spec.shape()) {
            shape.addDim(dim < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        int type = switch (spec.type()) {
            case FLOAT32 -> TensorProto.DataType.FLOAT.getNumber();
            case INT64 -> TensorProto.DataType.INT64.getNumber();
        };
        return ValueInfoProto.newBuilder().setName(spec.name())
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape)))
                .build();
    }
}
