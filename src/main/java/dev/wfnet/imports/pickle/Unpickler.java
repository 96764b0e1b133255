package dev.wfnet.imports.pickle;

import dev.wfnet.WfnetException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pickle virtual machine in pure Java that never executes anything. It reads the binary pickle
 * protocols 2 to 5 (and the text integer and float opcodes of protocol 0) into Java values:
 * None as {@code null}, bool as {@link Boolean}, int as {@link Long} (or {@link BigInteger} when
 * larger), float as {@link Double}, str as {@link String}, bytes as {@code byte[]}, list as
 * {@link ArrayList}, tuple as {@link PyTuple}, dict as {@link LinkedHashMap}, set as
 * {@link LinkedHashSet}. Every opcode that would import or call Python code ({@code GLOBAL},
 * {@code REDUCE}, {@code NEWOBJ}, {@code BUILD}, persistent ids) is decided by {@link PickleRules};
 * the old-style instance opcodes and the extension registry are refused outright.
 *
 * <p>Sizes are bounded before anything is allocated (a length field is checked against the bytes
 * that remain), as are the stack, the memo and the number of container elements, so a hostile
 * file ends in a domain error, never in an out-of-memory error or a crash.
 */
public final class Unpickler {
    /** Values on the stack, across every open MARK. */
    static final int MAX_STACK = 1 << 20;
    /** Memo entries. */
    static final int MAX_MEMO = 1 << 20;
    /** Elements added to containers by APPEND(S), SETITEM(S), ADDITEMS and the MARK-tuple opcodes. */
    static final long MAX_ELEMENTS = 1L << 23;
    /** Nested MARKs. */
    static final int MAX_MARKS = 10_000;
    /** A text line (protocol 0 numbers, GLOBAL names). */
    static final int MAX_LINE = 4096;
    static final int HIGHEST_PROTOCOL = 5;

    private final String source;
    private final ByteBuffer in;
    private final PickleRules rules;
    private final Map<Long, Object> memo = new HashMap<>();
    private final List<List<Object>> marks = new ArrayList<>();
    private List<Object> stack = new ArrayList<>();
    private int stackTotal;
    private long elements;
    private int opcodeAt;

    private Unpickler(String source, ByteBuffer in, PickleRules rules) {
        this.source = source;
        this.in = in.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.rules = rules;
    }

    /**
     * Reads one pickle from the buffer's position to its STOP opcode and advances the buffer's
     * position past it (so several pickles in a row can be read, as PyTorch's legacy format needs).
     *
     * @param source names the pickle in error messages ("model.pth", "model.pth: data.pkl")
     */
    public static Object load(String source, ByteBuffer bytes, PickleRules rules) throws WfnetException {
        Unpickler unpickler = new Unpickler(source, bytes, rules);
        Object result = unpickler.run();
        bytes.position(bytes.position() + unpickler.in.position());
        return result;
    }

    private Object run() throws WfnetException {
        try {
            while (true) {
                opcodeAt = in.position();
                if (!in.hasRemaining()) {
                    throw malformed("the pickle ends without a STOP opcode (truncated file?)");
                }
                int op = in.get() & 0xFF;
                if (op == '.') {
                    return pop();
                }
                step(op);
            }
        } catch (IllegalArgumentException refused) {
            throw new WfnetException(source + ": " + refused.getMessage() + " (pickle byte " + opcodeAt + ")",
                    refused);
        } catch (ClassCastException | IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw malformed("opcode 0x" + Integer.toHexString(in.get(opcodeAt) & 0xFF) + " on the wrong kind of"
                    + " value or past the end of the data");
        }
    }

    private void step(int op) throws WfnetException {
        switch (op) {
            case 0x80 -> { // PROTO
                int protocol = u8();
                if (protocol > HIGHEST_PROTOCOL) {
                    throw malformed("pickle protocol " + protocol + " is newer than any this reader knows");
                }
            }
            case 0x95 -> bytesLength(8); // FRAME: a hint for buffering; the framed opcodes follow inline
            case '(' -> mark();
            case '0' -> {
                if (stack.isEmpty() && !marks.isEmpty()) {
                    popMark();
                } else {
                    pop();
                }
            }
            case '1' -> popMark();
            case '2' -> push(peek());
            case 'N' -> push(null);
            case 0x88 -> push(Boolean.TRUE);
            case 0x89 -> push(Boolean.FALSE);
            case 'I' -> push(textInteger(line()));
            case 'J' -> push((long) in.getInt());
            case 'K' -> push((long) u8());
            case 'M' -> push((long) (in.getShort() & 0xFFFF));
            case 'L' -> push(textLong(line()));
            case 0x8a -> push(littleEndianInteger(bytes(u8())));
            case 0x8b -> push(littleEndianInteger(bytes(bytesLength(4))));
            case 'F' -> push(textFloat(line()));
            case 'G' -> push(in.duplicate().order(ByteOrder.BIG_ENDIAN).getDouble(advance(8)));
            case 'T' -> push(text(bytes(bytesLength(4))));
            case 'U' -> push(text(bytes(u8())));
            case 'X' -> push(text(bytes(bytesLength(4))));
            case 0x8c -> push(text(bytes(u8())));
            case 0x8d -> push(text(bytes(bytesLength(8))));
            case 'B' -> push(bytes(bytesLength(4)));
            case 'C' -> push(bytes(u8()));
            case 0x8e, 0x96 -> push(bytes(bytesLength(8)));
            case ']' -> push(new ArrayList<>());
            case 'l' -> push(new ArrayList<>(counted(popMark())));
            case 'a' -> {
                Object item = pop();
                list(peek(), "APPEND").add(item);
                count(1);
            }
            case 'e' -> {
                List<Object> items = popMark();
                list(peek(), "APPENDS").addAll(counted(items));
            }
            case ')' -> push(PyTuple.EMPTY);
            case 't' -> push(new PyTuple(counted(popMark())));
            case 0x85 -> push(PyTuple.of(pop()));
            case 0x86 -> {
                Object second = pop();
                push(PyTuple.of(pop(), second));
            }
            case 0x87 -> {
                Object third = pop();
                Object second = pop();
                push(PyTuple.of(pop(), second, third));
            }
            case '}' -> push(new LinkedHashMap<>());
            case 'd' -> {
                Map<Object, Object> dict = new LinkedHashMap<>();
                putAll(dict, popMark());
                push(dict);
            }
            case 's' -> {
                Object value = pop();
                Object key = pop();
                putAll(dict(peek(), "SETITEM"), java.util.Arrays.asList(key, value));
            }
            case 'u' -> {
                List<Object> items = popMark();
                putAll(dict(peek(), "SETITEMS"), items);
            }
            case 0x8f -> push(new LinkedHashSet<>());
            case 0x90 -> {
                List<Object> items = popMark();
                Object target = peek();
                if (!(target instanceof LinkedHashSet<?>)) {
                    throw malformed("ADDITEMS on a " + typeName(target) + ", not a set");
                }
                @SuppressWarnings("unchecked")
                Set<Object> set = (Set<Object>) target;
                for (Object item : counted(items)) {
                    set.add(key(item));
                }
            }
            case 0x91 -> {
                Set<Object> set = new LinkedHashSet<>();
                for (Object item : counted(popMark())) {
                    set.add(key(item));
                }
                push(Collections.unmodifiableSet(set));
            }
            case 'p' -> memoPut(textIndex(line()));
            case 'q' -> memoPut(u8());
            case 'r' -> memoPut(in.getInt() & 0xFFFFFFFFL);
            case 0x94 -> memoPut(memo.size());
            case 'g' -> memoGet(textIndex(line()));
            case 'h' -> memoGet(u8());
            case 'j' -> memoGet(in.getInt() & 0xFFFFFFFFL);
            case 'c' -> {
                String module = line();
                String name = line();
                push(rules.global(new PyGlobal(module, name)));
            }
            case 0x93 -> {
                Object name = pop();
                Object module = pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw malformed("STACK_GLOBAL needs two strings");
                }
                push(rules.global(new PyGlobal(m, n)));
            }
            case 'R' -> {
                PyTuple arguments = tuple(pop(), "REDUCE");
                Object callable = pop();
                push(rules.call(callable, arguments));
            }
            case 0x81 -> {
                PyTuple arguments = tuple(pop(), "NEWOBJ");
                Object type = pop();
                push(rules.newObject(type, arguments));
            }
            case 0x92 -> {
                Object keywords = pop();
                PyTuple arguments = tuple(pop(), "NEWOBJ_EX");
                Object type = pop();
                if (!(keywords instanceof Map<?, ?> map) || !map.isEmpty()) {
                    throw new IllegalArgumentException("NEWOBJ_EX with keyword arguments for " + type
                            + " is not allowed");
                }
                push(rules.newObject(type, arguments));
            }
            case 'b' -> {
                Object state = pop();
                Object instance = pop();
                push(rules.build(instance, state));
            }
            case 'Q' -> push(rules.persistentLoad(pop()));
            case 'P' -> push(rules.persistentLoad(line()));
            case 'i', 'o' -> throw new IllegalArgumentException("the old-style instance opcode "
                    + (op == 'i' ? "INST" : "OBJ") + " would create a Python object, which is not allowed");
            case 0x82, 0x83, 0x84 -> throw new IllegalArgumentException("the extension-registry opcode EXT"
                    + (op == 0x82 ? 1 : op == 0x83 ? 2 : 4) + " names a Python object by code, which is not allowed");
            case 0x97, 0x98 -> throw new IllegalArgumentException("out-of-band buffers (protocol 5) are not"
                    + " supported");
            default -> throw malformed("unknown opcode 0x" + Integer.toHexString(op));
        }
    }

    // ---- the stack -------------------------------------------------------------------------------

    private void push(Object value) throws WfnetException {
        if (stackTotal >= MAX_STACK) {
            throw malformed("more than " + MAX_STACK + " values on the stack");
        }
        stack.add(value);
        stackTotal++;
    }

    private Object pop() throws WfnetException {
        if (stack.isEmpty()) {
            throw malformed("an opcode needs a value but the stack is empty");
        }
        stackTotal--;
        return stack.remove(stack.size() - 1);
    }

    private Object peek() throws WfnetException {
        if (stack.isEmpty()) {
            throw malformed("an opcode needs a value but the stack is empty");
        }
        return stack.get(stack.size() - 1);
    }

    private void mark() throws WfnetException {
        if (marks.size() >= MAX_MARKS) {
            throw malformed("more than " + MAX_MARKS + " nested MARKs");
        }
        marks.add(stack);
        stack = new ArrayList<>();
    }

    private List<Object> popMark() throws WfnetException {
        if (marks.isEmpty()) {
            throw malformed("an opcode needs a MARK but there is none");
        }
        List<Object> items = stack;
        stack = marks.remove(marks.size() - 1);
        stackTotal -= items.size();
        return items;
    }

    private List<Object> counted(List<Object> items) throws WfnetException {
        count(items.size());
        return items;
    }

    private void count(long added) throws WfnetException {
        elements += added;
        if (elements > MAX_ELEMENTS) {
            throw malformed("more than " + MAX_ELEMENTS + " container elements");
        }
    }

    private void memoPut(long index) throws WfnetException {
        if (memo.size() >= MAX_MEMO && !memo.containsKey(index)) {
            throw malformed("more than " + MAX_MEMO + " memo entries");
        }
        memo.put(index, peek());
    }

    private void memoGet(long index) throws WfnetException {
        if (!memo.containsKey(index)) {
            throw malformed("memo entry " + index + " is read before it is written");
        }
        push(memo.get(index));
    }

    // ---- containers ------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private List<Object> list(Object value, String opcode) throws WfnetException {
        if (!(value instanceof ArrayList<?>)) {
            throw malformed(opcode + " on a " + typeName(value) + ", not a list");
        }
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object value, String opcode) throws WfnetException {
        if (!(value instanceof LinkedHashMap<?, ?>)) {
            throw malformed(opcode + " on a " + typeName(value) + ", not a dict");
        }
        return (Map<Object, Object>) value;
    }

    private PyTuple tuple(Object value, String opcode) throws WfnetException {
        if (!(value instanceof PyTuple tuple)) {
            throw malformed(opcode + " needs a tuple of arguments, got a " + typeName(value));
        }
        return tuple;
    }

    private void putAll(Map<Object, Object> dict, List<Object> items) throws WfnetException {
        if (items.size() % 2 != 0) {
            throw malformed("a dict needs key-value pairs, got " + items.size() + " items");
        }
        count(items.size() / 2);
        for (int i = 0; i < items.size(); i += 2) {
            dict.put(key(items.get(i)), items.get(i + 1));
        }
    }

    /** Python refuses unhashable keys; so does this, which also keeps keys' hashing finite (no cycles). */
    private Object key(Object key) throws WfnetException {
        if (key instanceof byte[] bytes) {
            return text(bytes);
        }
        if (!hashable(key, 0)) {
            throw malformed("a " + typeName(key) + " cannot be a dict key or set element");
        }
        return key;
    }

    private static boolean hashable(Object key, int depth) {
        if (key == null || key instanceof String || key instanceof Long || key instanceof BigInteger
                || key instanceof Double || key instanceof Boolean || key instanceof PyGlobal) {
            return true;
        }
        if (key instanceof PyTuple tuple && depth < 16) {
            for (Object item : tuple.items()) {
                if (!hashable(item, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Python's name for the type of a value the unpickler made ("list", "dict", "None"). */
    public static String typeName(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof List<?>) {
            return "list";
        }
        if (value instanceof Map<?, ?>) {
            return "dict";
        }
        if (value instanceof PyTuple) {
            return "tuple";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof Long || value instanceof BigInteger) {
            return "int";
        }
        return value.getClass().getSimpleName();
    }

    // ---- reading ---------------------------------------------------------------------------------

    private int u8() {
        return in.get() & 0xFF;
    }

    private int advance(int count) throws WfnetException {
        if (count > in.remaining()) {
            throw malformed("a value of " + count + " bytes runs past the end of the data (truncated file?)");
        }
        int at = in.position();
        in.position(at + count);
        return at;
    }

    /** A length field, checked against what remains before anything of that size is allocated. */
    private int bytesLength(int fieldBytes) throws WfnetException {
        long length = switch (fieldBytes) {
            case 4 -> in.getInt() & 0xFFFFFFFFL;
            case 8 -> in.getLong();
            default -> throw new IllegalStateException("unreachable");
        };
        if (length < 0 || length > in.remaining()) {
            throw malformed("a length of " + Long.toUnsignedString(length) + " bytes runs past the end of the data"
                    + " (" + in.remaining() + " bytes remain; truncated or corrupt file?)");
        }
        return (int) length;
    }

    private byte[] bytes(int count) throws WfnetException {
        byte[] out = new byte[count];
        in.get(advance(count), out);
        return out;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private String line() throws WfnetException {
        int start = in.position();
        int limit = Math.min(in.limit(), start + MAX_LINE);
        for (int i = start; i < limit; i++) {
            if (in.get(i) == '\n') {
                byte[] bytes = new byte[i - start];
                in.get(start, bytes);
                in.position(i + 1);
                return text(bytes);
            }
        }
        throw malformed("a text line longer than " + MAX_LINE + " bytes or without its newline");
    }

    private Object textInteger(String text) throws WfnetException {
        if (text.equals("01")) {
            return Boolean.TRUE;
        }
        if (text.equals("00")) {
            return Boolean.FALSE;
        }
        return textLong(text);
    }

    private Object textLong(String text) throws WfnetException {
        String digits = text.endsWith("L") ? text.substring(0, text.length() - 1) : text;
        try {
            return normalise(new BigInteger(digits.trim()));
        } catch (NumberFormatException e) {
            throw malformed("'" + text + "' is not an integer");
        }
    }

    private long textIndex(String text) throws WfnetException {
        Object value = textLong(text);
        if (!(value instanceof Long index) || index < 0) {
            throw malformed("memo index '" + text + "' is not a non-negative integer");
        }
        return index;
    }

    private Double textFloat(String text) throws WfnetException {
        try {
            return Double.parseDouble(text.trim().replace("inf", "Infinity").replace("nan", "NaN"));
        } catch (NumberFormatException e) {
            throw malformed("'" + text + "' is not a float");
        }
    }

    /** Python's LONG1/LONG4: two's complement, little-endian. */
    private static Object littleEndianInteger(byte[] bytes) {
        if (bytes.length == 0) {
            return 0L;
        }
        byte[] bigEndian = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bigEndian[i] = bytes[bytes.length - 1 - i];
        }
        return normalise(new BigInteger(bigEndian));
    }

    private static Object normalise(BigInteger value) {
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private WfnetException malformed(String what) {
        return new WfnetException(source + " is not a valid pickle or is damaged: " + what + " (pickle byte "
                + opcodeAt + ")");
    }
}
