package dev.shutter.models;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What an ONNX Runtime session actually takes and gives, as {@link TensorSpec}s to check a signature with. */
public final class OnnxSignatures {

    private OnnxSignatures() {}

    /** How the session differs from {@code signature}, in words; empty when it is that model. */
    public static List<String> mismatches(OrtSession session, ModelSignature signature) {
        try {
            return signature.mismatches(specs(session.getInputInfo()), specs(session.getOutputInfo()));
        } catch (OrtException e) {
            return List.of("ONNX Runtime cannot describe the model: " + e.getMessage());
        }
    }

    public static List<TensorSpec> specs(Map<String, NodeInfo> nodes) {
        List<TensorSpec> specs = new ArrayList<>();
        nodes.forEach((name, node) -> {
            if (node.getInfo() instanceof TensorInfo tensor) {
                TensorSpec.DType type = switch (tensor.type) {
                    case FLOAT -> TensorSpec.DType.FLOAT32;
                    case INT64 -> TensorSpec.DType.INT64;
                    default -> null;
                };
                if (type == null) {
                    throw new IllegalArgumentException(name + " has element type " + tensor.type);
                }
                specs.add(new TensorSpec(name, type, tensor.getShape()));
            }
        });
        return specs;
    }

    /** The signature a model of the Explore release must have. */
    public static ModelSignature explore(String name, int dimension) {
        return switch (name) {
            case TwoTower.ITEM_TOWER -> TwoTower.itemTower(dimension);
            case TwoTower.USER_TOWER -> TwoTower.userTower(dimension);
            case Ranker.NAME -> Ranker.signature();
            default -> throw new IllegalArgumentException("no Explore model is called " + name);
        };
    }
}
