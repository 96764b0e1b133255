package dev.wfnet.imports.pickle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Python tuple: immutable, usable as a dictionary key. Items may be {@code null} (Python's None).
 *
 * @param items the elements in order
 */
public record PyTuple(List<Object> items) {

    public static final PyTuple EMPTY = new PyTuple(List.of());

    public PyTuple {
        items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    public static PyTuple of(Object... items) {
        return new PyTuple(java.util.Arrays.asList(items));
    }

    public int size() {
        return items.size();
    }

    public Object get(int index) {
        return items.get(index);
    }
}
