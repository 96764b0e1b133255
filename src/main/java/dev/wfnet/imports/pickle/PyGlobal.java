package dev.wfnet.imports.pickle;

/**
 * A Python global named by a pickle ({@code GLOBAL module name}): only a name. The unpickler never
 * imports or calls it; the rules decide whether the name is allowed and what it stands for.
 *
 * @param module the dotted module ("torch._utils")
 * @param name the attribute within it ("_rebuild_tensor_v2")
 */
public record PyGlobal(String module, String name) {

    /** "torch._utils._rebuild_tensor_v2". */
    public String qualifiedName() {
        return module + "." + name;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
