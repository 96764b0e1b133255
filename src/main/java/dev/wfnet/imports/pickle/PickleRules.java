package dev.wfnet.imports.pickle;

/**
 * What a pickle may construct. The unpickler handles plain data (numbers, strings, lists, tuples,
 * dictionaries, sets) itself and asks the rules about every opcode that would import or call
 * something in Python: each answer is either a value computed in Java from data, or a refusal.
 * A refusal is an {@link IllegalArgumentException} whose message names what was refused; the
 * unpickler turns it into a domain error with the file name and position.
 */
public interface PickleRules {

    /** {@code GLOBAL module name}: the value standing for the name, or a refusal. */
    Object global(PyGlobal global);

    /** {@code REDUCE}: {@code callable(*arguments)}, where callable is a value {@link #global} returned. */
    Object call(Object callable, PyTuple arguments);

    /** {@code NEWOBJ}: {@code type.__new__(type, *arguments)}. */
    Object newObject(Object type, PyTuple arguments);

    /** {@code BUILD}: sets {@code state} on {@code instance}; returns what replaces it on the stack. */
    Object build(Object instance, Object state);

    /** {@code BINPERSID}/{@code PERSID}: the object a persistent id refers to (PyTorch: a storage). */
    Object persistentLoad(Object id);

    /** Sets the state of a data-only object; for rules that let {@link PyObject}s stand. */
    static PyObject setState(PyObject object, Object state) {
        object.setState(state);
        return object;
    }
}
