package dev.wfnet.imports;

import dev.wfnet.imports.pickle.PickleRules;
import dev.wfnet.imports.pickle.PyGlobal;
import dev.wfnet.imports.pickle.PyObject;
import dev.wfnet.imports.pickle.PyTuple;
import dev.wfnet.imports.pickle.Unpickler;
import dev.wfnet.io.ElementType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What PyTorch's {@code torch.load(..., weights_only=True)} accepts, decided in Java: the tensor
 * rebuild functions, {@code torch.nn.Parameter}, {@code collections.OrderedDict}, {@code torch.Size},
 * dtypes, the typed storages as persistent ids, and the few builtins state dicts need (sets,
 * {@code _codecs.encode} for bytes). Everything else is refused with a message naming the global.
 * Nothing is ever imported or called: each allowed global is computed here from its arguments.
 *
 * <p>In TorchScript mode the module objects of the archive ({@code __torch__.*} classes) are kept
 * as plain data ({@link PyObject}: class name and attribute dictionary), as are TorchScript's list
 * builders; its compiled code is never looked at.
 */
final class TorchPickleRules implements PickleRules {
    /** Resolves a persistent id's storage in the file being read. */
    @FunctionalInterface
    interface Storages {
        /**
         * @param type the element type its storage class names
         * @param key the storage key
         * @param elements the element count the pickle states
         * @param view the legacy format's view metadata {@code (view_key, offset, size)}, or null
         */
        StorageRef resolve(ElementType type, String key, long elements, PyTuple view);
    }

    static final Map<String, ElementType> STORAGE_TYPES = Map.of(
            "FloatStorage", ElementType.F32, "DoubleStorage", ElementType.F64, "HalfStorage", ElementType.F16,
            "BFloat16Storage", ElementType.BF16, "LongStorage", ElementType.I64, "IntStorage", ElementType.I32,
            "ShortStorage", ElementType.I16, "CharStorage", ElementType.I8, "ByteStorage", ElementType.U8,
            "BoolStorage", ElementType.BOOL);
    private static final Set<String> DTYPES = Set.of("float16", "float32", "float64", "bfloat16", "int8", "int16",
            "int32", "int64", "uint8", "bool", "half", "float", "double", "long", "int", "short", "complex32",
            "complex64", "complex128");
    private static final Set<String> UNSUPPORTED_TENSORS = Set.of("torch._utils._rebuild_sparse_tensor",
            "torch._utils._rebuild_sparse_csr_tensor", "torch._utils._rebuild_meta_tensor_no_storage",
            "torch._utils._rebuild_qtensor", "torch._utils._rebuild_device_tensor_from_numpy",
            "torch.serialization._get_layout");
    private static final Set<String> ALLOWED = Set.of("collections.OrderedDict", "torch.nn.parameter.Parameter",
            "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter",
            "torch._utils._rebuild_parameter_with_state", "torch._tensor._rebuild_from_type_v2", "torch.Size",
            "torch.Tensor", "torch.device", "builtins.set", "builtins.frozenset", "builtins.bytearray",
            "_codecs.encode");
    private static final Set<String> SCRIPT_LIST_BUILDERS = Set.of("build_intlist", "build_floatlist",
            "build_doublelist", "build_boollist", "build_tensorlist", "build_genericlist", "build_complexlist");

    private static final List<String> DATA_MODULES = List.of("builtins", "numpy", "argparse", "collections",
            "_codecs", "copyreg", "os", "posix", "nt", "subprocess", "sys", "functools", "pathlib", "torch");

    private final Storages storages;
    private final boolean torchScript;

    private TorchPickleRules(Storages storages, boolean torchScript) {
        this.storages = storages;
        this.torchScript = torchScript;
    }

    /** The rules of a {@code torch.save} file (zip or legacy). */
    static TorchPickleRules weightsOnly(Storages storages) {
        return new TorchPickleRules(storages, false);
    }

    /** The rules of a TorchScript archive's pickles: also its module objects, as data. */
    static TorchPickleRules torchScript(Storages storages) {
        return new TorchPickleRules(storages, true);
    }

    @Override
    public Object global(PyGlobal global) {
        String name = global.qualifiedName();
        if (ALLOWED.contains(name) || UNSUPPORTED_TENSORS.contains(name)) {
            return global;
        }
        if (global.module().equals("torch") && (STORAGE_TYPES.containsKey(global.name())
                || DTYPES.contains(global.name()))) {
            return global;
        }
        if (global.module().equals("torch") && global.name().endsWith("Storage")) {
            throw new IllegalArgumentException("storage type " + name + " is not supported (quantized or complex"
                    + " weights); convert the model to float32 before saving");
        }
        if (torchScript && global.module().equals("torch.jit._pickle")
                && (SCRIPT_LIST_BUILDERS.contains(global.name()) || global.name().equals("restore_type_tag"))) {
            return global;
        }
        if (torchScript && isScriptClass(global)) {
            if (global.module().startsWith("__torch__.torch.classes")) {
                throw new IllegalArgumentException("the TorchScript archive holds a C++ custom class ("
                        + name + ", as quantized models do), whose state only its own code can read; export a"
                        + " float model instead");
            }
            return global;
        }
        throw new IllegalArgumentException(refusal(global));
    }

    private static boolean isScriptClass(PyGlobal global) {
        return global.module().equals("__torch__") || global.module().startsWith("__torch__.");
    }

    /** Why a global is refused, and what to do: most often a whole pickled model. */
    static String refusal(PyGlobal global) {
        String name = global.qualifiedName();
        if (looksLikeModelClass(global)) {
            return "it holds a whole pickled model (class " + name + "), not a state_dict: reading it would import"
                    + " and run that class's code, so it is refused. In Python, where the class is defined, save"
                    + " the weights alone with torch.save(model.state_dict(), 'weights.pth') (or"
                    + " torch.jit.script(model).save('model.pt')) and import that file, naming the architecture"
                    + " with --arch";
        }
        return "it refers to the Python global " + name + ", which a weights-only load refuses (it would import"
                + " and run code). Save the tensors alone, e.g. torch.save(model.state_dict(), 'weights.pth'),"
                + " or as .safetensors";
    }

    /**
     * A class of a model's code: in {@code __main__}, torch.nn, torchvision or timm, or any
     * capitalised name outside the modules that hold plain data and tools.
     */
    private static boolean looksLikeModelClass(PyGlobal global) {
        String module = global.module();
        if (module.equals("__main__") || module.startsWith("__main__.") || module.startsWith("torch.nn.modules")
                || module.startsWith("torchvision.") || module.startsWith("timm.")) {
            return true;
        }
        boolean dataModule = DATA_MODULES.stream().anyMatch(data -> module.equals(data) || module.startsWith(data + "."));
        return !dataModule && !global.name().isEmpty() && Character.isUpperCase(global.name().charAt(0));
    }

    @Override
    public Object call(Object callable, PyTuple args) {
        if (!(callable instanceof PyGlobal global)) {
            throw new IllegalArgumentException("REDUCE on a " + describe(callable) + " is not allowed");
        }
        String name = global.qualifiedName();
        if (UNSUPPORTED_TENSORS.contains(name)) {
            throw new IllegalArgumentException("it holds a tensor kind this reader does not support (" + name
                    + ": sparse, quantized or meta tensors); save dense float tensors");
        }
        switch (name) {
            case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor" -> {
                return rebuildTensor(args, name);
            }
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" -> {
                requireArity(args, 3, 4, name);
                return requireTensor(args.get(0), name);
            }
            case "torch._tensor._rebuild_from_type_v2" -> {
                requireArity(args, 4, 4, name);
                Object type = args.get(1);
                if (!(type instanceof PyGlobal t) || !(t.qualifiedName().equals("torch.Tensor")
                        || t.qualifiedName().equals("torch.nn.parameter.Parameter"))) {
                    throw new IllegalArgumentException("a tensor subclass (" + describe(type) + ") is not allowed");
                }
                return requireTensor(call(args.get(0), tuple(args.get(2), name)), name);
            }
            case "collections.OrderedDict" -> {
                return orderedDict(args);
            }
            case "torch.Size" -> {
                requireArity(args, 0, 1, name);
                return args.size() == 0 ? PyTuple.EMPTY : new PyTuple(sequence(args.get(0), name));
            }
            case "torch.device" -> {
                return args.items().stream().map(String::valueOf).reduce((a, b) -> a + ":" + b).orElse("cpu");
            }
            case "builtins.set" -> {
                return args.size() == 0 ? new LinkedHashSet<>() : new LinkedHashSet<>(sequence(args.get(0), name));
            }
            case "builtins.frozenset" -> {
                return Collections.unmodifiableSet(args.size() == 0 ? Set.of()
                        : new LinkedHashSet<>(sequence(args.get(0), name)));
            }
            case "builtins.bytearray" -> {
                return args.size() == 0 ? new byte[0] : encode(args);
            }
            case "_codecs.encode" -> {
                return encode(args);
            }
            default -> {
                if (torchScript && global.module().equals("torch.jit._pickle")) {
                    requireArity(args, 1, 2, name);
                    return args.get(0);
                }
                throw new IllegalArgumentException("calling " + name + " is not allowed");
            }
        }
    }

    @Override
    public Object newObject(Object type, PyTuple args) {
        if (type instanceof PyGlobal global && global.qualifiedName().equals("torch.nn.parameter.Parameter")) {
            return args.size() == 0 ? null : requireTensor(args.get(0), "torch.nn.Parameter");
        }
        if (torchScript && type instanceof PyGlobal global && isScriptClass(global)) {
            return new PyObject(global);
        }
        throw new IllegalArgumentException("creating a " + describe(type) + " object is not allowed");
    }

    @Override
    public Object build(Object instance, Object state) {
        if (instance instanceof PyObject object && object.state() == null) {
            return PickleRules.setState(object, state);
        }
        if (instance instanceof TorchTensor || instance instanceof LinkedHashMap<?, ?>) {
            // a Parameter's or a state_dict's extra Python attributes (state_dict._metadata): not weights
            return instance;
        }
        throw new IllegalArgumentException("setting the state of a " + describe(instance) + " is not allowed");
    }

    @Override
    public Object persistentLoad(Object id) {
        if (!(id instanceof PyTuple pid) || pid.size() < 5 || !"storage".equals(text(pid.get(0)))) {
            throw new IllegalArgumentException("a persistent id other than a storage (" + describe(id)
                    + ") is not allowed");
        }
        if (!(pid.get(1) instanceof PyGlobal type) || !type.module().equals("torch")
                || !STORAGE_TYPES.containsKey(type.name())) {
            throw new IllegalArgumentException("a storage of type " + describe(pid.get(1)) + " is not supported");
        }
        String key = text(pid.get(2));
        if (key == null || !key.matches("[A-Za-z0-9_.\\-]{1,64}") || key.contains("..")) {
            throw new IllegalArgumentException("storage key " + describe(pid.get(2)) + " is not a plain name");
        }
        long elements = integer(pid.get(4), "storage size");
        if (elements < 0) {
            throw new IllegalArgumentException("storage '" + key + "' has a negative size " + elements);
        }
        PyTuple view = pid.size() > 5 && pid.get(5) instanceof PyTuple v ? v : null;
        return storages.resolve(STORAGE_TYPES.get(type.name()), key, elements, view);
    }

    private static TorchTensor rebuildTensor(PyTuple args, String name) {
        requireArity(args, 4, 7, name);
        if (!(args.get(0) instanceof StorageRef storage)) {
            throw new IllegalArgumentException(name + " needs a storage, got a " + describe(args.get(0)));
        }
        long offset = integer(args.get(1), "storage offset");
        long[] size = longs(args.get(2), "size");
        long[] stride = longs(args.get(3), "stride");
        return TorchTensor.of(storage, offset, size, stride);
    }

    private static Map<Object, Object> orderedDict(PyTuple args) {
        Map<Object, Object> dict = new LinkedHashMap<>();
        if (args.size() == 1) {
            for (Object pair : sequence(args.get(0), "collections.OrderedDict")) {
                List<Object> kv = sequence(pair, "collections.OrderedDict");
                if (kv.size() != 2) {
                    throw new IllegalArgumentException("collections.OrderedDict needs key-value pairs");
                }
                dict.put(kv.get(0), kv.get(1));
            }
        } else if (args.size() > 1) {
            throw new IllegalArgumentException("collections.OrderedDict takes at most one argument");
        }
        return dict;
    }

    /** {@code _codecs.encode(text, 'latin1')}: how protocol 2 pickles bytes. */
    private static byte[] encode(PyTuple args) {
        requireArity(args, 1, 2, "_codecs.encode");
        if (args.get(0) instanceof byte[] bytes) {
            return bytes;
        }
        if (!(args.get(0) instanceof String text)) {
            throw new IllegalArgumentException("_codecs.encode needs a string, got a " + describe(args.get(0)));
        }
        String encoding = args.size() > 1 ? String.valueOf(args.get(1)).toLowerCase(java.util.Locale.ROOT) : "utf-8";
        return text.getBytes(encoding.startsWith("latin") || encoding.equals("iso-8859-1")
                ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private static TorchTensor requireTensor(Object value, String name) {
        if (!(value instanceof TorchTensor tensor)) {
            throw new IllegalArgumentException(name + " needs a tensor, got a " + describe(value));
        }
        return tensor;
    }

    private static void requireArity(PyTuple args, int min, int max, String name) {
        if (args.size() < min || args.size() > max) {
            throw new IllegalArgumentException(name + " called with " + args.size() + " arguments");
        }
    }

    private static PyTuple tuple(Object value, String name) {
        if (!(value instanceof PyTuple tuple)) {
            throw new IllegalArgumentException(name + " needs a tuple of arguments, got a " + describe(value));
        }
        return tuple;
    }

    private static List<Object> sequence(Object value, String name) {
        if (value instanceof PyTuple tuple) {
            return tuple.items();
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        throw new IllegalArgumentException(name + " needs a sequence, got a " + describe(value));
    }

    private static long integer(Object value, String what) {
        if (value instanceof Long number) {
            return number;
        }
        if (value instanceof BigInteger) {
            throw new IllegalArgumentException(what + " " + value + " is too large");
        }
        throw new IllegalArgumentException(what + " is a " + describe(value) + ", not an integer");
    }

    private static long[] longs(Object value, String what) {
        List<Object> items = sequence(value, what);
        if (items.size() > TorchTensor.MAX_DIMENSIONS) {
            throw new IllegalArgumentException("a tensor " + what + " has " + items.size() + " dimensions (at most "
                    + TorchTensor.MAX_DIMENSIONS + " are read)");
        }
        long[] out = new long[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = integer(items.get(i), what);
        }
        return out;
    }

    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        return null;
    }

    /** A value for messages: a global by name, a short string quoted, else its Python type. */
    static String describe(Object value) {
        if (value instanceof PyGlobal global) {
            return global.qualifiedName();
        }
        if (value instanceof String s) {
            return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
        }
        if (value instanceof TorchTensor) {
            return "tensor";
        }
        if (value instanceof PyObject object) {
            return object.toString();
        }
        return Unpickler.typeName(value);
    }
}
