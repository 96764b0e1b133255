package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import dev.wfnet.data.ImageShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small Vision Transformer with timm's parameter names: a patch embedding (a convolution whose
 * kernel and stride are the patch size), a class token and learned position embeddings, pre-norm
 * blocks (multi-head self-attention, then an MLP with exact erf GELU), a final layer norm (eps
 * 1e-6 everywhere, as timm) and a linear head on the class token.
 *
 * <p>Arguments (defaults): {@code patch} (4), {@code dim} (64), {@code depth} (4), {@code heads}
 * (4), {@code mlp_ratio} (2). The image must divide into whole patches.
 */
public final class VisionTransformer extends FunctionalNetwork {
    public static final String ID = "vit";
    private final int patch;
    private final int dim;
    private final int depth;
    private final int heads;
    private final int mlpRatio;

    public VisionTransformer(ImageShape input, int classes, int patch, int dim, int depth, int heads, int mlpRatio) {
        super(input, classes, parameterList(input, classes, patch, dim, depth, heads, mlpRatio));
        this.patch = patch;
        this.dim = dim;
        this.depth = depth;
        this.heads = heads;
        this.mlpRatio = mlpRatio;
    }

    private static List<ParameterSpec> parameterList(ImageShape input, int classes, int patch, int dim, int depth,
                                                     int heads, int mlpRatio) {
        if (patch <= 0 || dim <= 0 || depth <= 0 || heads <= 0 || mlpRatio <= 0) {
            throw new IllegalArgumentException("vit arguments must be positive: patch=" + patch + ", dim=" + dim
                    + ", depth=" + depth + ", heads=" + heads + ", mlp_ratio=" + mlpRatio);
        }
        if (input.height() % patch != 0 || input.width() % patch != 0) {
            throw new IllegalArgumentException("vit needs an image size divisible by the patch size: "
                    + input.height() + "x" + input.width() + " does not divide into " + patch + "x" + patch
                    + " patches");
        }
        if (dim % heads != 0) {
            throw new IllegalArgumentException("vit needs dim divisible by heads: dim=" + dim + ", heads=" + heads);
        }
        long tokens = (long) (input.height() / patch) * (input.width() / patch) + 1;
        List<ParameterSpec> specs = new ArrayList<>();
        specs.add(ParameterSpec.of("cls_token", ParameterRole.EMBEDDING, Init.TRUNCATED_NORMAL, 1, 1, dim));
        specs.add(ParameterSpec.of("pos_embed", ParameterRole.EMBEDDING, Init.TRUNCATED_NORMAL, 1, tokens, dim));
        Layers.convParameters(specs, "patch_embed.proj", input.channels(), dim, patch, true, Init.TRUNCATED_NORMAL);
        for (int i = 0; i < depth; i++) {
            String block = "blocks." + i;
            Layers.layerNormParameters(specs, block + ".norm1", dim);
            Layers.linearParameters(specs, block + ".attn.qkv", dim, 3L * dim, Init.TRUNCATED_NORMAL);
            Layers.linearParameters(specs, block + ".attn.proj", dim, dim, Init.TRUNCATED_NORMAL);
            Layers.layerNormParameters(specs, block + ".norm2", dim);
            Layers.linearParameters(specs, block + ".mlp.fc1", dim, (long) dim * mlpRatio, Init.TRUNCATED_NORMAL);
            Layers.linearParameters(specs, block + ".mlp.fc2", (long) dim * mlpRatio, dim, Init.TRUNCATED_NORMAL);
        }
        Layers.layerNormParameters(specs, "norm", dim);
        Layers.linearParameters(specs, "head", dim, classes, Init.TRUNCATED_NORMAL);
        return specs;
    }

    @Override
    public ArchitectureSpec spec() {
        Map<String, String> arguments = new TreeMap<>();
        arguments.put("patch", Integer.toString(patch));
        arguments.put("dim", Integer.toString(dim));
        arguments.put("depth", Integer.toString(depth));
        arguments.put("heads", Integer.toString(heads));
        arguments.put("mlp_ratio", Integer.toString(mlpRatio));
        return ArchitectureSpec.of(ID, arguments);
    }




    @Override
    public NDArray forward(ParameterSource p, NDArray x, boolean training) {
        long batch = x.getShape().get(0);
        // N x C x H x W -> N x D x h x w -> N x (h*w) x D
        x = Layers.conv(p, "patch_embed.proj", x, patch, 0, true);
        x = x.reshape(batch, dim, -1).transpose(0, 2, 1);
        NDArray cls = p.get("cls_token").broadcast(batch, 1, dim);
        x = NDArrays.concat(new NDList(cls, x), 1).add(p.get("pos_embed"));
        for (int i = 0; i < depth; i++) {
            String block = "blocks." + i;
            x = x.add(attention(p, block + ".attn", Layers.layerNorm(p, block + ".norm1", x)));
            NDArray hidden = gelu(Layers.linear(p, block + ".mlp.fc1", Layers.layerNorm(p, block + ".norm2", x)));
            x = x.add(Layers.linear(p, block + ".mlp.fc2", hidden));
        }
        x = Layers.layerNorm(p, "norm", x);
        return Layers.linear(p, "head", x.get(new NDIndex(":, 0")));
    }

    private NDArray attention(ParameterSource p, String prefix, NDArray x) {
        long batch = x.getShape().get(0);
        long tokens = x.getShape().get(1);
        int headDim = dim / heads;
        // N x L x 3D -> 3 x N x heads x L x headDim, the layout of timm's qkv (q, k, v; heads within each)
        NDArray qkv = Layers.linear(p, prefix + ".qkv", x).reshape(batch, tokens, 3, heads, headDim)
                .transpose(2, 0, 3, 1, 4);
        NDArray q = EngineValues.times(qkv.get(0), 1.0 / Math.sqrt(headDim));
        NDArray k = qkv.get(1);
        NDArray v = qkv.get(2);
        NDArray weights = q.matMul(k.transpose(0, 1, 3, 2)).softmax(-1);
        NDArray out = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, tokens, dim);
        return Layers.linear(p, prefix + ".proj", out);
    }

    /**
     * Exact GELU, x * Phi(x), as torch's {@code nn.GELU()} default. DJL's {@code Activation.gelu}
     * calls torch's {@code gelu} without the tanh approximation on the PyTorch engine (a test pins
     * this), so it is used directly.
     */
    private static NDArray gelu(NDArray x) {
        return Activation.gelu(x);
    }
}
