package dev.wfnet.imports.pickle;

/**
 * An instance of a class the rules let stand as plain data (a TorchScript module's attributes):
 * its class name and the state a {@code BUILD} gave it. No code of the class runs, ever.
 */
public final class PyObject {
    private final PyGlobal type;
    private Object state;

    public PyObject(PyGlobal type) {
        this.type = type;
    }

    public PyGlobal type() {
        return type;
    }

    /** What {@code BUILD} set: for TorchScript modules, a dictionary of attribute name to value. */
    public Object state() {
        return state;
    }

    void setState(Object state) {
        this.state = state;
    }

    @Override
    public String toString() {
        return type.qualifiedName() + " object";
    }
}
